#include "queue_setup.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cassert>
#include <chrono>

#include "common/rfc3339.h"
#include "run_setup.h"

namespace tix::bench {
namespace {

namespace json = boost::json;

constexpr double kFloorShare = 0.4;  // of the tickets; FLOOR is the zone most want
constexpr std::int64_t kHoldSeconds = 600;

}  // namespace

Result<QueueEvent> CreateQueueEvent(SetupClient& client, const std::string& admin,
                                    const QueueEventSpec& spec) {
    assert(spec.tickets >= 2);
    const auto floor =
        std::max<std::uint32_t>(1, static_cast<std::uint32_t>(spec.tickets * kFloorShare));
    json::array zones;
    zones.push_back(ZoneJson("FLOOR", false, 0, floor));
    zones.push_back(ZoneJson("STAND", false, 0, spec.tickets - floor));
    const json::value body = {
        {"name", "tixbench queue"},
        {"venue", "Taipei Dome (tixbench)"},
        {"starts_at", FormatRfc3339(spec.sale_starts_at + std::chrono::days{30})},
        {"sale_starts_at", FormatRfc3339(spec.sale_starts_at)},
        {"max_per_user", spec.max_per_user},
        {"hold_seconds", kHoldSeconds},
        {"zones", std::move(zones)},
        {"queue",
         {{"opens_at", FormatRfc3339(spec.opens_at)},
          {"admit_per_minute", spec.admit_per_minute},
          {"active_max", spec.active_max},
          {"admission_seconds", spec.admission_s},
          {"pow_bits", spec.pow_bits},
          {"paused", spec.paused}}}};
    auto answer = client.Call("POST", "/api/v1/events", admin, &body);
    if (!answer.ok()) return answer.status();
    if (answer->status != 201) {
        return Status::InvalidArgument("create event: " + DescribeAnswer(*answer));
    }
    RunPlan event;
    if (Status status = ReadEvent(answer->body, event); !status.ok()) return status;
    return QueueEvent{event.event_id, std::move(event.zone_ids)};
}

Result<QueuePlan> PrepareQueueSale(const BenchConfig& config, SetupClient& client,
                                   std::ostream& log) {
    QueuePlan plan;
    plan.config = config.queue;
    plan.seed = config.seed;
    auto admin = AdminToken(client, config.admin_email, config.admin_password);
    if (!admin.ok()) return admin.status();
    const auto started = std::chrono::steady_clock::now();
    auto tokens = CreateUsers(client, *admin, config.user_prefix, plan.config.users);
    if (!tokens.ok()) return tokens.status();
    plan.tokens = std::move(*tokens);
    log << plan.config.users << " users created in "
        << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
        << " s\n";
    const TimePoint now =
        std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    plan.opens_at = now + kQueueOpensAfter;
    plan.sale_starts_at =
        plan.opens_at + std::chrono::milliseconds(std::llround(plan.config.pre_queue_s * 1000));
    const QueueSaleConfig& c = plan.config;
    auto event = CreateQueueEvent(client, *admin,
                                  {.opens_at = plan.opens_at,
                                   .sale_starts_at = plan.sale_starts_at,
                                   .admit_per_minute = c.admit_per_minute,
                                   .active_max = c.active_max,
                                   .admission_s = c.admission_s,
                                   .pow_bits = c.pow_bits,
                                   .tickets = c.tickets,
                                   .max_per_user = c.quantity_max});
    if (!event.ok()) return event.status();
    plan.event_id = event->event_id;
    plan.zone_ids = std::move(event->zone_ids);
    plan.population = PlanPopulation(plan.config, config.seed);
    log << "event " << plan.event_id << ": queue opens " << FormatRfc3339(plan.opens_at)
        << ", sale starts " << FormatRfc3339(plan.sale_starts_at) << '\n';
    return plan;
}

}  // namespace tix::bench
