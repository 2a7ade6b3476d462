#include "common/rfc3339.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>

namespace tix {
namespace {

using std::chrono::days;
using std::chrono::hh_mm_ss;
using std::chrono::milliseconds;
using std::chrono::sys_days;
using std::chrono::year_month_day;

// std::chrono's calendar covers years -32767..32767; instants beyond are clamped to its ends.
constexpr TimePoint kEarliest = sys_days{std::chrono::year::min() / 1 / 1};
constexpr TimePoint kLatest =
    sys_days{std::chrono::year::max() / 12 / 31} + days{1} - milliseconds{1};

// Reads exactly `width` digits at `pos`, advancing it.
bool ReadDigits(std::string_view s, size_t& pos, int width, int& out) {
    if (pos + static_cast<size_t>(width) > s.size()) return false;
    out = 0;
    for (int i = 0; i < width; ++i) {
        const char c = s[pos + static_cast<size_t>(i)];
        if (c < '0' || c > '9') return false;
        out = out * 10 + (c - '0');
    }
    pos += static_cast<size_t>(width);
    return true;
}

bool Expect(std::string_view s, size_t& pos, char c) {
    if (pos >= s.size() || s[pos] != c) return false;
    ++pos;
    return true;
}

}  // namespace

std::string FormatRfc3339(TimePoint t) {
    t = std::clamp(t, kEarliest, kLatest);
    const sys_days day = std::chrono::floor<days>(t);
    const year_month_day date{day};
    const hh_mm_ss time{t - day};
    const int year = static_cast<int>(date.year());
    const unsigned month = static_cast<unsigned>(date.month());
    const unsigned day_of_month = static_cast<unsigned>(date.day());
    const int hour = static_cast<int>(time.hours().count());
    const int min = static_cast<int>(time.minutes().count());
    const int sec = static_cast<int>(time.seconds().count());
    const int ms = static_cast<int>(time.subseconds().count());
    if (year < 0 || year > 9999) {  // rare: leave the signs and widths to snprintf
        char buf[48];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", year, month,
                      day_of_month, hour, min, sec, ms);
        std::string text(buf);
        if (ms == 0) text.erase(text.size() - 5, 4);  // ".000Z" -> "Z"
        return text;
    }
    // Hand-formatted: every order view carries three timestamps, and snprintf showed up in
    // profiles of the hold path.
    std::string text(ms == 0 ? 20 : 24, '0');
    const auto put = [&text](std::size_t at, unsigned value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10) {
            text[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
        }
    };
    put(0, static_cast<unsigned>(year), 4);
    text[4] = '-';
    put(5, month, 2);
    text[7] = '-';
    put(8, day_of_month, 2);
    text[10] = 'T';
    put(11, static_cast<unsigned>(hour), 2);
    text[13] = ':';
    put(14, static_cast<unsigned>(min), 2);
    text[16] = ':';
    put(17, static_cast<unsigned>(sec), 2);
    if (ms != 0) {
        text[19] = '.';
        put(20, static_cast<unsigned>(ms), 3);
    }
    text.back() = 'Z';
    return text;
}

std::optional<TimePoint> ParseRfc3339(std::string_view s) {
    size_t pos = 0;
    int year, month, day, hour, min, sec;
    if (!ReadDigits(s, pos, 4, year) || !Expect(s, pos, '-') || !ReadDigits(s, pos, 2, month) ||
        !Expect(s, pos, '-') || !ReadDigits(s, pos, 2, day)) {
        return std::nullopt;
    }
    if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) return std::nullopt;
    ++pos;
    if (!ReadDigits(s, pos, 2, hour) || !Expect(s, pos, ':') || !ReadDigits(s, pos, 2, min) ||
        !Expect(s, pos, ':') || !ReadDigits(s, pos, 2, sec)) {
        return std::nullopt;
    }
    const year_month_day date{std::chrono::year{year},
                              std::chrono::month{static_cast<unsigned>(month)},
                              std::chrono::day{static_cast<unsigned>(day)}};
    if (year < 1970 || !date.ok() || hour > 23 || min > 59 || sec > 60) return std::nullopt;
    int ms = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (digits < 3) ms = ms * 10 + (s[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0) return std::nullopt;
        for (int i = digits; i < 3; ++i) ms *= 10;
    }
    milliseconds offset{0};
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        const int sign = s[pos] == '+' ? 1 : -1;
        ++pos;
        int oh, om;
        if (!ReadDigits(s, pos, 2, oh) || !Expect(s, pos, ':') || !ReadDigits(s, pos, 2, om) ||
            oh > 23 || om > 59) {
            return std::nullopt;
        }
        offset = sign * (std::chrono::hours{oh} + std::chrono::minutes{om});
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    if (sec == 60) sec = 59;  // leap second: clamp, POSIX time has none
    return TimePoint{sys_days{date}} + std::chrono::hours{hour} + std::chrono::minutes{min} +
           std::chrono::seconds{sec} + milliseconds{ms} - offset;
}

}  // namespace tix
