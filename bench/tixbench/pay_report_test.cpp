#include "pay_report.h"

#include <gtest/gtest.h>

namespace tix::bench {
namespace {

PayReport Report() {
    PayReport report;
    report.events = 1'000;
    report.redeliveries = 200;
    report.counts = {.applied = 1'000, .duplicate = 200, .other = 0, .retried = 0};
    report.webhooks.succeeded = 1'200;
    report.webhooks.seconds = 0.5;
    return report;
}

ZoneAvailability Zone(std::uint64_t sold, std::uint64_t held) {
    return {.zone_id = "PAY",
            .capacity = 2'000,
            .available = 2'000 - sold - held,
            .held = held,
            .sold = sold};
}

TEST(PayReport, RatesAreOverTheWebhookPhase) {
    const PayReport report = Report();
    EXPECT_DOUBLE_EQ(report.webhooks_per_s(), 2'400);
    EXPECT_DOUBLE_EQ(report.applied_per_s(), 2'000);
    EXPECT_DOUBLE_EQ(report.duplicates_per_s(), 400);
    EXPECT_DOUBLE_EQ(PayReport().applied_per_s(), 0) << "no phase, no rate";
}

TEST(PayReport, WebhookChecksPassWhenEachOrderWasPaidOnce) {
    Verification verification;
    AddWebhookChecks(Report(), Zone(1'000, 0), verification);
    EXPECT_TRUE(verification.passed());
    EXPECT_EQ(verification.checks.size(), 3u);
}

TEST(PayReport, WebhookChecksFailOnASecondApplyOrAnOrderLeftPending) {
    PayReport twice = Report();
    twice.counts.applied = 1'001;
    twice.counts.duplicate = 199;
    Verification applied_twice;
    AddWebhookChecks(twice, Zone(1'000, 0), applied_twice);
    EXPECT_FALSE(applied_twice.passed());

    Verification pending;
    AddWebhookChecks(Report(), Zone(999, 1), pending);
    EXPECT_FALSE(pending.passed());

    PayReport other = Report();
    other.counts.other = 1;
    Verification unexpected;
    AddWebhookChecks(other, Zone(1'000, 0), unexpected);
    EXPECT_FALSE(unexpected.passed());
}

TEST(PayReport, BuyerChecksCountTheWebhookOrdersToo) {
    PayReport report = Report();
    report.buyers = 50;
    report.buyer_figures.paid = 50;
    Verification ok;
    AddBuyerChecks(report, Zone(1'050, 0), ok);
    EXPECT_TRUE(ok.passed());
    report.buyer_figures.paid = 49;
    report.buyer_figures.failures["never paid"] = 1;
    Verification one_short;
    AddBuyerChecks(report, Zone(1'049, 1), one_short);
    EXPECT_FALSE(one_short.passed()) << "a buyer that did not pay fails the run";
}

}  // namespace
}  // namespace tix::bench
