#include "api/bidding_views.h"

#include <algorithm>

#include "api/views.h"
#include "common/rfc3339.h"

namespace tix::api {
namespace json = boost::json;

namespace {

json::value OptionalNumber(const std::optional<double>& number) {
    return number ? json::value(*number) : json::value(nullptr);
}

// A rank as GET /rankings lists it.
json::object RankJson(const engine::RankedBid& entry, std::uint32_t winning,
                      const NameOf& name_of) {
    const engine::Bid& bid = entry.bid;
    return {{"rank", entry.rank},
            {"user_id", bid.user_id.value()},
            {"username", name_of(bid.user_id)},
            {"score", bid.score},
            {"price", Money(bid.price_minor)},
            {"price_minor", bid.price_minor},
            {"is_winning", entry.rank <= winning}};
}

// A rank of the final ranking: every field of its hashed line, the line itself, and the username.
json::object FinalRankJson(const engine::RankedBid& entry, const NameOf& name_of) {
    const engine::Bid& bid = entry.bid;
    std::string line;
    engine::AppendRankingLine(line, entry);
    line.pop_back();  // the '\n' that ends each line of the hashed text
    return {{"rank", entry.rank},
            {"user_id", bid.user_id.value()},
            {"username", name_of(bid.user_id)},
            {"bid_id", bid.bid_id.value()},
            {"price", Money(bid.price_minor)},
            {"price_minor", bid.price_minor},
            {"time_elapsed_ms", bid.elapsed_ms},
            {"member_weight", bid.member_weight},
            {"score", bid.score},
            {"line", std::move(line)}};
}

}  // namespace

json::object ProductJson(const engine::Product& product) {
    return {{"product_id", product.product_id.value()},
            {"name", product.name},
            {"description", product.description},
            {"image_url", product.image_url},
            {"stock", product.stock},
            {"initial_stock", product.initial_stock},
            {"min_price", Money(product.min_price_minor)},
            {"min_price_minor", product.min_price_minor},
            {"currency", product.currency},
            {"created_at", FormatRfc3339(product.created_at)}};
}

json::object CampaignJson(const engine::RankingView& view) {
    const engine::Campaign& c = view.campaign;
    json::object out{{"campaign_id", c.campaign_id.value()},
                     {"product_id", c.product_id.value()},
                     {"start_time", FormatRfc3339(c.start_time)},
                     {"end_time", FormatRfc3339(c.end_time)},
                     {"alpha", c.weights.alpha},
                     {"beta", c.weights.beta},
                     {"gamma", c.weights.gamma},
                     {"quota", c.quota},
                     {"payment_window_seconds", c.payment_window.count()},
                     {"status", engine::ToString(view.status)},
                     {"participants", view.participants},
                     {"bids", view.bids},
                     {"winning", view.winning},
                     {"max_score", OptionalNumber(view.max_score)},
                     {"min_winning_score", OptionalNumber(view.min_winning_score)},
                     {"created_at", FormatRfc3339(c.created_at)},
                     {"settled_at", nullptr},
                     {"winners", nullptr},
                     {"final_sha256", nullptr}};
    if (c.settled) {
        out["settled_at"] = FormatRfc3339(c.settled_at);
        out["winners"] = c.winners;
        out["final_sha256"] = c.final_sha256;
    }
    return out;
}

json::object BidJson(const engine::Bid& bid) {
    return {{"bid_id", bid.bid_id.value()},      {"campaign_id", bid.campaign_id.value()},
            {"user_id", bid.user_id.value()},    {"price", Money(bid.price_minor)},
            {"price_minor", bid.price_minor},    {"score", bid.score},
            {"time_elapsed_ms", bid.elapsed_ms}, {"member_weight", bid.member_weight},
            {"bid_number", bid.bid_number},      {"placed_at", FormatRfc3339(bid.placed_at)}};
}

json::object CampaignOrderJson(const engine::CampaignOrder& order) {
    json::object out{{"kind", "campaign"},
                     {"order_id", order.order_id.value()},
                     {"user_id", order.user_id.value()},
                     {"campaign_id", order.campaign_id.value()},
                     {"product_id", order.product_id.value()},
                     {"bid_id", order.bid_id.value()},
                     {"status", engine::ToString(order.status)},
                     {"final_price", Money(order.final_price_minor)},
                     {"final_price_minor", order.final_price_minor},
                     // What is paid, named as on a ticket order.
                     {"amount", Money(order.final_price_minor)},
                     {"amount_minor", order.final_price_minor},
                     {"final_score", order.final_score},
                     {"final_rank", order.final_rank},
                     {"currency", order.currency},
                     {"pay_by", FormatRfc3339(order.pay_by)},
                     {"created_at", FormatRfc3339(order.created_at)},
                     {"updated_at", FormatRfc3339(order.updated_at)}};
    // As on a ticket order: the deadline the order expires at now, if it can.
    const bool unpaid = order.status == engine::CampaignOrderStatus::kAwaitingPayment ||
                        order.status == engine::CampaignOrderStatus::kPaymentPending;
    out["expires_at"] =
        unpaid ? json::value(FormatRfc3339(engine::DeadlineOf(order))) : json::value(nullptr);
    if (order.refund_reason != engine::RefundReason::kNone) {
        out["refund_reason"] = engine::ToString(order.refund_reason);
    }
    return out;
}

json::object RankingJson(const engine::RankingView& view, std::uint32_t limit,
                         const NameOf& name_of) {
    const std::size_t count = std::min<std::size_t>({view.top.size(), limit, view.campaign.quota});
    json::array top;
    top.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        top.push_back(RankJson(view.top[i], view.winning, name_of));
    }
    return {{"campaign_id", view.campaign.campaign_id.value()},
            {"status", engine::ToString(view.status)},
            {"quota", view.campaign.quota},
            {"top_k", std::move(top)},
            {"total_participants", view.participants},
            {"total_bids", view.bids},
            {"winning", view.winning},
            {"min_winning_score", OptionalNumber(view.min_winning_score)},
            {"max_score", OptionalNumber(view.max_score)}};
}

json::object StandingJson(const engine::RankingView& view, const engine::Standing& standing) {
    return {{"campaign_id", view.campaign.campaign_id.value()},
            {"status", engine::ToString(view.status)},
            {"rank", standing.rank},
            {"score", standing.bid.score},
            {"price", Money(standing.bid.price_minor)},
            {"price_minor", standing.bid.price_minor},
            {"is_winning", standing.is_winning},
            {"bid_id", standing.bid.bid_id.value()},
            {"bid_number", standing.bid.bid_number},
            {"total_participants", view.participants}};
}

json::object FinalRankingJson(const engine::FinalRanking& final, std::uint64_t after,
                              std::uint32_t limit, const NameOf& name_of) {
    const std::vector<engine::RankedBid>& ranking = final.ranking;
    const std::size_t begin = std::min<std::uint64_t>(after, ranking.size());
    const std::size_t end = std::min<std::size_t>(begin + limit, ranking.size());
    json::array page;
    page.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i) page.push_back(FinalRankJson(ranking[i], name_of));
    const engine::Campaign& c = final.campaign;
    return {{"campaign_id", c.campaign_id.value()},
            {"status", engine::ToString(engine::CampaignStatus::kSettled)},
            {"settled_at", FormatRfc3339(c.settled_at)},
            {"quota", c.quota},
            {"winners", c.winners},
            {"participants", ranking.size()},
            {"sha256", c.final_sha256},
            {"format", kFinalRankingFormat},
            {"ranking", std::move(page)},
            {"next_after", end < ranking.size() ? json::value(end) : json::value(nullptr)}};
}

}  // namespace tix::api
