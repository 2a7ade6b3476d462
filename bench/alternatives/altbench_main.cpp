// altbench: drives one alternative (Redis + Lua, or PostgreSQL with one of two locking styles)
// with tixbench's on-sale workload, prints the figures, writes them as RunStats JSON, then checks
// the store against the bench's ledger. The composition root: flags → store → run → verdict.
// Exit status: 0 PASS, 1 verification FAIL, 2 setup or usage error, 3 the run had errors.
#include <CLI/CLI.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <iostream>
#include <memory>

#include "closed_loop_run.h"
#include "ledger.h"
#include "postgres_store.h"
#include "redis_lua_store.h"
#include "scenario.h"

namespace tix::bench {
namespace {

constexpr int kExitFail = 1;
constexpr int kExitSetup = 2;
constexpr int kExitRunErrors = 3;
constexpr std::uint32_t kConnectionsMax = 5000;  // one thread each

struct Flags {
    std::string system;
    std::string label;
    int redis_port = 6379;
    std::string pg_conninfo = "host=127.0.0.1 user=postgres dbname=postgres";
    std::string scenario = "dome";
    std::uint32_t connections = 0;  // 0: the scenario's default
    std::uint64_t users = 0;
    double duration_s = 0;
    double time_limit_s = 0;
    std::uint64_t seed = 1;
    std::string json_path;
};

std::unique_ptr<AltStore> MakeStore(const Flags& flags) {
    if (flags.system == "redis-lua") {
        return std::make_unique<RedisLuaStore>("127.0.0.1", flags.redis_port);
    }
    const auto variant = flags.system == "postgres-update" ? PostgresVariant::kConditionalUpdate
                                                           : PostgresVariant::kSelectForUpdate;
    return std::make_unique<PostgresStore>(flags.pg_conninfo, variant);
}

int Run(const Flags& flags) {
    std::optional<Scenario> scenario = ScenarioNamed(flags.scenario);
    if (!scenario) {
        std::cerr << "altbench: unknown scenario " << flags.scenario << "\n";
        return kExitSetup;
    }
    RunConfig config{
        .scenario = *scenario,
        .label = flags.label.empty() ? flags.system : flags.label,
        .connections = flags.connections ? flags.connections : scenario->default_connections,
        .users = flags.users ? flags.users : scenario->default_users,
        .duration_s = flags.duration_s > 0 ? flags.duration_s : scenario->default_duration_s,
        .seed = flags.seed,
        .time_limit_s = flags.time_limit_s};

    const std::unique_ptr<AltStore> store = MakeStore(flags);
    if (const std::string error = store->Setup(config.scenario, config.users); !error.empty()) {
        std::cerr << "altbench: setup: " << error << "\n";
        return kExitSetup;
    }
    Ledger ledger(config.scenario.zones.size(), config.users);
    const RunResult run = RunClosedLoop(*store, config, ledger);
    const RunStats& stats = run.stats;
    stats.Print(std::cout);
    if (!run.complete) {
        std::cout << "  INCOMPLETE: time limit reached after " << run.turns << " of "
                  << config.users << " users\n";
    }

    const Result<StoreSnapshot> snapshot = store->Snapshot(config.scenario, config.users);
    if (!snapshot.ok()) {
        std::cerr << "altbench: reading the store back: " << snapshot.error << "\n";
        return kExitSetup;
    }
    const Verdict verdict = VerifyRun(config.scenario, *snapshot.value, ledger);
    verdict.Print(std::cout);
    std::cout << (verdict.passed() ? "PASS" : "FAIL") << ": " << config.label << " / "
              << config.scenario.name << "\n";

    if (!flags.json_path.empty()) {
        boost::json::object json = stats.ToJson();
        json["users"] = config.users;
        json["users_served"] = run.turns;
        json["complete"] = run.complete;
        json["verification"] = verdict.ToJson();
        std::ofstream out(flags.json_path);
        out << boost::json::serialize(json) << "\n";
        if (!out) {
            std::cerr << "altbench: cannot write " << flags.json_path << "\n";
            return kExitSetup;
        }
    }
    if (!verdict.passed()) return kExitFail;
    if (stats.errors > 0) {
        std::cerr << "altbench: " << stats.errors << " errors during the run\n";
        return kExitRunErrors;
    }
    return 0;
}

}  // namespace
}  // namespace tix::bench

int main(int argc, char** argv) {
    tix::bench::Flags flags;
    CLI::App app{"altbench: the on-sale workload against Redis + Lua or PostgreSQL"};
    app.add_option("--system", flags.system, "Which alternative")
        ->required()
        ->check(CLI::IsMember({"redis-lua", "postgres-update", "postgres-for-update"}));
    app.add_option("--label", flags.label, "Name in the figures (default: --system)");
    app.add_option("--redis-port", flags.redis_port, "redis-server on 127.0.0.1")
        ->check(CLI::Range(1, 65535));
    app.add_option("--pg-conninfo", flags.pg_conninfo, "libpq connection string");
    app.add_option("--scenario", flags.scenario, "dome | churn | hot-row")
        ->check(CLI::IsMember({"dome", "churn", "hot-row"}));
    app.add_option("--connections", flags.connections, "0: the scenario's default")
        ->check(CLI::Range(0u, tix::bench::kConnectionsMax));
    app.add_option("--users", flags.users, "0: the scenario's default");
    app.add_option("--duration", flags.duration_s, "Seconds, churn only (0: default 20)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--time-limit", flags.time_limit_s,
                   "Seconds; dome/hot-row stop here even with users left (0: no limit)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--seed", flags.seed, "Workload seed; same seed, same attempts");
    app.add_option("--json", flags.json_path, "Write RunStats JSON here");
    CLI11_PARSE(app, argc, argv);
    return tix::bench::Run(flags);
}
