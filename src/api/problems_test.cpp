#include "api/problems.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace tix::api {
namespace {

using engine::HoldOutcome;
using engine::OrderOutcome;
using http::beast_http::status;

std::string Code(const http::Response& response) {
    const boost::json::value body = boost::json::parse(response.body());
    return std::string(body.at("code").as_string());
}

// Every refusal keeps the status clients saw before the catalog, and the code the engine names
// the outcome by.
TEST(Problems, EachHoldRefusalKeepsItsStatusAndTheEngineName) {
    const std::vector<std::pair<HoldOutcome, status>> expected = {
        {HoldOutcome::kUnknownEvent, status::not_found},
        {HoldOutcome::kUnknownZone, status::not_found},
        {HoldOutcome::kUnknownSeat, status::not_found},
        {HoldOutcome::kInvalidQuantity, status::bad_request},
        {HoldOutcome::kSaleNotOpen, status::forbidden},
        {HoldOutcome::kSoldOut, status::conflict},
        {HoldOutcome::kNoAdjacentSeats, status::conflict},
        {HoldOutcome::kSeatTaken, status::conflict},
        {HoldOutcome::kLimitExceeded, status::unprocessable_entity},
        {HoldOutcome::kDuplicateSeat, status::bad_request},
        {HoldOutcome::kSeatsSpanZones, status::bad_request},
        {HoldOutcome::kNotSeated, status::bad_request},
        {HoldOutcome::kIdempotencyKeyReused, status::unprocessable_entity},
    };
    for (const auto& [outcome, code] : expected) {
        const http::Response response = HoldProblem(outcome);
        EXPECT_EQ(response.result(), code) << engine::ToString(outcome);
        EXPECT_EQ(Code(response), engine::ToString(outcome));
    }
}

TEST(Problems, EachOrderRefusalKeepsItsStatusAndTheEngineName) {
    const std::vector<std::pair<OrderOutcome, status>> expected = {
        {OrderOutcome::kUnknownOrder, status::not_found},
        {OrderOutcome::kExpired, status::conflict},
        {OrderOutcome::kCancelled, status::conflict},
        {OrderOutcome::kPaid, status::conflict},
    };
    for (const auto& [outcome, code] : expected) {
        const http::Response response = OrderProblem(outcome);
        EXPECT_EQ(response.result(), code) << engine::ToString(outcome);
        EXPECT_EQ(Code(response), engine::ToString(outcome));
    }
}

TEST(Problems, EachBidRefusalHasTheEngineNameAndSaysWhatToDo) {
    using engine::BidOutcome;
    engine::BidReply reply;
    reply.campaign = engine::Campaign{};
    reply.campaign->start_time = FromUnixMillis(1'796'467'800'000);
    reply.campaign->end_time = reply.campaign->start_time + std::chrono::hours{1};
    reply.product = engine::Product{};
    reply.product->min_price_minor = 12'345;
    const std::vector<std::tuple<BidOutcome, status, std::string>> expected = {
        {BidOutcome::kNotActive, status::conflict,
         "bids are taken from 2026-12-05T10:50:00Z until 2026-12-05T11:50:00Z"},
        {BidOutcome::kPriceTooLow, status::bad_request, "the minimum price is 12345 minor units"},
        {BidOutcome::kTooManyBids, status::conflict, "a campaign takes 100 bids of one user"},
    };
    for (const auto& [outcome, code, detail] : expected) {
        reply.outcome = outcome;
        const http::Response response = BidProblem(reply);
        EXPECT_EQ(response.result(), code) << engine::ToString(outcome);
        EXPECT_EQ(Code(response), engine::ToString(outcome));
        EXPECT_EQ(boost::json::parse(response.body()).at("detail").as_string(), detail);
    }
    const http::Response unknown = BidProblem(engine::BidReply{});
    EXPECT_EQ(unknown.result(), status::not_found);
    EXPECT_EQ(Code(unknown), "unknown_campaign");
    const http::Response product =
        CampaignSetupProblem(engine::CampaignSetupOutcome::kUnknownProduct);
    EXPECT_EQ(product.result(), status::not_found);
    EXPECT_EQ(Code(product), "unknown_product");
}

TEST(Problems, SuccessHandedToTheMappingIsA500) {
    for (const http::Response& response :
         {HoldProblem(HoldOutcome::kOk), HoldProblem(HoldOutcome::kReplayed),
          OrderProblem(OrderOutcome::kUnchanged), BidProblem({engine::BidOutcome::kOk}),
          CampaignSetupProblem(engine::CampaignSetupOutcome::kOk)}) {
        EXPECT_EQ(response.result(), status::internal_server_error);
        EXPECT_EQ(Code(response), "internal");
    }
}

TEST(Problems, SequencerAndStorageRefusals) {
    const http::Response overloaded = Overloaded();
    EXPECT_EQ(overloaded.result(), status::service_unavailable);
    EXPECT_EQ(Code(overloaded), "overloaded");
    EXPECT_EQ(overloaded[http::beast_http::field::retry_after], "1");
    const http::Response storage = StorageUnavailable();
    EXPECT_EQ(storage.result(), status::service_unavailable);
    EXPECT_EQ(Code(storage), "storage_unavailable");
    const http::Response forbidden = Forbidden("not yours");
    EXPECT_EQ(forbidden.result(), status::forbidden);
    EXPECT_EQ(Code(forbidden), "forbidden");
}

TEST(Problems, NotFoundAnswersTheNamedCatalogEntry) {
    const http::Response event = NotFound(http::Problem::kUnknownEvent, "No event with that id");
    EXPECT_EQ(event.result(), status::not_found);
    EXPECT_EQ(Code(event), "unknown_event");
    EXPECT_EQ(Code(NotFound(http::Problem::kUnknownUser, "No user with that id")), "unknown_user");
}

}  // namespace
}  // namespace tix::api
