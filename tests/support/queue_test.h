// QueueTest: the fixture of the waiting-room black-box tests. A tixd with --test-clock (the tests
// move its clock to sale start and past admissions instead of waiting) and helpers to make an
// event with a queue and users who join it.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "support/queue_api.h"
#include "support/tix_test.h"

namespace tix::test {

// Joins solve proofs of 4 bits (16 hashes on average): the tests check the rule, not the cost.
inline constexpr int kTestPowBits = 4;

class QueueTest : public TixTest {
  protected:
    TixServer::Options ServerOptions() const override { return {.extra_args = {"--test-clock"}}; }

    // A queue that opens a minute ago for a sale in `sale_in` (negative: started), admitting
    // `admit_per_minute`, `active_max` at once, with the standard event's zones unless given.
    static EventDraft QueuedDraft(std::chrono::seconds sale_in, std::int64_t admit_per_minute,
                                  std::int64_t active_max) {
        EventDraft draft = StandardEventDraft();
        draft.sale_starts_at = Now() + sale_in;
        QueueDraft queue;
        queue.opens_at = std::min(Now(), draft.sale_starts_at) - 1min;
        queue.admit_per_minute = admit_per_minute;
        queue.active_max = active_max;
        queue.admission_seconds = 60;
        queue.pow_bits = kTestPowBits;
        draft.queue = queue.ToJson();
        return draft;
    }

    // `n` new users, each joined (201) to the event's queue, in order.
    std::vector<TestUser> JoinUsers(const boost::json::value& event_id, int n) {
        std::vector<TestUser> users;
        for (int i = 0; i < n; ++i) {
            users.push_back(server().NewUser("queued"));
            if (!users.back().ok()) break;
            const Response joined = SolveAndJoin(users.back().http(), event_id);
            EXPECT_EQ(joined.status, 201) << joined;
        }
        return users;
    }

    std::string StatusOf(TestUser& user, const boost::json::value& event_id) {
        const Response me = QueueMe(user.http(), event_id);
        EXPECT_EQ(me.status, 200) << me;
        return GetString(me.json, "status");
    }
};

}  // namespace tix::test
