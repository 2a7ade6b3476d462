// Preparing a run through tixd's own API, before the measured window: the admin logs in, the
// scenario's event is found (dome: the first demo game) or created (churn, hot-row), and the
// users are created in bulk with their tokens. None of this is measured.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "availability_snapshot.h"
#include "bench_config.h"
#include "common/status.h"
#include "run_plan.h"
#include "setup_client.h"

namespace tix::bench {

inline constexpr std::uint32_t kUsersPerBulkCall = 10'000;  // the endpoint's maximum

// A zone of POST /events: seated with `rows` rows of `size` seats, or general admission with
// `size` places (rows ignored). Price 1,000 TWD.
boost::json::object ZoneJson(const std::string& id, bool seated, std::uint32_t rows,
                             std::uint32_t size);

// Reads event_id, max_per_user and the zones (in listed order) of one event's JSON into `plan`.
Status ReadEvent(const boost::json::value& event, RunPlan& plan);

// The admin's access token (POST /auth/login).
Result<std::string> AdminToken(SetupClient& client, const std::string& email,
                               const std::string& password);

// `count` users "<email_prefix>N@bench.local" (N from 0) made in bulk; their access tokens in
// that order (and their ids into `user_ids`, if given).
Result<std::vector<std::string>> CreateUsers(SetupClient& client, const std::string& admin,
                                             const std::string& email_prefix, std::uint32_t count,
                                             std::vector<std::int64_t>* user_ids = nullptr);

Result<RunPlan> PrepareRun(const BenchConfig& config, SetupClient& client, std::ostream& log);

Result<AvailabilitySnapshot> FetchAvailability(SetupClient& client, std::int64_t event_id);

}  // namespace tix::bench
