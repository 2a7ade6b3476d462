#include "common/rfc3339.h"

#include <cstdint>
#include <cstdio>

namespace tix {
namespace {

constexpr TimeMs kMsPerDay = 86'400'000;

// Howard Hinnant's days_from_civil: proleptic Gregorian date -> days since 1970-01-01.
constexpr std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
    std::int64_t year;
    unsigned month, day;
};

constexpr Civil CivilFromDays(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

constexpr bool IsLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr unsigned DaysInMonth(std::int64_t y, unsigned m) {
    constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

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

std::string FormatRfc3339(TimeMs t) {
    std::int64_t days = t / kMsPerDay;
    TimeMs ms_of_day = t % kMsPerDay;
    if (ms_of_day < 0) {
        ms_of_day += kMsPerDay;
        --days;
    }
    const Civil c = CivilFromDays(days);
    const int ms = static_cast<int>(ms_of_day % 1000);
    const int sec = static_cast<int>(ms_of_day / 1000 % 60);
    const int min = static_cast<int>(ms_of_day / 60'000 % 60);
    const int hour = static_cast<int>(ms_of_day / 3'600'000);
    if (c.year < 0 || c.year > 9999) {  // rare: leave the signs and widths to snprintf
        char buf[48];
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ",
                      static_cast<long long>(c.year), c.month, c.day, hour, min, sec, ms);
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
    put(0, static_cast<unsigned>(c.year), 4);
    text[4] = '-';
    put(5, c.month, 2);
    text[7] = '-';
    put(8, c.day, 2);
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

std::optional<TimeMs> ParseRfc3339(std::string_view s) {
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
    if (year < 1970 || month < 1 || month > 12 || day < 1 ||
        static_cast<unsigned>(day) > DaysInMonth(year, static_cast<unsigned>(month)) || hour > 23 ||
        min > 59 || sec > 60) {
        return std::nullopt;
    }
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
    TimeMs offset_ms = 0;
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
        offset_ms = sign * (oh * 3'600'000LL + om * 60'000LL);
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    if (sec == 60) sec = 59;  // leap second: clamp, POSIX time has none
    const TimeMs t =
        DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * kMsPerDay +
        hour * 3'600'000LL + min * 60'000LL + sec * 1000LL + ms;
    return t - offset_ms;
}

}  // namespace tix
