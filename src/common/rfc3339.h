// RFC 3339 UTC timestamps <-> TimePoint. Pure functions, no locale, no clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/time.h"

namespace tix {

// Formats as "2026-12-05T10:30:00Z" (milliseconds added only when non-zero: "...:00.250Z").
// Instants beyond std::chrono's calendar (years -32767..32767) are clamped to its ends.
std::string FormatRfc3339(TimePoint t);

// Accepts "YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)"; 't'/'z' and a space separator too. Years
// 1970..9999.
std::optional<TimePoint> ParseRfc3339(std::string_view text);

}  // namespace tix
