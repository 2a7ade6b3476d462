// `--scenario checkin`: the gates' online check-in (issue 10: "scans/s and p99 for online
// check-in on this machine; the stadium needs ~25/s"), against a plain tixd (instant payments) on
// loopback.
//   setup      an event with one general-admission zone of exactly the tickets; a scanner
//              account per gate (POST /admin/users, role scanner; logged in); --users buyers
//              (bulk), each holding --tickets-per-user tickets, confirming (instant payment: the
//              tickets are issued) and reading its order's tickets for their QR payloads. Not
//              measured; its rates are printed for the record.
//   admissions every payload POSTed once to /api/v1/checkin by --connections scanners spread over
//              --gates gates, in closed loop: scans/s (each 200 is journaled before it is sent)
//              and the latency of a scan, p50 / p95 / p99 / max.
//   re-scans   --rescans of those tickets scanned again, each due a 409 already_checked_in (a
//              double entry, journaled too): the refusal path's rate and latency.
// Then the checks (CheckInReport), against the server's own figures (GET .../checkin). With
// --offline-tickets N, the last N tickets read are kept from the gates (for tixscan: see
// --payloads-out). Run it on a tixd with --rate-limit-checkin-per-account off: it measures the
// server, not the checkin class's 30,000/min per account that a long run at 4 gates would meet; the
// limits per address do not apply to loopback (tixd's default).
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <ostream>

#include "bench_config.h"
#include "checkin_report.h"
#include "common/status.h"

namespace tix::bench {

// REQUIRES: ResolveDefaults(config) passed for the checkin scenario.
Result<CheckInReport> RunCheckInBench(const BenchConfig& config,
                                      boost::asio::ip::tcp::endpoint tixd, std::ostream& out);

}  // namespace tix::bench
