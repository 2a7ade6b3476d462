#include "guard/rate.h"

#include <gtest/gtest.h>

namespace tix::guard {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::minutes;
using std::chrono::seconds;

TEST(Rate, ParsesCountUnitAndBurst) {
    const Rate per_minute = ParseRate("120/min").value();
    EXPECT_EQ(per_minute.count, 120u);
    EXPECT_EQ(per_minute.period, minutes{1});
    EXPECT_EQ(per_minute.burst, 120u) << "the burst defaults to one period's worth";
    EXPECT_EQ(per_minute.interval(), microseconds{500'000});

    const Rate per_hour = ParseRate("10/hour,burst=3").value();
    EXPECT_EQ(per_hour, (Rate{10, hours{1}, 3}));
    EXPECT_EQ(per_hour.interval(), minutes{6});
    EXPECT_EQ(ParseRate("5/s").value(), (Rate{5, seconds{1}, 5}));
    EXPECT_EQ(ParseRate("1/day").value().period, hours{24});
    EXPECT_EQ(ParseRate("1000000/s,burst=1000000").value().interval(), microseconds{1});
}

TEST(Rate, OffIsNoLimit) {
    const Rate off = ParseRate("off").value();
    EXPECT_FALSE(off.enabled());
    EXPECT_EQ(off, Rate::Off());
    EXPECT_TRUE(ParseRate("1/min").value().enabled());
}

TEST(Rate, RefusesWhatItCannotReadExactly) {
    for (const char* text :
         {"", "120", "/min", "120/", "120/minute", "0/min", "-1/min", "1000001/min", "12x/min",
          "120/min,", "120/min,burst=", "120/min,burst=0", "120/min,burst=1000001",
          "120/min,bursts=3", "120/min,burst=3,", " 120/min", "120/min ", "OFF", "1.5/min"}) {
        const Result<Rate> rate = ParseRate(text);
        EXPECT_FALSE(rate.ok()) << "'" << text << "'";
        EXPECT_EQ(rate.status().code(), Status::Code::kInvalidArgument) << "'" << text << "'";
    }
}

TEST(Rate, FormatIsTheInverseOfParse) {
    for (const char* text : {"off", "120/min", "10/hour,burst=3", "5/s", "1/day,burst=7"}) {
        EXPECT_EQ(FormatRate(ParseRate(text).value()), text);
    }
    EXPECT_EQ(FormatRate(Rate::PerMinute(60)), "60/min");
    EXPECT_EQ(FormatRate(Rate::PerHour(30)), "30/hour");
}

}  // namespace
}  // namespace tix::guard
