#include "summary.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tix::bench {
namespace {

namespace json = boost::json;

constexpr std::uintmax_t kRunFileBytesMax = 16 * 1024 * 1024;

std::string Text(const json::object& object, const char* key, const char* fallback) {
    const auto* value = object.if_contains(key);
    return value && value->is_string() ? std::string(value->as_string().c_str()) : fallback;
}

double Number(const json::object& object, const char* key) {
    const auto* value = object.if_contains(key);
    return value && value->is_number() ? value->to_number<double>() : 0.0;
}

// The waiting room's, the payments', the gates' and the bidding runs have figures of their own:
// they are not holds against the ceiling.
bool IsOnSale(const std::string& scenario) {
    return scenario != "ceiling" && scenario != "queue" && scenario != "queue-load" &&
           scenario != "pay" && scenario != "checkin" && scenario != "bidding";
}

std::optional<double> OptionalNumber(const json::object& object, const char* key) {
    const auto* value = object.if_contains(key);
    if (value == nullptr || !value->is_number()) return std::nullopt;
    return value->to_number<double>();
}

const SummaryRow* CeilingAt(const std::vector<SummaryRow>& rows, std::uint32_t connections) {
    for (const SummaryRow& row : rows) {
        if (row.system == "tixd" && row.scenario == "ceiling" && row.mode == "closed" &&
            row.connections == connections) {
            return &row;
        }
    }
    return nullptr;
}

std::string Fixed(double value, int decimals) {
    char text[48];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

// Ratios span 0.001 (holds over the ceiling in a sold-out tail) to 100: keep 3 digits.
std::string Significant(double value) {
    char text[48];
    std::snprintf(text, sizeof text, "%.3g", value);
    return text;
}

}  // namespace

SummaryRow SummaryRow::FromJson(const json::object& run, std::string file) {
    SummaryRow row;
    row.file = std::move(file);
    row.system = Text(run, "system", "?");
    row.scenario = Text(run, "scenario", "?");
    row.mode = Text(run, "mode", "closed");
    row.connections = static_cast<std::uint32_t>(Number(run, "connections"));
    row.requests_per_s = Number(run, "requests_per_s");
    row.holds_per_s = Number(run, "holds_per_s");
    row.tickets_per_s = Number(run, "tickets_per_s");
    if (const double seconds = Number(run, "seconds"); seconds > 0) {
        row.writes_per_s =
            (Number(run, "holds_ok") + Number(run, "confirms_ok") + Number(run, "cancels_ok")) /
            seconds;
    }
    if (const auto* sold_out = run.if_contains("sold_out_after_s");
        sold_out && sold_out->is_number()) {
        row.sold_out_after_s = sold_out->to_number<double>();
    }
    row.errors = static_cast<std::uint64_t>(Number(run, "errors"));
    // Runs without holds (ceiling) show the latency of all their requests instead.
    for (const char* key : {"hold_latency", "latency"}) {
        const auto* latency = run.if_contains(key);
        if (latency == nullptr || !latency->is_object()) continue;
        const bool empty =
            latency->as_object().contains("count") && Number(latency->as_object(), "count") == 0;
        if (empty && std::string(key) == "hold_latency") {
            continue;
        }
        row.hold_p50_ms = Number(latency->as_object(), "p50_ms");
        row.hold_p99_ms = Number(latency->as_object(), "p99_ms");
        row.hold_p999_ms = Number(latency->as_object(), "p999_ms");
        break;
    }
    if (const auto* verification = run.if_contains("verification");
        verification && verification->is_object()) {
        const auto* passed = verification->as_object().if_contains("passed");
        if (passed && passed->is_bool()) row.verified = passed->as_bool();
    }
    if (const auto* passed = run.if_contains("passed"); passed && passed->is_bool()) {
        row.verified = passed->as_bool();
    }
    row.joins_per_s = OptionalNumber(run, "joins_per_s");
    row.polls_per_s = OptionalNumber(run, "polls_per_s");
    return row;
}

std::vector<Ratio> ComputeRatios(const std::vector<SummaryRow>& rows) {
    std::vector<Ratio> ratios;
    auto divide = [](double a, double b) { return b > 0 ? std::optional(a / b) : std::nullopt; };
    for (const SummaryRow& tixd : rows) {
        if (tixd.system != "tixd") continue;
        const std::string at = " at " + std::to_string(tixd.connections) + " connections";
        const std::string prefix = tixd.scenario + " " + tixd.mode + ": tixd ";
        const SummaryRow* ceiling = CeilingAt(rows, tixd.connections);
        if (tixd.scenario == "queue-load" && ceiling != nullptr) {
            for (const auto& [name, value] :
                 {std::pair<const char*, std::optional<double>>{"joins/s", tixd.joins_per_s},
                  {"polls/s", tixd.polls_per_s}}) {
                ratios.push_back({prefix + name + " ÷ tixd ceiling requests/s" + at,
                                  divide(value.value_or(0), ceiling->requests_per_s)});
            }
        }
        // A pay run's requests/s are its webhooks/s (each a durable apply or a duplicate).
        if (tixd.scenario == "pay" && ceiling != nullptr) {
            ratios.push_back({prefix + "webhooks/s ÷ tixd ceiling requests/s" + at,
                              divide(tixd.requests_per_s, ceiling->requests_per_s)});
        }
        // A checkin run's requests/s are its admissions/s (each a durable first scan).
        if (tixd.scenario == "checkin" && ceiling != nullptr) {
            ratios.push_back({prefix + "scans/s ÷ tixd ceiling requests/s" + at,
                              divide(tixd.requests_per_s, ceiling->requests_per_s)});
        }
        if (!IsOnSale(tixd.scenario)) continue;
        if (tixd.scenario == "dome" || tixd.scenario == "churn") {
            for (const SummaryRow& other : rows) {
                if (other.system == "tixd" || other.scenario != tixd.scenario ||
                    other.mode != tixd.mode || other.connections != tixd.connections) {
                    continue;
                }
                ratios.push_back({prefix + "holds/s ÷ " + other.system + " holds/s" + at,
                                  divide(tixd.holds_per_s, other.holds_per_s)});
                ratios.push_back({prefix + "requests/s ÷ " + other.system + " requests/s" + at,
                                  divide(tixd.requests_per_s, other.requests_per_s)});
                if (tixd.sold_out_after_s && other.sold_out_after_s) {
                    ratios.push_back({tixd.scenario + " " + tixd.mode + ": " + other.system +
                                          " time to sell out ÷ tixd's" + at,
                                      divide(*other.sold_out_after_s, *tixd.sold_out_after_s)});
                }
            }
        }
        if (ceiling == nullptr) continue;
        for (const auto& [name, value] :
             {std::pair<const char*, double>{"holds/s", tixd.holds_per_s},
              {"durable changes/s", tixd.writes_per_s},
              {"requests/s", tixd.requests_per_s}}) {
            ratios.push_back({prefix + name + " ÷ tixd ceiling requests/s" + at,
                              divide(value, ceiling->requests_per_s)});
        }
    }
    return ratios;
}

std::string MarkdownTable(const std::vector<SummaryRow>& rows, const std::vector<Ratio>& ratios) {
    std::ostringstream out;
    out << "| system | scenario | mode | connections | requests/s | holds/s | tickets/s "
           "| p50 ms | p99 ms | p99.9 ms | errors | verified |\n"
        << "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n";
    bool waiting_room = false;
    for (const SummaryRow& row : rows) {
        if (row.scenario == "queue-load") {
            waiting_room = true;
            continue;
        }
        out << "| " << row.system << " | " << row.scenario << " | " << row.mode << " | "
            << row.connections << " | " << Fixed(row.requests_per_s, 0) << " | "
            << Fixed(row.holds_per_s, 0) << " | " << Fixed(row.tickets_per_s, 0) << " | "
            << Fixed(row.hold_p50_ms, 2) << " | " << Fixed(row.hold_p99_ms, 2) << " | "
            << Fixed(row.hold_p999_ms, 2) << " | " << row.errors << " | "
            << (row.verified ? (*row.verified ? "PASS" : "FAIL") : "-") << " |\n";
    }
    out << "\nLatency: of holds; of every request in runs without holds (ceiling, queue).\n";
    if (waiting_room) {
        out << "\n| system | waiting room (queue-load) | connections | joins/s | polls/s | errors "
               "| passed |\n| --- | --- | ---: | ---: | ---: | ---: | --- |\n";
        for (const SummaryRow& row : rows) {
            if (row.scenario != "queue-load") continue;
            out << "| " << row.system << " | " << row.mode << " | " << row.connections << " | "
                << Fixed(row.joins_per_s.value_or(0), 0) << " | "
                << Fixed(row.polls_per_s.value_or(0), 0) << " | " << row.errors << " | "
                << (row.verified ? (*row.verified ? "PASS" : "FAIL") : "-") << " |\n";
        }
    }
    if (!ratios.empty()) {
        out << "\n| ratio | value |\n| --- | ---: |\n";
        for (const Ratio& ratio : ratios) {
            out << "| " << ratio.what << " | " << (ratio.value ? Significant(*ratio.value) : "n/a")
                << " |\n";
        }
    }
    return out.str();
}

json::object SummaryJson(const std::vector<SummaryRow>& rows, const std::vector<Ratio>& ratios) {
    json::array runs;
    for (const SummaryRow& row : rows) {
        json::object run{{"file", row.file},
                         {"system", row.system},
                         {"scenario", row.scenario},
                         {"mode", row.mode},
                         {"connections", row.connections},
                         {"requests_per_s", row.requests_per_s},
                         {"holds_per_s", row.holds_per_s},
                         {"tickets_per_s", row.tickets_per_s},
                         {"writes_per_s", row.writes_per_s},
                         {"hold_p50_ms", row.hold_p50_ms},
                         {"hold_p99_ms", row.hold_p99_ms},
                         {"hold_p999_ms", row.hold_p999_ms},
                         {"errors", row.errors}};
        if (row.verified) run["verified"] = *row.verified;
        if (row.joins_per_s) run["joins_per_s"] = *row.joins_per_s;
        if (row.polls_per_s) run["polls_per_s"] = *row.polls_per_s;
        if (row.sold_out_after_s) run["sold_out_after_s"] = *row.sold_out_after_s;
        runs.push_back(std::move(run));
    }
    json::array ratio_list;
    for (const Ratio& ratio : ratios) {
        ratio_list.push_back(json::object{
            {"what", ratio.what},
            {"value", ratio.value ? json::value(*ratio.value) : json::value(nullptr)}});
    }
    return {{"runs", std::move(runs)}, {"ratios", std::move(ratio_list)}};
}

Result<std::vector<SummaryRow>> LoadRuns(const std::string& dir) {
    std::error_code error;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") {
            files.push_back(entry.path());
        }
    }
    if (error) return Status::IoError(dir + ": " + error.message());
    std::sort(files.begin(), files.end());
    std::vector<SummaryRow> rows;
    for (const auto& path : files) {
        if (std::filesystem::file_size(path, error) > kRunFileBytesMax || error) continue;
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        json::error_code json_error;
        const json::value value = json::parse(text.str(), json_error);
        const auto* run = value.if_object();
        // The combined summary and other stray files are not runs.
        if (json_error || run == nullptr || !run->contains("system") ||
            !run->contains("scenario")) {
            continue;
        }
        rows.push_back(SummaryRow::FromJson(*run, path.filename().string()));
    }
    return rows;
}

}  // namespace tix::bench
