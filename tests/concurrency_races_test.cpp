// Races of one user against itself and of confirms against the hold deadline: one user on many
// connections must not beat the per-user limit nor double an idempotent hold, confirm and cancel
// of one order have exactly one winner, and a confirm at the deadline either pays or expires.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/parallel.h"
#include "support/tix_test.h"

namespace tix::test {
namespace {

using namespace std::chrono_literals;

namespace json = boost::json;

constexpr int kLimit = 8;  // the default max_per_user
constexpr int kSignUpThreads = 8;

// ---- one user on many connections -----------------------------------------------------------

constexpr int kConnections = 24;

// One user with kConnections keep-alive connections of its own, all sending at once: the
// check-then-act races (limit, idempotency key, confirm vs cancel) a flash sale invites.
class OneUserRace : public TixTest {
  protected:
    void SetUp() override {
        TixTest::SetUp();
        if (HasFatalFailure()) return;
        event_id_ = CreateEvent();
        ASSERT_FALSE(event_id_.is_null());
        user_ = server().NewUser("greedy");
        ASSERT_TRUE(user_.ok());
        for (int c = 0; c < kConnections; ++c) {
            clients_.push_back(server().NewClient());
            clients_.back()->set_token(user_.client->token());
        }
    }
    ZoneCounts Ga() { return ZoneAvailability(Availability(user_.http(), event_id_).json, kGa); }

    json::value event_id_;
    TestUser user_;
    std::vector<std::unique_ptr<HttpClient>> clients_;
};

TEST_F(OneUserRace, SameIdempotencyKeyOnManyConnectionsHoldsOnce) {
    constexpr int kRounds = 4;  // of 2 tickets: the limit of 8 exactly
    for (int round = 0; round < kRounds; ++round) {
        const std::string key = "double-click-" + std::to_string(round);
        std::vector<Response> answers(kConnections);
        RunTogether(kConnections, [&](int c) {
            answers[c] = Hold(*clients_[c], event_id_, kGa, 2, {.idempotency_key = key});
        });
        std::set<std::string> order_ids;
        int originals = 0;
        for (const Response& answer : answers) {
            EXPECT_EQ(answer.status, 201) << answer;
            order_ids.insert(IdText(Member(answer.json, "order_id")));
            originals += answer.Header("Idempotent-Replayed") != "true";
        }
        EXPECT_EQ(order_ids.size(), 1u) << "one key, one order (round " << round << ")";
        EXPECT_EQ(originals, 1) << "exactly one answer is not a replay (round " << round << ")";
    }
    EXPECT_EQ(Ga().held, 2 * kRounds);
    EXPECT_EQ(ListAllMyOrders(user_.http()).size(), static_cast<std::size_t>(kRounds));
}

TEST_F(OneUserRace, ManyConnectionsCannotBeatTheLimit) {
    std::vector<Response> answers(kConnections);
    RunTogether(kConnections, [&](int c) { answers[c] = Hold(*clients_[c], event_id_, kGa, 1); });
    int held = 0;
    for (const Response& answer : answers) {
        if (answer.status == 201) {
            ++held;
        } else {
            EXPECT_TRUE(IsProblem(answer, 422, {"limit_exceeded"}));
        }
    }
    EXPECT_EQ(held, kLimit);
    EXPECT_EQ(Ga().held, kLimit);
    EXPECT_EQ(ListAllMyOrders(user_.http()).size(), static_cast<std::size_t>(kLimit));
}

TEST_F(OneUserRace, ConfirmAndCancelOfOneOrderHaveOneWinner) {
    constexpr int kOrders = 30;
    int paid = 0;
    for (int n = 0; n < kOrders; ++n) {
        const Response held = Hold(user_.http(), event_id_, kGa, 1);
        ASSERT_EQ(held.status, 201) << held;
        const json::value order_id = Member(held.json, "order_id");
        Response confirm;
        Response cancel;
        RunTogether(2, [&](int c) {
            if (c == 0) {
                confirm = Confirm(*clients_[0], order_id);
            } else {
                cancel = Cancel(*clients_[1], order_id);
            }
        });
        const std::string final_status = GetString(GetOrder(user_.http(), order_id).json, "status");
        if (confirm.status == 200) {
            EXPECT_EQ(GetString(confirm.json, "status"), "paid") << confirm;
            EXPECT_TRUE(IsProblem(cancel, 409, {"order_paid"}));
            EXPECT_EQ(final_status, "paid");
            ++paid;
        } else {
            EXPECT_TRUE(IsProblem(confirm, 409, {"order_cancelled"}));
            EXPECT_EQ(cancel.status, 200) << cancel;
            EXPECT_EQ(GetString(cancel.json, "status"), "cancelled") << cancel;
            EXPECT_EQ(final_status, "cancelled");
        }
        // Paid orders use up the limit; cancel-winners do not.
        if (paid == kLimit) break;
    }
    const ZoneCounts ga = Ga();
    EXPECT_EQ(ga.sold, paid);
    EXPECT_EQ(ga.held, 0);
    EXPECT_EQ(ga.available, kGaCapacity - paid);
}

using SignUpRace = TixTest;

TEST_F(SignUpRace, OneEmailRegisteredOnManyConnectionsAtOnceMakesOneAccount) {
    std::vector<std::unique_ptr<HttpClient>> clients;
    for (int c = 0; c < kConnections; ++c) clients.push_back(server().NewClient());
    std::vector<Response> answers(kConnections);
    RunTogether(kConnections, [&](int c) {
        answers[c] = clients[c]->Register("popular@blackbox.tix", "password-" + std::to_string(c),
                                          "Twin " + std::to_string(c));
    });
    int created = 0;
    std::string winner_password;
    for (int c = 0; c < kConnections; ++c) {
        if (answers[c].status == 201) {
            ++created;
            winner_password = "password-" + std::to_string(c);
        } else if (answers[c].status != 503) {  // 503: the hashers were busy; nothing was done
            EXPECT_TRUE(IsProblem(answers[c], 409, {"email_taken"}));
        }
    }
    EXPECT_EQ(created, 1);
    auto client = server().NewClient();
    EXPECT_FALSE(client->Login("popular@blackbox.tix", winner_password).empty());
}

// ---- confirm against the clock ----------------------------------------------------------------

constexpr int kDeadlineRacers = 100;

using ExpiryRace = TixTest;

TEST_F(ExpiryRace, ConfirmAtTheDeadlineEitherPaysOrExpiresNeverBoth) {
    const std::uint64_t seed = TestSeed();
    SCOPED_TRACE("seed " + std::to_string(seed));
    EventDraft draft;
    draft.hold_seconds = 1;
    draft.zones.push_back(GaZone(kGa, 500));
    const json::value event_id = CreateEvent(draft);
    ASSERT_FALSE(event_id.is_null());
    std::vector<TestUser> users(kDeadlineRacers);
    RunTogether(kSignUpThreads, [&](int t) {
        for (int i = t; i < kDeadlineRacers; i += kSignUpThreads)
            users[i] = server().NewUser("late");
    });
    for (const TestUser& user : users) ASSERT_TRUE(user.ok());

    struct Outcome {
        std::int64_t quantity = 0;
        json::value order_id;
        Response confirm;
        TimePoint expires_at{};
        TimePoint sent_at{};
        TimePoint answered_at{};
    };
    std::vector<Outcome> outcomes(kDeadlineRacers);
    Problems problems;
    RunTogether(kDeadlineRacers, [&](int i) {
        Dice dice(seed + static_cast<std::uint64_t>(i));
        Outcome& outcome = outcomes[i];
        outcome.quantity = dice.Between(1, 3);
        const Response held = Hold(users[i].http(), event_id, kGa, outcome.quantity);
        if (held.status != 201) {
            problems.Add("hold: " + ToString(held));
            return;
        }
        outcome.order_id = Member(held.json, "order_id");
        outcome.expires_at = GetTime(held.json, "expires_at").value_or(TimePoint{});
        // Time-based on purpose: confirm within 150 ms either side of the deadline.
        const TimePoint confirm_at =
            outcome.expires_at + std::chrono::milliseconds{dice.Between(-150, 150)};
        while (Now() < confirm_at) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        outcome.sent_at = Now();
        outcome.confirm = Confirm(users[i].http(), outcome.order_id);
        outcome.answered_at = Now();
    });
    EXPECT_EQ(problems.size(), 0u) << problems.Summary();

    json::value availability;
    EXPECT_TRUE(Eventually(
        [&] {
            availability = Availability(server().admin(), event_id).json;
            return ZoneAvailability(availability, kGa).held == 0;
        },
        std::chrono::seconds(10)))
        << json::serialize(availability);
    std::int64_t sold = 0;
    int paid_orders = 0;
    for (int i = 0; i < kDeadlineRacers; ++i) {
        const Outcome& outcome = outcomes[i];
        if (outcome.order_id.is_null()) continue;
        const std::string status =
            GetString(GetOrder(users[i].http(), outcome.order_id).json, "status");
        if (outcome.confirm.status == 200) {
            EXPECT_EQ(status, "paid") << "confirmed, then " << status;
            EXPECT_LT(outcome.sent_at, outcome.expires_at + 5ms)
                << "paid although confirmed " << outcome.sent_at - outcome.expires_at
                << " ms after the deadline";
            sold += outcome.quantity;
            ++paid_orders;
        } else {
            EXPECT_TRUE(IsProblem(outcome.confirm, 409, {"order_expired"}));
            EXPECT_EQ(status, "expired");
            EXPECT_GT(outcome.answered_at, outcome.expires_at - 5ms)
                << "expired " << outcome.expires_at - outcome.answered_at
                << " ms before the deadline";
        }
    }
    std::cout << paid_orders << " of " << kDeadlineRacers << " confirms beat the deadline\n";
    EXPECT_EQ(ZoneAvailability(availability, kGa).sold, sold);
    EXPECT_EQ(ZoneAvailability(availability, kGa).available, 500 - sold);
}

}  // namespace
}  // namespace tix::test
