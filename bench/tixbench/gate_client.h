// GateClient: one scanner of `--scenario checkin`'s timed phases, a handheld at a gate: it POSTs
// the next ticket's QR payload to /api/v1/checkin ({"payload","gate"}) as soon as the last scan
// was answered, with its gate's scanner token, and counts what tixd said. In the admission phase
// every ticket is new and the answer due is 200 `admitted`; in the re-scan phase every ticket was
// admitted and the answer due is 409 `already_checked_in`. A scan answered 503 is sent again
// (the gate scans it again); no answer is an error, not retried: the server may have admitted
// it. The tickets are shared by the clients of one io_context thread (ScanWork), so no lock.
// Runs on its io_context's thread only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "closed_loop_client.h"

namespace tix::bench {

struct ScanWork {
    const std::vector<std::string>* payloads = nullptr;  // every ticket's QR payload
    std::uint32_t count = 0;                             // this phase scans payloads [0, count)
    std::uint32_t next = 0;
    std::deque<std::uint32_t> retries;  // scans answered 503: sent again
};

// What the answers said, over one phase.
struct ScanCounts {
    std::uint64_t admitted = 0;            // 200 {"result":"admitted"}
    std::uint64_t already_checked_in = 0;  // 409 already_checked_in
    std::uint64_t other = 0;               // any other 200 or 409 (the recorder has the rest)
    std::uint64_t retried = 0;             // scans sent again after a 503

    void Merge(const ScanCounts& other_counts);
};

class GateClient final : public ClosedLoopClient {
  public:
    enum class Phase : std::uint8_t { kAdmissions, kRescans };

    // REQUIRES: `gate` is a valid gate name ([A-Za-z0-9_.-]{1,32}); `token` a scanner's.
    GateClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
               std::chrono::milliseconds timeout, std::string gate, std::string token,
               ScanWork& work);

    void Run(Phase phase, Clock::time_point deadline);
    // This client's counts for the phase; starts afresh for the next one.
    ScanCounts TakeCounts();

  private:
    bool SendNext(HttpConnection& connection) override;
    unsigned SuccessStatus() const override { return phase_ == Phase::kAdmissions ? 200 : 409; }
    void OnSuccess(const HttpAnswer& answer) override;
    void OnNotSucceeded(const HttpAnswer& answer) override;

    std::string gate_;
    std::string token_;
    ScanWork& work_;
    Phase phase_ = Phase::kAdmissions;
    std::uint32_t scan_ = 0;  // of the request in flight
    std::string body_;        // reused
    ScanCounts counts_;
};

}  // namespace tix::bench
