#include "common/rfc3339.h"

#include <gtest/gtest.h>

namespace tix {
namespace {

TEST(Rfc3339, FormatsEpochAndMilliseconds) {
    EXPECT_EQ(FormatRfc3339(FromUnixMillis(0)), "1970-01-01T00:00:00Z");
    EXPECT_EQ(FormatRfc3339(FromUnixMillis(1'796'467'800'250)), "2026-12-05T10:50:00.250Z");
    EXPECT_EQ(FormatRfc3339(FromUnixMillis(1'796'467'800'007)), "2026-12-05T10:50:00.007Z");
    EXPECT_EQ(FormatRfc3339(FromUnixMillis(253'402'300'799'999)), "9999-12-31T23:59:59.999Z");
}

TEST(Rfc3339, FormatsYearsOutsideFourDigits) {
    EXPECT_EQ(FormatRfc3339(FromUnixMillis(253'402'300'800'000)), "10000-01-01T00:00:00Z");
    EXPECT_EQ(FormatRfc3339(FromUnixMillis(-1)), "1969-12-31T23:59:59.999Z");
    EXPECT_EQ(FormatRfc3339(FromUnixMillis(-62'167'219'200'001)), "-001-12-31T23:59:59.999Z");
}

TEST(Rfc3339, RoundTripsAcrossLeapDays) {
    for (TimePoint t{}; t < FromUnixMillis(4'102'444'800'000);
         t += std::chrono::milliseconds{86'399'123}) {
        const auto parsed = ParseRfc3339(FormatRfc3339(t));
        ASSERT_TRUE(parsed.has_value()) << FormatRfc3339(t);
        ASSERT_EQ(*parsed, t);
    }
}

TEST(Rfc3339, ClampsInstantsBeyondTheCalendar) {
    EXPECT_EQ(FormatRfc3339(kNoEnd), "32767-12-31T23:59:59.999Z");
}

TEST(Rfc3339, AppliesOffsets) {
    EXPECT_EQ(ParseRfc3339("2026-12-05T18:30:00+08:00"), ParseRfc3339("2026-12-05T10:30:00Z"));
    EXPECT_EQ(ParseRfc3339("2026-12-05T05:30:00-05:00"), ParseRfc3339("2026-12-05T10:30:00Z"));
}

TEST(Rfc3339, RejectsMalformedOrImpossibleDates) {
    for (const char* bad :
         {"", "2026-12-05", "2026-12-05T10:30:00", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
          "2026-12-05T24:00:00Z", "2026-12-05T10:30:00ZZ", "1969-12-31T23:59:59Z",
          "2026-12-05T10:30:00.Z", "abcd-12-05T10:30:00Z"}) {
        EXPECT_FALSE(ParseRfc3339(bad).has_value()) << bad;
    }
    EXPECT_TRUE(ParseRfc3339("2024-02-29T00:00:00Z").has_value());
}

}  // namespace
}  // namespace tix
