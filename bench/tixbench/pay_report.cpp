#include "pay_report.h"

#include <cstdio>
#include <string>

#include "run_stats.h"

namespace tix::bench {

double PayReport::applied_per_s() const { return PerSecond(counts.applied, webhooks.seconds); }
double PayReport::duplicates_per_s() const { return PerSecond(counts.duplicate, webhooks.seconds); }
double PayReport::webhooks_per_s() const { return PerSecond(webhooks.succeeded, webhooks.seconds); }
double PayReport::orders_paid_per_s() const {
    return PerSecond(buyer_figures.paid, buyers_seconds);
}

void AddWebhookChecks(const PayReport& report, const ZoneAvailability& zone,
                      Verification& verification) {
    const WebhookCounts& counts = report.counts;
    verification.checks.push_back(Expect("every webhook event applied once",
                                         counts.applied == report.events,
                                         Of(counts.applied, report.events) + " answered applied"));
    verification.checks.push_back(
        Expect("every redelivery answered duplicate",
               counts.duplicate == report.redeliveries && counts.other == 0,
               Of(counts.duplicate, report.redeliveries) + "; other outcomes " +
                   std::to_string(counts.other) + "; sent again after no 200 " +
                   std::to_string(counts.retried)));
    verification.checks.push_back(Expect(
        "every order paid, none left payment_pending", zone.sold == report.events && zone.held == 0,
        "sold " + Of(zone.sold, report.events) + ", held " + std::to_string(zone.held)));
}

void AddBuyerChecks(const PayReport& report, const ZoneAvailability& zone,
                    Verification& verification) {
    const BuyerFigures& buyers = report.buyer_figures;
    verification.checks.push_back(Expect("every buyer paid end to end",
                                         buyers.paid == report.buyers,
                                         Of(buyers.paid, report.buyers) + " paid"));
    const std::uint64_t want = std::uint64_t{report.events} + buyers.paid;
    verification.checks.push_back(
        Expect("sold == webhook orders + buyers paid", zone.sold == want,
               "sold " + Of(zone.sold, want) + ", held " + std::to_string(zone.held)));
}

boost::json::object PayReport::ToJson(const BenchConfig& config) const {
    boost::json::object json{
        {"system", config.system},
        {"scenario", "pay"},
        {"mode", "closed"},
        {"connections", config.connections},
        {"users", events},
        {"seconds", webhooks.seconds},
        // The summary's columns: the webhook phase's rate and latency.
        {"requests_per_s", webhooks_per_s()},
        {"latency", LatencyJson(webhooks.latency)},
        {"errors", webhooks.errors + buyer_figures.failed()},
        {"webhooks_per_s", webhooks_per_s()},
        {"webhooks_applied_per_s", applied_per_s()},
        {"webhooks_duplicate_per_s", duplicates_per_s()},
        {"webhook_events", events},
        {"webhook_redeliveries", redeliveries},
        {"webhook_answers", boost::json::object{{"applied", counts.applied},
                                                {"duplicate", counts.duplicate},
                                                {"other", counts.other},
                                                {"sent_again", counts.retried}}},
        {"webhooks", webhooks.ToJson()},
        {"setup_holds", holds.ToJson()},
        {"setup_pays", pays.ToJson()},
        {"buyers", buyers},
        {"buyer_connections", buyer_connections},
        {"buyers_seconds", buyers_seconds},
        {"orders_paid_per_s", orders_paid_per_s()},
        {"end_to_end", buyer_figures.ToJson()},
        {"verification", verification.ToJson()},
        {"passed", passed()}};
    if (deliveries) {
        json["tixpay_deliveries"] = boost::json::object{{"events", deliveries->events},
                                                        {"delivered", deliveries->delivered},
                                                        {"pending", deliveries->pending},
                                                        {"attempts", deliveries->attempts}};
    }
    return json;
}

void PayReport::Print(std::ostream& out) const {
    char line[256];
    out << "setup (not measured)\n";
    std::snprintf(line, sizeof line, "  holds/s %8.1f   /pay/s (each asks tixpay) %8.1f\n",
                  holds.succeeded_per_s(), pays.succeeded_per_s());
    out << line;
    PrintLatency(out, "/pay ", pays.latency);
    std::snprintf(line, sizeof line,
                  "webhooks: the bench as the provider (%u connections, %.2f s, %u events + %u "
                  "redelivered)\n",
                  webhooks.connections, webhooks.seconds, events, redeliveries);
    out << line;
    std::snprintf(line, sizeof line,
                  "  webhooks/s %8.0f   applied/s %8.0f   duplicates/s %8.0f   errors %llu\n",
                  webhooks_per_s(), applied_per_s(), duplicates_per_s(),
                  static_cast<unsigned long long>(webhooks.errors));
    out << line;
    PrintLatency(out, "webhook ", webhooks.latency);
    PrintOutcomes(out, webhooks.outcomes);
    std::snprintf(line, sizeof line,
                  "  answered applied %llu, duplicate %llu, other %llu; sent again %llu\n",
                  static_cast<unsigned long long>(counts.applied),
                  static_cast<unsigned long long>(counts.duplicate),
                  static_cast<unsigned long long>(counts.other),
                  static_cast<unsigned long long>(counts.retried));
    out << line;
    if (buyers > 0) {
        std::snprintf(line, sizeof line,
                      "end to end with tixpay (%u buyers, %u at once, %.2f s): %.1f orders "
                      "paid/s\n",
                      buyers, buyer_connections, buyers_seconds, orders_paid_per_s());
        out << line;
        buyer_figures.Print(out);
        if (deliveries) {
            std::snprintf(line, sizeof line,
                          "  tixpay: %lld events, %lld delivered, %lld pending, %lld POSTs\n",
                          static_cast<long long>(deliveries->events),
                          static_cast<long long>(deliveries->delivered),
                          static_cast<long long>(deliveries->pending),
                          static_cast<long long>(deliveries->attempts));
            out << line;
        }
    }
    verification.Print(out);
}

}  // namespace tix::bench
