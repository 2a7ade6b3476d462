#include "auth_bench.h"

#include <gtest/gtest.h>

namespace tix::bench {
namespace {

TEST(AuthBenchConfig, DefaultsAreEightConnectionsForTenSecondsAndAFreshPrefix) {
    AuthBenchConfig config;
    ASSERT_TRUE(ResolveAuthDefaults(config).ok());
    EXPECT_EQ(config.connections, 8u);
    EXPECT_EQ(config.duration_s, 10);
    EXPECT_EQ(config.email_prefix.rfind("auth-", 0), 0u);
    EXPECT_GT(config.timeout_s, 30) << "must outwait tixd's 30 s hashing queue";
}

TEST(AuthBenchConfig, RefusesOutOfBoundsValues) {
    const auto refused = [](auto change) {
        AuthBenchConfig config;
        change(config);
        return ResolveAuthDefaults(config).code() == Status::Code::kInvalidArgument;
    };
    EXPECT_TRUE(refused([](AuthBenchConfig& c) { c.connections = 0; }));
    EXPECT_TRUE(refused([](AuthBenchConfig& c) { c.connections = kAuthConnectionsMax + 1; }));
    EXPECT_FALSE(refused([](AuthBenchConfig& c) { c.connections = kAuthConnectionsMax; }));
    EXPECT_TRUE(refused([](AuthBenchConfig& c) { c.duration_s = 0; }));
    EXPECT_TRUE(refused([](AuthBenchConfig& c) { c.duration_s = kAuthDurationMaxSeconds + 1; }));
    EXPECT_TRUE(refused([](AuthBenchConfig& c) { c.timeout_s = 0; }));
    EXPECT_TRUE(refused([](AuthBenchConfig& c) { c.email_prefix = "quote\"inside"; }));
    EXPECT_TRUE(refused([](AuthBenchConfig& c) { c.email_prefix = "a@b"; }));
    EXPECT_TRUE(refused([](AuthBenchConfig& c) {
        c.email_prefix = std::string(kAuthEmailPrefixCharsMax + 1, 'a');
    }));
    EXPECT_FALSE(refused([](AuthBenchConfig& c) { c.email_prefix = "run_7.a-"; }));
}

TEST(AuthReport, PassesOnlyWithoutErrorsAndWithBothPhasesDone) {
    AuthReport report;
    report.sign_ups.succeeded = 10;
    report.logins.succeeded = 10;
    EXPECT_TRUE(report.passed());
    report.logins.errors = 1;
    EXPECT_FALSE(report.passed());
    report.logins.errors = 0;
    report.logins.succeeded = 0;  // e.g. no account was created
    EXPECT_FALSE(report.passed());
}

TEST(PhaseStats, RatePerSecondAndMerge) {
    PhaseStats a;
    a.seconds = 2;
    a.succeeded = 100;
    a.requests = 101;
    a.outcomes["201"] = 100;
    a.latency.Record(20'000);
    PhaseStats b;
    b.succeeded = 20;
    b.requests = 20;
    b.errors = 1;
    b.outcomes["201"] = 20;
    b.latency.Record(40'000);
    a.Merge(b);
    EXPECT_EQ(a.succeeded, 120u);
    EXPECT_EQ(a.errors, 1u);
    EXPECT_EQ(a.outcomes["201"], 120u);
    EXPECT_EQ(a.latency.count(), 2u);
    EXPECT_DOUBLE_EQ(a.succeeded_per_s(), 60);
    const auto json = a.ToJson();
    EXPECT_DOUBLE_EQ(json.at("succeeded_per_s").as_double(), 60);
}

}  // namespace
}  // namespace tix::bench
