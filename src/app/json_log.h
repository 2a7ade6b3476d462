// Structured logs: every spdlog line on stderr becomes one JSON object,
// {"ts":"2026-11-23T10:12:00.123Z","level":"info","msg":"..."}. Call once at start.
#pragma once

#include <string_view>

namespace tix::app {

void InstallJsonLogger(std::string_view level);

}  // namespace tix::app
