#include "ledger.h"

#include <gtest/gtest.h>

namespace tix::bench {
namespace {

Scenario TwoZones() {
    Scenario scenario;
    scenario.name = "test";
    scenario.zones = {{"A", 10}, {"B", 5}};
    return scenario;
}

Check Find(const Verdict& verdict, const std::string& name) {
    for (const Check& check : verdict.checks) {
        if (check.name == name) return check;
    }
    ADD_FAILURE() << "no check " << name;
    return {};
}

TEST(VerifyRun, PassesWhenStoreAndLedgerAgree) {
    Ledger ledger(2, 3);
    ledger.RecordHeld({.hold_id = 1, .user = 0, .zone = 0, .quantity = 4});
    ledger.RecordHeld({.hold_id = 2, .user = 2, .zone = 1, .quantity = 5});
    ledger.RecordHeld({.hold_id = 3, .user = 2, .zone = 0, .quantity = 3});
    ledger.RecordCancelled({.hold_id = 3, .user = 2, .zone = 0, .quantity = 3});
    const StoreSnapshot snapshot{.zone_taken = {4, 5},
                                 .user_tickets = {{0, 4}, {1, 0}, {2, 5}},
                                 .zone_hold_records = std::vector<std::int64_t>{4, 5}};
    const Verdict verdict = VerifyRun(TwoZones(), snapshot, ledger);
    EXPECT_TRUE(verdict.passed()) << verdict.ToJson();
    EXPECT_EQ(verdict.checks.size(), 5u);
}

TEST(VerifyRun, OversoldZoneFailsEvenWhenTheLedgerAgrees) {
    Ledger ledger(2, 2);
    ledger.RecordHeld({.user = 0, .zone = 1, .quantity = 3});
    ledger.RecordHeld({.user = 1, .zone = 1, .quantity = 3});  // 6 of 5
    const StoreSnapshot snapshot{.zone_taken = {0, 6}, .user_tickets = {{0, 3}, {1, 3}}};
    const Verdict verdict = VerifyRun(TwoZones(), snapshot, ledger);
    EXPECT_FALSE(verdict.passed());
    EXPECT_EQ(Find(verdict, "capacity").violations, 1u);
    EXPECT_TRUE(Find(verdict, "ledger_totals").passed());
}

TEST(VerifyRun, LostStockFails) {
    Ledger ledger(2, 1);
    ledger.RecordHeld({.user = 0, .zone = 0, .quantity = 2});
    // The store took 3 where the bench was only granted 2.
    const StoreSnapshot snapshot{.zone_taken = {3, 0}, .user_tickets = {{0, 2}}};
    EXPECT_FALSE(Find(VerifyRun(TwoZones(), snapshot, ledger), "ledger_totals").passed());
}

TEST(VerifyRun, UserOverTheLimitFails) {
    Ledger ledger(2, 1);
    ledger.RecordHeld({.user = 0, .zone = 0, .quantity = 5});
    ledger.RecordHeld({.user = 0, .zone = 1, .quantity = 4});  // 9 = limit + 1
    const StoreSnapshot snapshot{.zone_taken = {5, 4}, .user_tickets = {{0, 9}}};
    const Verdict verdict = VerifyRun(TwoZones(), snapshot, ledger);
    EXPECT_EQ(Find(verdict, "per_user_limit").violations, 1u);
    EXPECT_TRUE(Find(verdict, "per_user_ledger").passed());
}

TEST(VerifyRun, HoldRecordsThatDisagreeWithStockFail) {
    Ledger ledger(2, 1);
    ledger.RecordHeld({.user = 0, .zone = 0, .quantity = 2});
    const StoreSnapshot snapshot{.zone_taken = {2, 0},
                                 .user_tickets = {{0, 2}},
                                 .zone_hold_records = std::vector<std::int64_t>{1, 0}};
    EXPECT_FALSE(Find(VerifyRun(TwoZones(), snapshot, ledger), "hold_records").passed());
}

TEST(VerifyRun, ReportsAreBoundedButCounted) {
    constexpr std::uint64_t kUsers = 100;
    Ledger ledger(2, kUsers);
    StoreSnapshot snapshot{.zone_taken = {0, 0}};
    for (std::uint64_t user = 0; user < kUsers; ++user) snapshot.user_tickets[user] = 1;
    const Check users = Find(VerifyRun(TwoZones(), snapshot, ledger), "per_user_ledger");
    EXPECT_EQ(users.violations, kUsers);
    EXPECT_EQ(users.examples.size(), Check::kExamplesMax);
}

TEST(VerifyRun, MismatchedZoneCountIsOneProblem) {
    Ledger ledger(1, 1);
    const StoreSnapshot snapshot{.zone_taken = {0, 0}};
    EXPECT_FALSE(VerifyRun(TwoZones(), snapshot, ledger).passed());
}

}  // namespace
}  // namespace tix::bench
