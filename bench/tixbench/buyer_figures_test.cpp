#include "buyer_figures.h"

#include <gtest/gtest.h>

#include "common/rfc3339.h"

namespace tix::bench {
namespace {

TEST(BuyerFigures, PaidAtIsThePaidOrdersUpdatedAt) {
    const auto paid =
        PaidAt(R"({"order_id":7,"status":"paid","created_at":"2026-12-01T10:00:00.000Z",)"
               R"("updated_at":"2026-12-01T10:00:01.234Z","expires_at":null})");
    ASSERT_TRUE(paid.has_value());
    EXPECT_EQ(*paid, *ParseRfc3339("2026-12-01T10:00:01.234Z"));
}

TEST(BuyerFigures, NoPaidAtBeforeItIsPaidOrWithoutATime) {
    EXPECT_FALSE(PaidAt(R"({"status":"payment_pending","updated_at":"2026-12-01T10:00:01Z"})"));
    EXPECT_FALSE(PaidAt(R"({"status":"paid"})"));
    EXPECT_FALSE(PaidAt(R"({"status":"paid","updated_at":"yesterday"})"));
    EXPECT_FALSE(PaidAt(""));
}

TEST(BuyerFigures, MicrosBetweenClampsAtZero) {
    const TimePoint paid = *ParseRfc3339("2026-12-01T10:00:01.234Z");
    const std::chrono::system_clock::time_point sent =
        std::chrono::system_clock::time_point(paid.time_since_epoch()) -
        std::chrono::microseconds{1'500};
    EXPECT_EQ(MicrosBetween(sent, paid), 1'500u);
    // tixd's milliseconds: paid within the millisecond the request went out may look earlier.
    EXPECT_EQ(MicrosBetween(sent + std::chrono::milliseconds{2}, paid), 0u);
    EXPECT_EQ(MicrosBetween(paid, sent + std::chrono::milliseconds{2}), 500u);
}

TEST(BuyerFigures, MergeAddsCountsAndFailures) {
    BuyerFigures a;
    a.paid = 3;
    a.polls = 10;
    a.failures["hold 409 sold_out"] = 1;
    a.hold_to_paid.Record(1'000);
    BuyerFigures b;
    b.paid = 2;
    b.failures["hold 409 sold_out"] = 2;
    b.failures["never paid"] = 1;
    b.hold_to_paid.Record(3'000);
    a.Merge(b);
    EXPECT_EQ(a.paid, 5u);
    EXPECT_EQ(a.polls, 10u);
    EXPECT_EQ(a.failed(), 4u);
    EXPECT_EQ(a.failures["hold 409 sold_out"], 3u);
    EXPECT_EQ(a.hold_to_paid.count(), 2u);
    EXPECT_TRUE(a.ToJson().at("hold_to_paid").as_object().contains("p95_ms"));
}

}  // namespace
}  // namespace tix::bench
