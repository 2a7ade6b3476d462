#include "buyer_figures.h"

#include <cstdio>

#include "common/rfc3339.h"
#include "run_stats.h"

namespace tix::bench {
namespace {

// The string value of `"key":"..."` in compact JSON (as tixd writes it); empty if absent.
std::string_view StringValue(std::string_view json, std::string_view key) {
    std::string pattern;
    pattern.reserve(key.size() + 5);
    pattern.append("\"").append(key).append("\":\"");
    const std::size_t at = json.find(pattern);
    if (at == std::string_view::npos) return {};
    const std::size_t from = at + pattern.size();
    const std::size_t end = json.find('"', from);
    if (end == std::string_view::npos) return {};
    return json.substr(from, end - from);
}

// "  <label> ms: p50 … p95 … p99 … max …": the end-to-end figures want p95 besides.
void PrintSpan(std::ostream& out, const char* label, const LatencyHistogram& histogram) {
    if (histogram.count() == 0) return;
    auto ms = [&](double percentile) { return histogram.Percentile(percentile) / 1000.0; };
    char line[256];
    std::snprintf(line, sizeof line, "  %-28s ms: p50 %8.2f  p95 %8.2f  p99 %8.2f  max %8.2f\n",
                  label, ms(50), ms(95), ms(99), histogram.max() / 1000.0);
    out << line;
}

boost::json::object SpanJson(const LatencyHistogram& histogram) {
    boost::json::object json = LatencyJson(histogram);
    json["p95_ms"] = histogram.Percentile(95) / 1000.0;
    return json;
}

std::uint64_t NonNegativeMicros(std::chrono::system_clock::duration span) {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(span).count();
    return micros > 0 ? static_cast<std::uint64_t>(micros) : 0;
}

}  // namespace

std::uint64_t BuyerFigures::failed() const {
    std::uint64_t total = 0;
    for (const auto& [reason, count] : failures) total += count;
    return total;
}

void BuyerFigures::Merge(const BuyerFigures& other) {
    hold_to_paid.Merge(other.hold_to_paid);
    hold_to_seen.Merge(other.hold_to_seen);
    charge_to_paid.Merge(other.charge_to_paid);
    hold.Merge(other.hold);
    pay.Merge(other.pay);
    charge.Merge(other.charge);
    paid += other.paid;
    polls += other.polls;
    for (const auto& [reason, count] : other.failures) failures[reason] += count;
}

boost::json::object BuyerFigures::ToJson() const {
    boost::json::object failures_json;
    for (const auto& [reason, count] : failures) failures_json[reason] = count;
    return {{"paid", paid},
            {"failed", failed()},
            {"polls", polls},
            {"failures", std::move(failures_json)},
            {"hold_to_paid", SpanJson(hold_to_paid)},
            {"hold_to_seen_paid", SpanJson(hold_to_seen)},
            {"charge_to_paid", SpanJson(charge_to_paid)},
            {"hold", SpanJson(hold)},
            {"pay", SpanJson(pay)},
            {"charge", SpanJson(charge)}};
}

void BuyerFigures::Print(std::ostream& out) const {
    char line[160];
    std::snprintf(line, sizeof line, "  paid %llu   failed %llu   polls %llu\n",
                  static_cast<unsigned long long>(paid), static_cast<unsigned long long>(failed()),
                  static_cast<unsigned long long>(polls));
    out << line;
    PrintSpan(out, "hold -> paid (tixd's time)", hold_to_paid);
    PrintSpan(out, "hold -> seen paid (polling)", hold_to_seen);
    PrintSpan(out, "card paid -> paid (webhook)", charge_to_paid);
    PrintSpan(out, "hold", hold);
    PrintSpan(out, "pay (tixd + intent)", pay);
    PrintSpan(out, "card at tixpay", charge);
    for (const auto& [reason, count] : failures) {
        std::snprintf(line, sizeof line, "  failed: %-30s %llu\n", reason.c_str(),
                      static_cast<unsigned long long>(count));
        out << line;
    }
}

std::optional<TimePoint> PaidAt(std::string_view order_json) {
    if (StringValue(order_json, "status") != "paid") return std::nullopt;
    return ParseRfc3339(StringValue(order_json, "updated_at"));
}

std::uint64_t MicrosBetween(TimePoint from, std::chrono::system_clock::time_point to) {
    return NonNegativeMicros(to - from);
}

std::uint64_t MicrosBetween(std::chrono::system_clock::time_point from, TimePoint to) {
    return NonNegativeMicros(to - from);
}

}  // namespace tix::bench
