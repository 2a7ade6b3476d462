#include "pay_bench.h"

#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "buyer_client.h"
#include "closed_loop_phase.h"
#include "common/rfc3339.h"
#include "opened_payment.h"
#include "pay_prep_client.h"
#include "payments/webhook_signature.h"
#include "redelivery_schedule.h"
#include "run_setup.h"
#include "webhook_client.h"

namespace tix::bench {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr const char* kZone = "PAY";
// Stops a stuck phase; every phase normally ends when its work is done.
constexpr std::chrono::minutes kPhaseMax{10};
// tixd's hold: long enough for the setup and both phases of a full run.
constexpr std::uint32_t kHoldSeconds = 1'800;
// How long tixpay may take to drain its deliveries after the last buyer.
constexpr std::chrono::seconds kDrainMax{30};

struct PayEvent {
    std::int64_t event_id = 0;
    std::string hold_body;
};

Result<PayEvent> CreatePayEvent(SetupClient& setup, const std::string& admin,
                                std::uint32_t tickets) {
    const TimePoint now =
        std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    const json::value body = {{"name", "tixbench pay"},
                              {"venue", "tixbench"},
                              {"starts_at", FormatRfc3339(now + std::chrono::days{30})},
                              {"sale_starts_at", FormatRfc3339(now - 60s)},
                              {"max_per_user", 8},
                              {"hold_seconds", kHoldSeconds},
                              {"zones", json::array{ZoneJson(kZone, false, 0, tickets)}}};
    auto answer = setup.Call("POST", "/api/v1/events", admin, &body);
    if (!answer.ok()) return answer.status();
    RunPlan plan;
    if (answer->status != 201 || !ReadEvent(answer->body, plan).ok()) {
        return Status::InvalidArgument("create event: " + DescribeAnswer(*answer));
    }
    const std::string hold = R"({"event_id":)" + std::to_string(plan.event_id) + R"(,"zone_id":")" +
                             kZone + R"(","quantity":1})";
    return PayEvent{plan.event_id, hold};
}

Status ConnectWebhooks(SetupClient& tixpay, const PayConfig& pay,
                       boost::asio::ip::tcp::endpoint tixd) {
    const json::value body = {{"url", "http://" + tixd.address().to_string() + ":" +
                                          std::to_string(tixd.port()) +
                                          "/api/v1/payments/webhook"}};
    auto answer = tixpay.Call("POST", "/v1/webhook_endpoints", pay.api_key, &body);
    if (!answer.ok()) return answer.status();
    if (answer->status != 200) {
        return Status::InvalidArgument("tixpay webhook endpoint: " + DescribeAnswer(*answer));
    }
    return Status::Ok();
}

Result<TixpayDeliveries> ReadDeliveries(SetupClient& tixpay, const PayConfig& pay) {
    auto answer = tixpay.Call("GET", "/v1/test/deliveries", pay.api_key, nullptr);
    if (!answer.ok()) return answer.status();
    const auto* object = answer->body.if_object();
    if (answer->status != 200 || object == nullptr) {
        return Status::Corruption("tixpay deliveries: " + DescribeAnswer(*answer));
    }
    auto number = [&](const char* key) -> std::int64_t {
        const auto* value = object->if_contains(key);
        return value != nullptr && value->is_int64() ? value->get_int64() : -1;
    };
    return TixpayDeliveries{.events = number("events"),
                            .delivered = number("delivered"),
                            .pending = number("pending"),
                            .attempts = number("attempts")};
}

Result<ZoneAvailability> PayZone(SetupClient& setup, std::int64_t event_id) {
    auto snapshot = FetchAvailability(setup, event_id);
    if (!snapshot.ok()) return snapshot.status();
    for (const ZoneAvailability& zone : snapshot->zones) {
        if (zone.zone_id == kZone) return zone;
    }
    return Status::Corruption("availability without zone PAY");
}

// Holds every order and opens its payment; the intents of those that opened.
std::vector<OpenedPayment> OpenPayments(const BenchConfig& config,
                                        boost::asio::ip::tcp::endpoint tixd, PayPrepWork& work,
                                        PayReport& report, std::ostream& out) {
    boost::asio::io_context io{1};
    const auto timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(config.timeout_s * 1000));
    std::vector<std::unique_ptr<PayPrepClient>> clients;
    for (std::uint32_t i = 0; i < config.connections; ++i) {
        clients.push_back(std::make_unique<PayPrepClient>(io, tixd, timeout, work));
    }
    ConnectAll(io, clients);
    const auto phase = [&](PayPrepClient::Phase which, const char* name) {
        work.next_user = 0;
        const Clock::time_point deadline = Clock::now() + kPhaseMax;
        return RunClosedLoopPhase(io, clients, name,
                                  [&](PayPrepClient& client) { client.Run(which, deadline); });
    };
    report.holds = phase(PayPrepClient::Phase::kHolds, "holds");
    report.holds.Print(out);
    report.pays = phase(PayPrepClient::Phase::kPays, "pays");
    report.pays.Print(out);
    std::vector<OpenedPayment> opened;
    for (auto& payment : work.payments) {
        if (payment) opened.push_back(std::move(*payment));
    }
    return opened;
}

// The provider's side, made before the phase: a body and a signature header per event.
WebhookWork MakeWebhooks(const BenchConfig& config, const std::vector<OpenedPayment>& payments) {
    WebhookWork work;
    const auto now =
        std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    const std::int64_t created =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    // Fresh ids on every run: a tixd that saw an earlier run's events answers them duplicate.
    const std::string prefix =
        "evt_tixbench_" + std::to_string(now.time_since_epoch().count()) + "_";
    work.bodies.reserve(payments.size());
    work.headers.reserve(payments.size());
    for (std::size_t i = 0; i < payments.size(); ++i) {
        work.bodies.push_back(SucceededEventBody(prefix + std::to_string(i), payments[i], created));
        work.headers.push_back(
            std::string(payments::kSignatureHeader) + ": " +
            payments::SignatureHeaderValue(config.pay.webhook_secret, now, work.bodies.back()) +
            "\r\n");
    }
    work.schedule = RedeliverySchedule(static_cast<std::uint32_t>(payments.size()),
                                       config.pay.redelivered_share, config.seed);
    return work;
}

void RunWebhooks(const BenchConfig& config, boost::asio::ip::tcp::endpoint tixd, WebhookWork& work,
                 PayReport& report) {
    boost::asio::io_context io{1};
    const auto timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(config.timeout_s * 1000));
    std::vector<std::unique_ptr<WebhookClient>> clients;
    for (std::uint32_t i = 0; i < config.connections; ++i) {
        clients.push_back(std::make_unique<WebhookClient>(io, tixd, timeout, work));
    }
    ConnectAll(io, clients);
    const Clock::time_point deadline = Clock::now() + kPhaseMax;
    report.webhooks = RunClosedLoopPhase(io, clients, "webhooks",
                                         [&](WebhookClient& client) { client.Run(deadline); });
    for (const auto& client : clients) {
        const WebhookCounts& counts = client->counts();
        report.counts.applied += counts.applied;
        report.counts.duplicate += counts.duplicate;
        report.counts.other += counts.other;
        report.counts.retried += counts.retried;
    }
}

void RunBuyers(const BenchConfig& config, boost::asio::ip::tcp::endpoint tixd,
               boost::asio::ip::tcp::endpoint tixpay, BuyerWork& work, PayReport& report) {
    boost::asio::io_context io{1};
    const auto timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(config.timeout_s * 1000));
    std::vector<std::unique_ptr<BuyerClient>> clients;
    const std::uint32_t count = std::min<std::uint32_t>(
        config.pay.buyer_connections, static_cast<std::uint32_t>(work.tokens.size()));
    for (std::uint32_t i = 0; i < count; ++i) {
        clients.push_back(std::make_unique<BuyerClient>(io, tixd, tixpay, timeout, work));
    }
    ConnectAll(io, clients);
    const Clock::time_point start = Clock::now();
    for (auto& client : clients) client->Start();
    io.run();
    Clock::time_point end = start;
    for (const auto& client : clients) {
        end = std::max(end, client->last_done());
        report.buyer_figures.Merge(client->figures());
    }
    report.buyer_connections = count;
    report.buyers_seconds = std::chrono::duration<double>(end - start).count();
}

void WaitForTixpayToDrain(SetupClient& tixpay, const PayConfig& pay, PayReport& report) {
    const Clock::time_point deadline = Clock::now() + kDrainMax;
    for (;;) {
        auto deliveries = ReadDeliveries(tixpay, pay);
        if (deliveries.ok()) report.deliveries = *deliveries;
        if (!deliveries.ok() || deliveries->pending == 0 || Clock::now() > deadline) return;
        std::this_thread::sleep_for(50ms);
    }
}

void CheckZone(SetupClient& setup, std::int64_t event_id, const PayReport& report,
               Verification& verification,
               void (*add)(const PayReport&, const ZoneAvailability&, Verification&)) {
    auto zone = PayZone(setup, event_id);
    if (!zone.ok()) {
        verification.checks.push_back(
            {"availability", Check::Verdict::kFail, zone.status().ToString()});
        return;
    }
    add(report, *zone, verification);
}

}  // namespace

Result<PayReport> RunPayBench(const BenchConfig& config, boost::asio::ip::tcp::endpoint tixd,
                              boost::asio::ip::tcp::endpoint tixpay, std::ostream& out) {
    const PayConfig& pay = config.pay;
    SetupClient setup(tixd);
    SetupClient provider(tixpay);
    auto admin = AdminToken(setup, config.admin_email, config.admin_password);
    if (!admin.ok()) return admin.status();
    auto event = CreatePayEvent(setup, *admin, config.users + pay.buyers);
    if (!event.ok()) return event.status();
    if (Status status = ConnectWebhooks(provider, pay, tixd); !status.ok()) return status;
    out << "event " << event->event_id << ": " << config.users << " orders for the webhooks, "
        << pay.buyers << " buyers; creating users\n";
    auto tokens = CreateUsers(setup, *admin, config.user_prefix, config.users + pay.buyers);
    if (!tokens.ok()) return tokens.status();

    PayReport report;
    PayPrepWork prep{.hold_body = event->hold_body};
    prep.tokens.assign(tokens->begin(), tokens->begin() + config.users);
    prep.order_ids.assign(config.users, 0);
    prep.payments.resize(config.users);
    const std::vector<OpenedPayment> opened = OpenPayments(config, tixd, prep, report, out);
    if (opened.empty()) return Status::IoError("no payment opened: see the setup's answers");

    WebhookWork webhooks = MakeWebhooks(config, opened);
    report.events = static_cast<std::uint32_t>(opened.size());
    report.redeliveries = static_cast<std::uint32_t>(webhooks.schedule.size() - opened.size());
    RunWebhooks(config, tixd, webhooks, report);
    CheckZone(setup, event->event_id, report, report.verification, AddWebhookChecks);

    if (pay.buyers > 0) {
        BuyerWork buyers{.hold_body = event->hold_body,
                         .poll_interval = std::chrono::milliseconds(pay.poll_ms),
                         .card = kCardSucceeds};
        buyers.tokens.assign(tokens->begin() + config.users, tokens->end());
        report.buyers = pay.buyers;
        RunBuyers(config, tixd, tixpay, buyers, report);
        WaitForTixpayToDrain(provider, pay, report);
        CheckZone(setup, event->event_id, report, report.verification, AddBuyerChecks);
    }
    report.Print(out);
    return report;
}

}  // namespace tix::bench
