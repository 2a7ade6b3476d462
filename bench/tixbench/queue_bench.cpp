#include "queue_bench.h"

#include "draw_audit.h"
#include "queue_figures.h"
#include "queue_report.h"
#include "queue_sale.h"
#include "queue_setup.h"
#include "run_setup.h"

namespace tix::bench {
namespace {

// The draw's audit, then every user's published rank filled in for the figures.
Check AuditAndFillDraw(SetupClient& setup, const QueuePlan& plan, QueueSaleResult& result) {
    const Result<PublishedDraw> draw = FetchDraw(setup, plan.event_id);
    if (!draw.ok()) {
        return {"draw reproduced from the seed", Check::Verdict::kFail, draw.status().ToString()};
    }
    Check check = AuditDraw(*draw, result.users);
    FillDrawRanks(*draw, result.users);
    return check;
}

void AddOnSaleChecks(SetupClient& setup, const QueuePlan& plan, const QueueSaleResult& result,
                     Verification& verification) {
    const auto snapshot = FetchAvailability(setup, plan.event_id);
    if (!snapshot.ok()) {
        verification.checks.push_back(
            {"availability", Check::Verdict::kFail, snapshot.status().ToString()});
        return;
    }
    const Verification on_sale =
        Verify(*snapshot, result.ledger, plan.zone_ids, plan.config.quantity_max);
    verification.checks.insert(verification.checks.end(), on_sale.checks.begin(),
                               on_sale.checks.end());
}

}  // namespace

Result<QueueBenchOutcome> RunQueueBench(const BenchConfig& config,
                                        boost::asio::ip::tcp::endpoint server, std::ostream& out,
                                        std::ostream& log) {
    SetupClient setup(server);
    auto plan = PrepareQueueSale(config, setup, log);
    if (!plan.ok()) return plan.status();
    const auto timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(config.timeout_s * 1000));
    QueueSaleResult result = RunQueueSale(*plan, server, timeout, log);
    RunStats& stats = result.stats;
    stats.system = config.system;
    stats.scenario = config.scenario_name;
    // Users arrive on their own schedule and poll when told, whatever the server's speed.
    stats.mode = "open";
    stats.offered_rate = plan->config.users / (plan->config.pre_queue_s + plan->config.join_s);
    stats.connections = config.connections;
    stats.seconds = result.ended_at_s;

    QueueReport report{.plan = *plan, .result = result};
    const Check draw = AuditAndFillDraw(setup, *plan, result);
    report.fairness = ComputeFairness(result.users);
    report.safety = ComputeSafety(
        result,
        {.admit_per_minute = plan->config.admit_per_minute, .active_max = plan->config.active_max},
        plan->config.admission_s);
    report.verification.checks = QueueChecks(report.fairness, report.safety);
    report.verification.checks.push_back(draw);
    AddOnSaleChecks(setup, *plan, result, report.verification);
    report.Print(out);
    return QueueBenchOutcome{report.ToJson(), report.verification.passed()};
}

}  // namespace tix::bench
