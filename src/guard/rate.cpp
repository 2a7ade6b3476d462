#include "guard/rate.h"

#include <array>
#include <charconv>

namespace tix::guard {
namespace {

struct Unit {
    std::string_view name;
    std::chrono::seconds period;
};

constexpr std::array kUnits = {
    Unit{"s", std::chrono::seconds{1}},
    Unit{"min", std::chrono::minutes{1}},
    Unit{"hour", std::chrono::hours{1}},
    Unit{"day", std::chrono::hours{24}},
};
static_assert(std::chrono::hours{24} <= kRatePeriodMax);

constexpr std::string_view kBurstPrefix = ",burst=";

// A whole number in 1..max, nothing else.
bool ParseCount(std::string_view text, std::uint32_t max, std::uint32_t& out) {
    std::uint64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc{} || stop != end || value < 1 || value > max) {
        return false;
    }
    out = static_cast<std::uint32_t>(value);
    return true;
}

Status Invalid(std::string_view text, std::string_view why) {
    return Status::InvalidArgument("rate '" + std::string(text) + "': " + std::string(why) +
                                   " (expected e.g. 120/min, 10/hour,burst=3 or off)");
}

}  // namespace

std::chrono::microseconds Rate::interval() const {
    if (count == 0) return std::chrono::microseconds{0};
    const auto period_us = std::chrono::duration_cast<std::chrono::microseconds>(period);
    return std::max(std::chrono::microseconds{1}, period_us / count);
}

Result<Rate> ParseRate(std::string_view text) {
    if (text == "off") return Rate::Off();
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos) return Invalid(text, "no '/'");
    Rate rate;
    if (!ParseCount(text.substr(0, slash), kRateCountMax, rate.count)) {
        return Invalid(text, "the count must be a whole number from 1 to 1000000");
    }
    std::string_view rest = text.substr(slash + 1);
    const std::size_t comma = rest.find(',');
    const std::string_view unit = rest.substr(0, comma);
    const Unit* found = nullptr;
    for (const Unit& candidate : kUnits) {
        if (candidate.name == unit) found = &candidate;
    }
    if (found == nullptr) return Invalid(text, "the unit must be s, min, hour or day");
    rate.period = found->period;
    rate.burst = rate.count;
    if (comma == std::string_view::npos) return rate;
    rest = rest.substr(comma);
    if (!rest.starts_with(kBurstPrefix) ||
        !ParseCount(rest.substr(kBurstPrefix.size()), kRateBurstMax, rate.burst)) {
        return Invalid(text, "the burst must be ',burst=' and a whole number from 1 to 1000000");
    }
    return rate;
}

std::string FormatRate(const Rate& rate) {
    if (!rate.enabled()) return "off";
    const Unit* unit = nullptr;
    for (const Unit& candidate : kUnits) {
        if (candidate.period == rate.period) unit = &candidate;
    }
    // A period ParseRate cannot make (set in code): readable, though not parseable.
    if (unit == nullptr) {
        return std::to_string(rate.count) + " per " + std::to_string(rate.period.count()) +
               " s, burst " + std::to_string(rate.burst);
    }
    std::string text = std::to_string(rate.count) + "/" + std::string(unit->name);
    if (rate.burst != rate.count) text += std::string(kBurstPrefix) + std::to_string(rate.burst);
    return text;
}

}  // namespace tix::guard
