// Preparing a run through tixd's own API, before the measured window: the admin logs in, the
// scenario's event is found (dome: the first demo game) or created (churn, hot-row), and the
// users are created in bulk with their tokens. None of this is measured.
#pragma once

#include <cstdint>
#include <ostream>

#include "availability_snapshot.h"
#include "bench_config.h"
#include "common/status.h"
#include "run_plan.h"
#include "setup_client.h"

namespace tix::bench {

inline constexpr std::uint32_t kUsersPerBulkCall = 10'000;  // the endpoint's maximum

Result<RunPlan> PrepareRun(const BenchConfig& config, SetupClient& client, std::ostream& log);

Result<AvailabilitySnapshot> FetchAvailability(SetupClient& client, std::int64_t event_id);

}  // namespace tix::bench
