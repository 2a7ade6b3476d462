#include "engine/queue_poll.h"

#include <gtest/gtest.h>

#include "engine/queue_test_support.h"

namespace tix::engine {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(QueuePoll, WaitingPollsAfterHalfTheSoonestAdmission) {
    // 600 a minute: position 1001 cannot be admitted within 100 s; it polls after 50 s.
    EXPECT_EQ(PollAfterWaiting(1'001, 600), seconds(50));
    EXPECT_EQ(PollAfterWaiting(1, 600), kPollMin);
    EXPECT_EQ(PollAfterWaiting(10'000'000, 600), kPollMax);
    EXPECT_EQ(PollAfterWaiting(4'000'000, 1), kPollMax);  // no overflow
    EXPECT_EQ(PollAfterWaiting(1'000'000, 1'000'000), milliseconds(29'999));
}

TEST(QueuePoll, GrowsWithPosition) {
    milliseconds previous{0};
    for (std::uint64_t p = 1; p < 1'000'000; p += 997) {
        const milliseconds after = PollAfterWaiting(p, 6'000);
        EXPECT_GE(after, previous);
        previous = after;
    }
}

// The claim in queue_poll.h: a million waiting poll at a few thousand a second.
double PollsPerSecond(std::uint64_t waiting, std::uint32_t admit_per_minute) {
    double rate = 0;
    for (std::uint64_t p = 1; p <= waiting; ++p) {
        rate += 1'000.0 / static_cast<double>(PollAfterWaiting(p, admit_per_minute).count());
    }
    return rate;
}

TEST(QueuePoll, AMillionWaitingPollAFewThousandTimesASecond) {
    const double at_1000 = PollsPerSecond(1'000'000, 1'000);
    const double at_6000 = PollsPerSecond(1'000'000, 6'000);
    std::printf("1,000,000 waiting poll %.0f/s at 1,000/min and %.0f/s at 6,000/min\n", at_1000,
                at_6000);
    EXPECT_LT(at_1000, 2'200);
    EXPECT_LT(at_6000, 3'200);
    // The formula's estimate, 0.22 R + N / 600 s, within 15 %.
    EXPECT_NEAR(at_6000, 0.223 * 6'000 + (1'000'000 - 120'000) / 600.0, 0.15 * at_6000);
}

TEST(QueuePoll, NoWaitingClientSleepsThroughItsEarliestAdmission) {
    for (const std::uint32_t rate : {1u, 60u, 6'000u, 1'000'000u}) {
        for (std::uint64_t p = 1; p < 2'000'000; p = p * 3 + 1) {
            const milliseconds soonest{(p - 1) * 60'000 / rate};
            const milliseconds after = PollAfterWaiting(p, rate);
            EXPECT_TRUE(after <= soonest / 2 + milliseconds(1) || after == kPollMin)
                << "rate " << rate << " position " << p;
        }
    }
}

TEST(QueuePoll, ThePreQueuePollsAtSaleStartSpreadWithinHalfTheAdmission) {
    const std::chrono::seconds admission{120};
    milliseconds least = kPollMax;
    milliseconds most{0};
    for (std::uint64_t id = 1; id <= 2'000; ++id) {
        const milliseconds after =
            PollAfterPreQueue(test::kSaleStart, test::kSaleStart, admission, QueueEntryId{id});
        least = std::min(least, after);
        most = std::max(most, after);
    }
    EXPECT_EQ(least, kPollMin);
    EXPECT_LE(most, milliseconds(admission) / 2);
    EXPECT_GT(most, milliseconds(admission) / 2 - kPollMin - seconds(1));  // spread over it all
    // Long before the sale: the cap.
    EXPECT_EQ(PollAfterPreQueue(test::kOpens, test::kSaleStart, admission, QueueEntryId{1}),
              kPollMax);
    // Shortly before: the time until the sale, plus the entry's own spread.
    const auto before = [&](seconds until) {
        return PollAfterPreQueue(test::kSaleStart - until, test::kSaleStart, admission,
                                 QueueEntryId{7});
    };
    EXPECT_EQ(before(seconds(40)) - before(seconds(30)), seconds(10));
}

}  // namespace
}  // namespace tix::engine
