#include "run_setup.h"

#include <boost/json.hpp>
#include <chrono>

#include "common/rfc3339.h"

namespace tix::bench {
namespace {

using namespace std::chrono_literals;

namespace json = boost::json;

// The churn event must never sell out: 2,000,000 tickets, tixd's per-event maximum.
constexpr std::uint32_t kChurnRows = 1'000;
constexpr std::uint32_t kChurnSeatsPerRow = 500;
constexpr std::uint32_t kChurnGaCapacity = 500'000;
static_assert(2 * kChurnRows * kChurnSeatsPerRow + 2 * kChurnGaCapacity == 2'000'000);
constexpr std::uint32_t kHotRowSeats = 1'000;

// The demo's first game: the listed event that starts first (RFC 3339 UTC sorts as text).
Status FindDomeEvent(const BenchConfig& config, SetupClient& client, RunPlan& plan) {
    auto answer = client.Call("GET", "/api/v1/events", {}, nullptr);
    if (!answer.ok()) return answer.status();
    const auto* object = answer->body.if_object();
    const auto* events = object ? object->if_contains("events") : nullptr;
    if (answer->status != 200 || events == nullptr || !events->is_array()) {
        return Status::Corruption("GET /events: " + DescribeAnswer(*answer));
    }
    const json::value* chosen = nullptr;
    std::string chosen_start;
    for (const json::value& event : events->as_array()) {
        const auto* e = event.if_object();
        if (e == nullptr) continue;
        const auto* id = e->if_contains("event_id");
        const auto* starts = e->if_contains("starts_at");
        if (!id || !id->is_int64() || !starts || !starts->is_string()) continue;
        if (config.event_id != 0) {
            if (id->as_int64() == config.event_id) chosen = &event;
            continue;
        }
        const std::string start(starts->as_string().c_str());
        if (chosen == nullptr || start < chosen_start) {
            chosen = &event;
            chosen_start = start;
        }
    }
    if (chosen == nullptr)
        return Status::NotFound("no event to sell (did tixd start with --demo?)");
    return ReadEvent(*chosen, plan);
}

Status CreateEvent(const BenchConfig& config, SetupClient& client, const std::string& admin,
                   RunPlan& plan) {
    const TimePoint now =
        std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    json::array zones;
    if (config.scenario == Scenario::kChurn) {
        zones.push_back(ZoneJson("SEATA", true, kChurnRows, kChurnSeatsPerRow));
        zones.push_back(ZoneJson("SEATB", true, kChurnRows, kChurnSeatsPerRow));
        zones.push_back(ZoneJson("GAA", false, 0, kChurnGaCapacity));
        zones.push_back(ZoneJson("GAB", false, 0, kChurnGaCapacity));
    } else {
        zones.push_back(ZoneJson("HOT", true, 1, kHotRowSeats));
    }
    const json::value body = {{"name", "tixbench " + config.scenario_name},
                              {"venue", "tixbench"},
                              {"starts_at", FormatRfc3339(now + std::chrono::days{30})},
                              {"sale_starts_at", FormatRfc3339(now - 60s)},
                              {"max_per_user", 8},
                              {"hold_seconds", 600},
                              {"zones", std::move(zones)}};
    auto answer = client.Call("POST", "/api/v1/events", admin, &body);
    if (!answer.ok()) return answer.status();
    if (answer->status != 201) {
        return Status::InvalidArgument("create event: " + DescribeAnswer(*answer));
    }
    return ReadEvent(answer->body, plan);
}

}  // namespace

Status ReadEvent(const json::value& event, RunPlan& plan) {
    const auto* object = event.if_object();
    const auto* id = object ? object->if_contains("event_id") : nullptr;
    const auto* zones = object ? object->if_contains("zones") : nullptr;
    if (id == nullptr || !id->is_int64() || zones == nullptr || !zones->is_array()) {
        return Status::Corruption("event without event_id or zones");
    }
    plan.event_id = id->as_int64();
    if (const auto* max = object->if_contains("max_per_user"); max && max->is_int64()) {
        plan.max_per_user = static_cast<std::uint32_t>(max->as_int64());
    }
    for (const json::value& zone : zones->as_array()) {
        const auto* zone_id = zone.is_object() ? zone.as_object().if_contains("zone_id") : nullptr;
        if (zone_id == nullptr || !zone_id->is_string()) return Status::Corruption("zone_id");
        plan.zone_ids.emplace_back(zone_id->as_string().c_str());
    }
    if (plan.zone_ids.empty()) return Status::Corruption("event without zones");
    return Status::Ok();
}

json::object ZoneJson(const std::string& id, bool seated, std::uint32_t rows, std::uint32_t size) {
    json::object zone{{"zone_id", id},
                      {"name", id},
                      {"price", 1000},
                      {"currency", "TWD"},
                      {"kind", seated ? "seated" : "ga"}};
    if (!seated) {
        zone["capacity"] = size;
        return zone;
    }
    json::array row_list;
    row_list.reserve(rows);
    for (std::uint32_t r = 1; r <= rows; ++r) {
        row_list.push_back(json::object{{"row", std::to_string(r)}, {"seats", size}});
    }
    zone["rows"] = std::move(row_list);
    return zone;
}

Result<std::string> AdminToken(SetupClient& client, const std::string& email,
                               const std::string& password) {
    const json::value body = {{"email", email}, {"password", password}};
    auto answer = client.Call("POST", "/api/v1/auth/login", {}, &body);
    if (!answer.ok()) return answer.status();
    const auto* object = answer->body.if_object();
    const auto* token = object ? object->if_contains("access_token") : nullptr;
    if (answer->status != 200 || token == nullptr || !token->is_string()) {
        return Status::InvalidArgument("admin login: " + DescribeAnswer(*answer));
    }
    return std::string(token->as_string().c_str());
}

Result<std::vector<std::string>> CreateUsers(SetupClient& client, const std::string& admin,
                                             const std::string& email_prefix, std::uint32_t count,
                                             std::vector<std::int64_t>* user_ids) {
    std::vector<std::string> tokens;
    tokens.reserve(count);
    for (std::uint32_t start = 0; start < count; start += kUsersPerBulkCall) {
        const std::uint32_t batch = std::min(kUsersPerBulkCall, count - start);
        const json::value body = {{"count", batch},
                                  {"email_prefix", email_prefix},
                                  {"email_domain", "bench.local"},
                                  {"start", start}};
        auto answer = client.Call("POST", "/api/v1/admin/users/bulk", admin, &body);
        if (!answer.ok()) return answer.status();
        const auto* object = answer->body.if_object();
        const auto* users = object ? object->if_contains("users") : nullptr;
        if (answer->status != 201 || users == nullptr || !users->is_array() ||
            users->as_array().size() != batch) {
            return Status::InvalidArgument("bulk users: " + DescribeAnswer(*answer));
        }
        for (const json::value& user : users->as_array()) {
            const auto* token =
                user.is_object() ? user.as_object().if_contains("access_token") : nullptr;
            if (token == nullptr || !token->is_string()) return Status::Corruption("user token");
            tokens.emplace_back(token->as_string().c_str());
            if (user_ids == nullptr) continue;
            const auto* id = user.as_object().if_contains("user_id");
            if (id == nullptr || !id->is_int64()) return Status::Corruption("user id");
            user_ids->push_back(id->as_int64());
        }
    }
    return tokens;
}

Result<RunPlan> PrepareRun(const BenchConfig& config, SetupClient& client, std::ostream& log) {
    RunPlan plan;
    plan.scenario = config.scenario;
    plan.seed = config.seed;
    if (config.scenario == Scenario::kCeiling) return plan;

    auto admin = AdminToken(client, config.admin_email, config.admin_password);
    if (!admin.ok()) return admin.status();
    Status status = config.scenario == Scenario::kDome ? FindDomeEvent(config, client, plan)
                                                       : CreateEvent(config, client, *admin, plan);
    if (!status.ok()) return status;
    // Churn cycles holds through an event that never sells out, mostly releasing them again.
    if (config.scenario == Scenario::kChurn) {
        plan.shape.confirm_share = 0.2;
        plan.shape.cancel_share = 0.7;
    } else {
        plan.fallback = true;
    }
    log << "event " << plan.event_id << " with " << plan.zone_ids.size() << " zones; creating "
        << config.users << " users\n";
    const auto started = std::chrono::steady_clock::now();
    auto tokens = CreateUsers(client, *admin, config.user_prefix, config.users);
    if (!tokens.ok()) return tokens.status();
    plan.tokens = std::move(*tokens);
    log << "users created in "
        << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
        << " s\n";
    return plan;
}

Result<AvailabilitySnapshot> FetchAvailability(SetupClient& client, std::int64_t event_id) {
    auto answer = client.Call(
        "GET", "/api/v1/events/" + std::to_string(event_id) + "/availability?seats=true", {},
        nullptr);
    if (!answer.ok()) return answer.status();
    if (answer->status != 200) {
        return Status::Corruption("availability: " + DescribeAnswer(*answer));
    }
    return AvailabilitySnapshot::FromJson(answer->body);
}

}  // namespace tix::bench
