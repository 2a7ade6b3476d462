// PayReport: the figures and checks of `--scenario pay` (issue 9 §4): the webhook phase (the bench
// as the provider: webhooks verified, deduplicated and applied per second by tixd, and their
// latency), the end-to-end phase (buyers through hold -> pay -> the card at tixpay -> tixpay's
// webhook -> paid), the setup's own rates for the record, and the checks that every order was
// paid exactly once. Pure: RunPayBench fills it.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <ostream>

#include "availability_snapshot.h"
#include "bench_config.h"
#include "buyer_figures.h"
#include "phase_stats.h"
#include "verification.h"
#include "webhook_client.h"

namespace tix::bench {

// GET /v1/test/deliveries of tixpay.
struct TixpayDeliveries {
    std::int64_t events = 0;
    std::int64_t delivered = 0;
    std::int64_t pending = 0;
    std::int64_t attempts = 0;
};

struct PayReport {
    // Setup (not the measured figures): holds and /pay, each /pay a call to tixpay from tixd.
    PhaseStats holds;
    PhaseStats pays;
    // The webhook phase.
    std::uint32_t events = 0;        // one per opened payment
    std::uint32_t redeliveries = 0;  // of those, delivered a second time
    PhaseStats webhooks;             // every POST /payments/webhook
    WebhookCounts counts;            // what the 200s said
    // The end-to-end phase.
    std::uint32_t buyers = 0;
    std::uint32_t buyer_connections = 0;
    double buyers_seconds = 0;  // from the first hold to the last buyer's end
    BuyerFigures buyer_figures;
    std::optional<TixpayDeliveries> deliveries;  // tixpay's, after the end-to-end phase
    Verification verification;

    double applied_per_s() const;
    double duplicates_per_s() const;
    double webhooks_per_s() const;     // every 200
    double orders_paid_per_s() const;  // end to end
    bool passed() const { return verification.passed(); }

    boost::json::object ToJson(const BenchConfig& config) const;
    void Print(std::ostream& out) const;
};

// The webhook phase's checks, given the event's PAY zone after it: every event applied once, each
// redelivery answered `duplicate`, nothing else answered, every order sold and none still
// held (payment_pending counts as held).
void AddWebhookChecks(const PayReport& report, const ZoneAvailability& zone,
                      Verification& verification);
// The end-to-end phase's: every buyer paid, and the zone sold = the webhook phase's orders +
// the buyers paid.
void AddBuyerChecks(const PayReport& report, const ZoneAvailability& zone,
                    Verification& verification);

}  // namespace tix::bench
