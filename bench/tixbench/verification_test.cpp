#include "verification.h"

#include <gtest/gtest.h>

namespace tix::bench {
namespace {

// One seated zone "Z" of one row "A" with 4 seats, and a GA zone "G" of 10.
AvailabilitySnapshot Snapshot(std::string states, std::uint64_t ga_held, std::uint64_t ga_sold) {
    AvailabilitySnapshot snapshot;
    ZoneAvailability seated{.zone_id = "Z", .seated = true, .capacity = 4};
    for (const char c : states) {
        seated.held += c == 'H';
        seated.sold += c == 'S';
        seated.available += c == 'A';
    }
    seated.rows.push_back({"A", std::move(states)});
    snapshot.zones.push_back(std::move(seated));
    snapshot.zones.push_back({.zone_id = "G",
                              .capacity = 10,
                              .available = 10 - ga_held - ga_sold,
                              .held = ga_held,
                              .sold = ga_sold});
    return snapshot;
}

const std::vector<std::string> kZones = {"Z", "G"};

const Check& Find(const Verification& verification, const std::string& name) {
    for (const Check& check : verification.checks) {
        if (check.name == name) return check;
    }
    ADD_FAILURE() << "no check " << name;
    static const Check kMissing;
    return kMissing;
}

TEST(Verification, ConsistentRunPasses) {
    OrderLedger ledger;
    ledger.Add({.order_id = 1,
                .user = 0,
                .zone_index = 0,
                .quantity = 2,
                .state = OrderState::kHeld,
                .seats = {"Z-A-1", "Z-A-2"}});
    ledger.Add({.order_id = 2,
                .user = 1,
                .zone_index = 0,
                .quantity = 1,
                .state = OrderState::kPaid,
                .seats = {"Z-A-3"}});
    ledger.Add({.order_id = 3,
                .user = 1,
                .zone_index = 0,
                .quantity = 1,
                .state = OrderState::kCancelled,
                .seats = {"Z-A-1"}});
    ledger.Add(
        {.order_id = 4, .user = 2, .zone_index = 1, .quantity = 5, .state = OrderState::kPaid});
    const Verification verification = Verify(Snapshot("HHSA", 0, 5), ledger, kZones, 8);
    for (const Check& check : verification.checks) {
        EXPECT_EQ(check.verdict, Check::Verdict::kPass) << check.name << ": " << check.detail;
    }
    EXPECT_TRUE(verification.passed());
}

TEST(Verification, SeatHeldTwiceFails) {
    OrderLedger ledger;
    ledger.Add({.order_id = 1,
                .user = 0,
                .zone_index = 0,
                .quantity = 1,
                .state = OrderState::kHeld,
                .seats = {"Z-A-1"}});
    ledger.Add({.order_id = 2,
                .user = 1,
                .zone_index = 0,
                .quantity = 1,
                .state = OrderState::kHeld,
                .seats = {"Z-A-1"}});
    const Verification verification = Verify(Snapshot("HHAA", 0, 0), ledger, kZones, 8);
    EXPECT_EQ(Find(verification, "distinct seats").verdict, Check::Verdict::kFail);
    EXPECT_FALSE(verification.passed());
}

TEST(Verification, UserOverTheLimitFails) {
    OrderLedger ledger;
    ledger.Add(
        {.order_id = 1, .user = 7, .zone_index = 1, .quantity = 5, .state = OrderState::kPaid});
    ledger.Add(
        {.order_id = 2, .user = 7, .zone_index = 1, .quantity = 4, .state = OrderState::kHeld});
    const Verification verification = Verify(Snapshot("AAAA", 4, 5), ledger, kZones, 8);
    EXPECT_EQ(Find(verification, "per-user limit").verdict, Check::Verdict::kFail);
    EXPECT_EQ(Find(verification, "ledger == held + sold").verdict, Check::Verdict::kPass);
}

TEST(Verification, UserExactlyAtTheLimitPasses) {
    OrderLedger ledger;
    ledger.Add(
        {.order_id = 1, .user = 7, .zone_index = 1, .quantity = 8, .state = OrderState::kHeld});
    EXPECT_TRUE(Verify(Snapshot("AAAA", 8, 0), ledger, kZones, 8).passed());
}

TEST(Verification, CountsThatDoNotAddUpFail) {
    AvailabilitySnapshot snapshot = Snapshot("AAAA", 0, 0);
    snapshot.zones[1].available = 9;  // one GA ticket vanished
    const Verification verification = Verify(snapshot, OrderLedger{}, kZones, 8);
    EXPECT_EQ(Find(verification, "capacity").verdict, Check::Verdict::kFail);
}

TEST(Verification, SeatMapDisagreeingWithCountsFails) {
    AvailabilitySnapshot snapshot = Snapshot("HAAA", 0, 0);
    snapshot.zones[0].held = 2;
    snapshot.zones[0].available = 2;
    EXPECT_EQ(Find(Verify(snapshot, OrderLedger{}, kZones, 8), "seat map").verdict,
              Check::Verdict::kFail);
}

TEST(Verification, LedgerMissingTicketsFails) {
    OrderLedger ledger;
    ledger.Add(
        {.order_id = 1, .user = 0, .zone_index = 1, .quantity = 2, .state = OrderState::kHeld});
    const Verification verification = Verify(Snapshot("AAAA", 3, 0), ledger, kZones, 8);
    EXPECT_EQ(Find(verification, "ledger == held + sold").verdict, Check::Verdict::kFail);
}

TEST(Verification, PaidSeatShownAsHeldFails) {
    OrderLedger ledger;
    ledger.Add({.order_id = 1,
                .user = 0,
                .zone_index = 0,
                .quantity = 1,
                .state = OrderState::kPaid,
                .seats = {"Z-A-2"}});
    const Verification verification = Verify(Snapshot("AHAA", 0, 0), ledger, kZones, 8);
    EXPECT_EQ(Find(verification, "ledger seats in seat map").verdict, Check::Verdict::kFail);
}

TEST(Verification, SeatOutsideTheEventFails) {
    OrderLedger ledger;
    ledger.Add({.order_id = 1,
                .user = 0,
                .zone_index = 0,
                .quantity = 1,
                .state = OrderState::kHeld,
                .seats = {"Z-A-5"}});
    EXPECT_EQ(
        Find(Verify(Snapshot("AAAA", 0, 0), ledger, kZones, 8), "ledger seats in seat map").verdict,
        Check::Verdict::kFail);
}

TEST(Verification, UncertainLedgerSkipsTheTotalsButStillPasses) {
    OrderLedger ledger;
    ledger.CountUnansweredHold();
    const Verification verification = Verify(Snapshot("HAAA", 0, 0), ledger, kZones, 8);
    EXPECT_EQ(Find(verification, "ledger == held + sold").verdict, Check::Verdict::kSkip);
    EXPECT_TRUE(verification.passed());
}

}  // namespace
}  // namespace tix::bench
