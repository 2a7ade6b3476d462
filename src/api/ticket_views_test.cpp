#include "api/ticket_views.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "engine/dispatch.h"
#include "engine/test_events.h"
#include "tickets/tickets_testing.h"

namespace tix::api {
namespace {

namespace json = boost::json;

tickets::TicketMasterKey MasterKey() { return tickets::testing::MasterKey(7); }

// The bundle tells offline gates of check-ins made online or uploaded by other gates: the
// ticket and its first scan, so that a gate answers "duplicate" with who let it in.
TEST(BundleJson, ListsCheckedInTicketsWithTheirFirstScanAndReissuesOnlyNewVersions) {
    const TicketKeyring keyring(MasterKey());
    engine::Engine engine;
    const EventId event_id = engine.AddEvent(engine::SmallTestEvent());
    const auto held = engine.Hold(
        engine::HoldByQuantity{
            .user_id = UserId{5}, .event_id = event_id, .zone_id = "GA", .quantity = 3},
        At(1'000));
    ASSERT_EQ(held.outcome, engine::HoldOutcome::kOk);
    const OrderId order_id = held.order->order_id;
    ASSERT_EQ(engine.Confirm(order_id, At(2'000)), engine::OrderOutcome::kOk);
    const std::vector<engine::Ticket> tickets = engine.TicketsOfOrder(order_id);
    ASSERT_EQ(tickets.size(), 3u);
    // 0: checked in online; 1: given away, then checked in by an offline gate; 2: given away.
    ASSERT_EQ(
        engine.RecordScan({tickets[0].ticket_id, 1, event_id, "north", At(10'000), true}).outcome,
        engine::ScanOutcome::kAdmitted);
    ASSERT_EQ(engine.TransferTicket(tickets[1].ticket_id, UserId{5}, UserId{6}, At(3'000)),
              engine::TransferOutcome::kOk);
    ASSERT_EQ(engine.RecordScan({tickets[1].ticket_id, 2, event_id, "south-2", At(11'250), false})
                  .outcome,
              engine::ScanOutcome::kAdmitted);
    ASSERT_EQ(engine.TransferTicket(tickets[2].ticket_id, UserId{5}, UserId{6}, At(4'000)),
              engine::TransferOutcome::kOk);

    engine::Command query = engine::GetTicketBundle{event_id, 0};
    const json::object bundle = BundleJson(
        std::get<engine::TicketBundleReply>(Apply(engine, query, At(20'000))), 0, keyring);
    EXPECT_EQ(bundle.at("bundle_version").to_number<std::uint64_t>(), 4u);
    EXPECT_TRUE(bundle.at("revoked").as_array().empty());
    EXPECT_EQ(json::serialize(bundle.at("reissued")),
              json::serialize(json::array{
                  {{"ticket_id", engine::ToHex(tickets[1].ticket_id)}, {"version", 2}},
                  {{"ticket_id", engine::ToHex(tickets[2].ticket_id)}, {"version", 2}}}))
        << "a check-in alone re-issues nothing";
    EXPECT_EQ(json::serialize(bundle.at("checked_in")),
              json::serialize(json::array{{{"ticket_id", engine::ToHex(tickets[0].ticket_id)},
                                           {"scanned_at", "1970-01-01T00:00:10Z"},
                                           {"gate", "north"}},
                                          {{"ticket_id", engine::ToHex(tickets[1].ticket_id)},
                                           {"scanned_at", "1970-01-01T00:00:11.250Z"},
                                           {"gate", "south-2"}}}));

    // Since the first check-in: only what changed after it, each ticket once.
    query = engine::GetTicketBundle{event_id, 2};
    const json::object delta = BundleJson(
        std::get<engine::TicketBundleReply>(Apply(engine, query, At(20'000))), 2, keyring);
    EXPECT_EQ(delta.at("since").to_number<std::uint64_t>(), 2u);
    ASSERT_EQ(delta.at("checked_in").as_array().size(), 1u);
    EXPECT_EQ(delta.at("checked_in").as_array()[0].at("ticket_id").as_string(),
              engine::ToHex(tickets[1].ticket_id));
    EXPECT_EQ(delta.at("reissued").as_array().size(), 2u);
}

}  // namespace
}  // namespace tix::api
