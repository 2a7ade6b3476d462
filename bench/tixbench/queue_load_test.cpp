#include "queue_load.h"

#include <gtest/gtest.h>

namespace tix::bench {
namespace {

TEST(QueueLoad, ReadsResidentMemoryFromProcStatus) {
    EXPECT_EQ(ResidentBytes("Name:\ttixd\nVmPeak:\t  900 kB\nVmRSS:\t  123456 kB\nRssAnon: 1 kB\n"),
              123456u * 1024);
    EXPECT_FALSE(ResidentBytes("Name:\ttixd\n").has_value());
    EXPECT_FALSE(ResidentBytes("VmRSS:\t12 MB\n").has_value()) << "an unknown unit";
}

TEST(QueueLoad, MemoryPerJoinNeedsBothReadingsAndAJoin) {
    QueueLoadReport report;
    report.joins.succeeded = 1'000;
    EXPECT_FALSE(report.rss_bytes_per_join().has_value());
    report.rss_before_bytes = 10'000'000;
    report.rss_after_bytes = 10'200'000;
    EXPECT_DOUBLE_EQ(*report.rss_bytes_per_join(), 200);
    report.joins.succeeded = 0;
    EXPECT_FALSE(report.rss_bytes_per_join().has_value());
}

}  // namespace
}  // namespace tix::bench
