#include "queue_figures.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace tix::bench {
namespace {

// A user who joined at `joined_s` (after the start unless given a draw rank) and was admitted at
// `admitted_s`.
UserRecord After(double joined_s, double admitted_s) {
    return {.joined_at_s = joined_s, .entry_id = 1, .admitted_at_s = admitted_s};
}

const Check& Named(const std::vector<Check>& checks, std::string_view prefix) {
    for (const Check& check : checks) {
        if (check.name.starts_with(prefix)) return check;
    }
    ADD_FAILURE() << "no check " << prefix;
    return checks.front();
}

TEST(QueueFigures, BotSharesOfAccountsAndTickets) {
    std::vector<UserRecord> users(4);
    for (UserRecord& user : users) {
        user.entry_id = 1;
        user.tickets = 2;
        user.end = UserEnd::kPaid;
    }
    users[3].kind = UserKind::kBot;
    users[3].tickets = 4;
    const FairnessFigures figures = ComputeFairness(users);
    EXPECT_DOUBLE_EQ(figures.bot_account_share(), 0.25);
    EXPECT_EQ(figures.tickets, 10u);
    EXPECT_DOUBLE_EQ(figures.bot_ticket_share(), 0.4);
}

TEST(QueueFigures, TauIsOverThoseWhoJoinedAfterTheStartAndWereAdmitted) {
    std::vector<UserRecord> users = {After(1, 10), After(2, 11), After(3, 12)};
    users.push_back({.joined_at_s = -5, .draw_rank = 1, .admitted_at_s = 0});  // pre-queue
    users.push_back({.joined_at_s = 0.5});                                     // not admitted
    const FairnessFigures in_order = ComputeFairness(users);
    EXPECT_EQ(in_order.tau_pairs_n, 3u);
    EXPECT_DOUBLE_EQ(*in_order.tau, 1.0);
    EXPECT_EQ(Named(QueueChecks(in_order, {}), "admission order").verdict, Check::Verdict::kPass);

    users[0].admitted_at_s = 11.5;  // overtaken by the second: 2 of 3 pairs concordant
    const FairnessFigures swapped = ComputeFairness(users);
    EXPECT_NEAR(*swapped.tau, 1.0 / 3, 1e-12);
    EXPECT_EQ(Named(QueueChecks(swapped, {}), "admission order").verdict, Check::Verdict::kFail);
}

TEST(QueueFigures, ADrawInArrivalOrderFailsTheChiSquareAndAShuffledOnePasses) {
    std::vector<UserRecord> users;
    for (std::uint64_t i = 0; i < 2'000; ++i) {
        users.push_back({.joined_at_s = -10 + i * 0.001, .entry_id = i + 1, .draw_rank = i + 1});
    }
    const FairnessFigures in_order = ComputeFairness(users);
    EXPECT_EQ(in_order.draw_n, 2'000u);
    EXPECT_EQ(in_order.draw_buckets, 10u);
    EXPECT_EQ(Named(QueueChecks(in_order, {}), "pre-queue draw").verdict, Check::Verdict::kFail);

    const std::uint64_t seed = 11;
    std::mt19937_64 rng(seed);
    std::vector<std::uint64_t> ranks(users.size());
    for (std::size_t i = 0; i < ranks.size(); ++i) ranks[i] = i + 1;
    std::shuffle(ranks.begin(), ranks.end(), rng);
    for (std::size_t i = 0; i < users.size(); ++i) users[i].draw_rank = ranks[i];
    const FairnessFigures shuffled = ComputeFairness(users);
    EXPECT_EQ(Named(QueueChecks(shuffled, {}), "pre-queue draw").verdict, Check::Verdict::kPass)
        << "seed " << seed;
}

TEST(QueueFigures, TooLittleToMeasureIsSkippedNotPassed) {
    const std::vector<Check> checks = QueueChecks(ComputeFairness({}), {});
    EXPECT_EQ(Named(checks, "admission order").verdict, Check::Verdict::kSkip);
    EXPECT_EQ(Named(checks, "pre-queue draw").verdict, Check::Verdict::kSkip);
    EXPECT_EQ(Named(checks, "outflow").verdict, Check::Verdict::kSkip);
    EXPECT_EQ(Named(checks, "never more than admit").verdict, Check::Verdict::kSkip);
}

TEST(QueueSafety, ActiveMaxIsCheckedOnWhatTheMonitorRead) {
    QueueSaleResult result;
    result.samples = {{.at_s = -1, .admitted_active = 0}, {.at_s = 1, .admitted_active = 5}};
    const RoomLimits limits{.admit_per_minute = 60, .active_max = 5};
    EXPECT_EQ(
        Named(QueueChecks({}, ComputeSafety(result, limits, 60)), "never more shopping").verdict,
        Check::Verdict::kPass);
    result.samples.push_back({.at_s = 2, .admitted_active = 6});
    const SafetyFigures over = ComputeSafety(result, limits, 60);
    EXPECT_EQ(over.most_active_sampled, 6u);
    EXPECT_EQ(Named(QueueChecks({}, over), "never more shopping").verdict, Check::Verdict::kFail);
}

TEST(QueueSafety, AdmissionsLastUntilPaidOrTheirExpiry) {
    QueueSaleResult result;
    result.users = {{.admitted_at_s = 0, .paid_at_s = 5},  // 0..5
                    {.admitted_at_s = 4},                  // 4..64: never paid
                    {.admitted_at_s = 6, .paid_at_s = 7},  // 6..7
                    {.joined_at_s = 1}};                   // never admitted
    EXPECT_EQ(ComputeSafety(result, {}, 60).most_active_reconstructed, 2u);
}

TEST(QueueSafety, TheOutflowIsMeasuredFromTheStartOn) {
    QueueSaleResult result;
    // Before the start the room waits with nothing admitted: not a slow outflow.
    for (int i = -20; i <= 20; ++i) {
        result.samples.push_back({.at_s = i * 0.5,
                                  .waiting = 1'000,
                                  .admitted_total = static_cast<std::uint64_t>(std::max(0, i) * 5),
                                  .available = 100'000});
    }
    const RoomLimits limits{.admit_per_minute = 600, .active_max = 1'000};
    const SafetyFigures figures = ComputeSafety(result, limits, 60);
    EXPECT_NEAR(figures.outflow.mean_per_minute, 600, 1e-9);
    EXPECT_EQ(Named(QueueChecks({}, figures), "outflow").verdict, Check::Verdict::kSkip)
        << "9.5 s measured: no 10 s window";
}

}  // namespace
}  // namespace tix::bench
