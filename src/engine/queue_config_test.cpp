#include "engine/queue_config.h"

#include <gtest/gtest.h>

#include "engine/queue_test_support.h"

namespace tix::engine {
namespace {

using test::TestConfig;

TEST(QueueConfig, TheTestConfigIsValid) {
    EXPECT_EQ(ValidateQueueConfig(TestConfig()), std::nullopt);
}

TEST(QueueConfig, OpensBeforeTheSale) {
    QueueConfig config = TestConfig();
    config.opens_at = config.sale_starts_at;
    EXPECT_EQ(ValidateQueueConfig(config), "opens_at must be before sale_starts_at");
}

TEST(QueueConfig, BoundsEveryNumberAtBothEnds) {
    struct Case {
        void (*set)(QueueConfig&);
        bool valid;
        const char* problem;
    };
    const Case cases[] = {
        {[](QueueConfig& c) { c.admit_per_minute = 0; }, false,
         "admit_per_minute must be 1..1000000"},
        {[](QueueConfig& c) { c.admit_per_minute = 1; }, true, ""},
        {[](QueueConfig& c) { c.admit_per_minute = kAdmitPerMinuteMax; }, true, ""},
        {[](QueueConfig& c) { c.admit_per_minute = kAdmitPerMinuteMax + 1; }, false,
         "admit_per_minute must be 1..1000000"},
        {[](QueueConfig& c) { c.active_max = 0; }, false, "active_max must be 1..1000000"},
        {[](QueueConfig& c) { c.active_max = kQueueActiveMax; }, true, ""},
        {[](QueueConfig& c) { c.active_max = kQueueActiveMax + 1; }, false,
         "active_max must be 1..1000000"},
        {[](QueueConfig& c) { c.admission = kAdmissionMin - std::chrono::seconds(1); }, false,
         "admission must be 60..3600 seconds"},
        {[](QueueConfig& c) { c.admission = kAdmissionMin; }, true, ""},
        {[](QueueConfig& c) { c.admission = kAdmissionMax; }, true, ""},
        {[](QueueConfig& c) { c.admission = kAdmissionMax + std::chrono::seconds(1); }, false,
         "admission must be 60..3600 seconds"},
        {[](QueueConfig& c) { c.pow_bits = kPowBitsMax; }, true, ""},
        {[](QueueConfig& c) { c.pow_bits = kPowBitsMax + 1; }, false, "pow_bits must be 0..32"},
    };
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        QueueConfig config = TestConfig();
        cases[i].set(config);
        const std::optional<std::string> problem = ValidateQueueConfig(config);
        if (cases[i].valid) {
            EXPECT_EQ(problem, std::nullopt) << "case " << i;
        } else {
            EXPECT_EQ(problem, cases[i].problem) << "case " << i;
        }
    }
}

TEST(QueueConfig, RefusesTheAllZeroSeed) {
    QueueConfig config = TestConfig();
    config.seed = {};
    EXPECT_EQ(ValidateQueueConfig(config), "seed must be 32 random bytes, not zeros");
    config.seed[31] = 1;
    EXPECT_EQ(ValidateQueueConfig(config), std::nullopt);
}

}  // namespace
}  // namespace tix::engine
