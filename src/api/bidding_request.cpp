#include "api/bidding_request.h"

#include <cstdint>
#include <string>

#include "api/event_request.h"

namespace tix::api {
namespace {

// A price field in minor units (two decimals at most), recorded as a problem when invalid.
std::optional<std::int64_t> ReadPrice(http::JsonObjectReader& body, std::string_view field) {
    const boost::json::value* price = body.object().if_contains(field);
    if (price == nullptr || price->is_null()) {
        body.Fail(field, "is required");
        return std::nullopt;
    }
    const std::optional<std::int64_t> minor = PriceToMinor(*price);
    if (!minor) body.Fail(field, "must be a number from 0 with at most two decimals");
    return minor;
}

bool IsCurrencyCode(std::string_view code) {
    if (code.size() != 3) return false;
    for (const char c : code) {
        if (c < 'A' || c > 'Z') return false;
    }
    return true;
}

bool IsHttpUrl(std::string_view url) {
    return url.starts_with("https://") || url.starts_with("http://");
}

}  // namespace

std::optional<engine::Product> ReadProduct(http::JsonObjectReader& body) {
    engine::Product product;
    product.name = body.RequiredString("name", engine::kMaxNameLength);
    product.description =
        body.OptionalString("description", kProductDescriptionLengthMax).value_or("");
    product.image_url = body.OptionalString("image_url", kImageUrlLengthMax).value_or("");
    if (body.ok() && !product.image_url.empty() && !IsHttpUrl(product.image_url)) {
        body.Fail("image_url", "must be an http:// or https:// URL");
    }
    product.initial_stock =
        static_cast<std::uint32_t>(body.RequiredInt("stock", 0, engine::kProductStockMax));
    if (body.ok()) product.min_price_minor = ReadPrice(body, "min_price").value_or(0);
    product.currency =
        body.OptionalString("currency", 3, 3).value_or(std::string(kDefaultCurrency));
    if (body.ok() && !IsCurrencyCode(product.currency)) {
        body.Fail("currency", "must be three capital letters (ISO 4217), such as TWD");
    }
    body.RejectUnknownFields(
        {"name", "description", "image_url", "stock", "min_price", "currency"});
    if (!body.ok()) return std::nullopt;
    return product;
}

std::optional<engine::Campaign> ReadCampaign(http::JsonObjectReader& body, TimePoint now) {
    engine::Campaign campaign;
    campaign.product_id =
        engine::ProductId{static_cast<std::uint64_t>(body.RequiredInt("product_id", 1, INT64_MAX))};
    campaign.start_time = ReadTime(body, "start_time", true).value_or(TimePoint{});
    campaign.end_time = ReadTime(body, "end_time", true).value_or(TimePoint{});
    if (body.ok() && campaign.end_time <= campaign.start_time) {
        body.Fail("end_time", "must be after start_time");
    }
    if (body.ok() && campaign.end_time <= now) body.Fail("end_time", "must be in the future");
    const engine::ScoreWeights defaults;
    campaign.weights.alpha =
        body.OptionalNumber("alpha", 0, kScoreWeightMax).value_or(defaults.alpha);
    campaign.weights.beta = body.OptionalNumber("beta", 0, kScoreWeightMax).value_or(defaults.beta);
    campaign.weights.gamma =
        body.OptionalNumber("gamma", 0, kScoreWeightMax).value_or(defaults.gamma);
    campaign.quota =
        static_cast<std::uint32_t>(body.RequiredInt("quota", 1, engine::kCampaignQuotaMax));
    campaign.payment_window = std::chrono::seconds{
        body.OptionalInt("payment_window_seconds", engine::kPaymentWindowMin.count(),
                         engine::kPaymentWindowMax.count())
            .value_or(engine::kPaymentWindowDefault.count())};
    body.RejectUnknownFields({"product_id", "start_time", "end_time", "alpha", "beta", "gamma",
                              "quota", "payment_window_seconds"});
    if (!body.ok()) return std::nullopt;
    return campaign;
}

std::optional<engine::BidRequest> ReadBid(http::JsonObjectReader& body) {
    engine::BidRequest bid;
    bid.campaign_id = engine::CampaignId{
        static_cast<std::uint64_t>(body.RequiredInt("campaign_id", 1, INT64_MAX))};
    if (body.ok()) bid.price_minor = ReadPrice(body, "price").value_or(0);
    body.RejectUnknownFields({"campaign_id", "price"});
    if (!body.ok()) return std::nullopt;
    return bid;
}

}  // namespace tix::api
