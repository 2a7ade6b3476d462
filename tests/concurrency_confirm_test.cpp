// Many confirms of one held order at once: one payment runs, the others wait for it (parked in the
// sequencer) and are answered as if it had been instant, so every answer is the paid order and
// the tickets are sold once.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "support/parallel.h"
#include "support/tix_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;

constexpr int kConfirms = 8;
constexpr int kRounds = 4;  // a fresh order each round: more chances to hit the race
constexpr int kQuantity = 2;

using ConfirmRace = TixTest;

TEST_F(ConfirmRace, ConcurrentConfirmsOfOneOrderPayItOnceAndAllAnswerPaid) {
    const json::value event_id = CreateEvent();
    ASSERT_FALSE(event_id.is_null());
    TestUser user = server().NewUser("twitchy");
    ASSERT_TRUE(user.ok());
    std::vector<std::unique_ptr<HttpClient>> clients;
    for (int c = 0; c < kConfirms; ++c) {
        clients.push_back(server().NewClient());
        clients.back()->set_token(user.client->token());
    }

    for (int round = 0; round < kRounds; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        const Response held = Hold(user.http(), event_id, kGa, kQuantity);
        ASSERT_EQ(held.status, 201) << held;
        const json::value order_id = Member(held.json, "order_id");

        std::vector<Response> answers(kConfirms);
        RunTogether(kConfirms, [&](int c) { answers[c] = Confirm(*clients[c], order_id); });
        for (const Response& answer : answers) {
            EXPECT_EQ(answer.status, 200) << answer;
            EXPECT_EQ(GetString(answer.json, "status"), "paid") << answer;
            EXPECT_EQ(IdText(Member(answer.json, "order_id")), IdText(order_id)) << answer;
        }
        EXPECT_EQ(GetString(GetOrder(user.http(), order_id).json, "status"), "paid");
        const ZoneCounts ga = ZoneAvailability(Availability(user.http(), event_id).json, kGa);
        EXPECT_EQ(ga.sold, (round + 1) * kQuantity) << "sold exactly once per order";
        EXPECT_EQ(ga.held, 0);
        EXPECT_EQ(ga.available, kGaCapacity - (round + 1) * kQuantity);
    }
}

}  // namespace
}  // namespace tix::test
