// CheckInPrepClient: one connection of `--scenario checkin`'s setup (not measured), in a closed
// loop: every buyer's order held (POST /orders, --tickets-per-user tickets of the GA zone), then
// paid (POST /orders/{id}/confirm: instant payments; the tickets are issued), then its tickets
// read (GET /orders/{id}/tickets) and their QR payloads kept for the gates. The buyers are shared
// by the clients of one io_context thread (CheckInPrepWork), so no lock. Runs on its io_context's
// thread only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "closed_loop_client.h"

namespace tix::bench {

struct CheckInPrepWork {
    std::string hold_body;                // {"event_id":E,"zone_id":"GA","quantity":N}
    std::vector<std::string> tokens;      // one buyer each
    std::vector<std::int64_t> order_ids;  // per buyer, 0 until held
    std::vector<char> paid;               // per buyer, 1 once confirmed
    std::vector<std::string> payloads;    // every ticket's `qr`, as they were read
    std::uint32_t next_user = 0;
};

class CheckInPrepClient final : public ClosedLoopClient {
  public:
    enum class Phase : std::uint8_t { kHolds, kConfirms, kTickets };

    CheckInPrepClient(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                      std::chrono::milliseconds timeout, CheckInPrepWork& work);

    void Run(Phase phase, Clock::time_point deadline);

  private:
    bool SendNext(HttpConnection& connection) override;
    unsigned SuccessStatus() const override { return phase_ == Phase::kHolds ? 201 : 200; }
    void OnSuccess(const HttpAnswer& answer) override;

    CheckInPrepWork& work_;
    Phase phase_ = Phase::kHolds;
    std::uint32_t user_ = 0;  // of the request in flight
    std::string target_;
};

// The `qr` of every ticket in a GET /orders/{id}/tickets answer; those without one (revoked, or
// not the viewer's) are left out.
std::vector<std::string> ReadTicketPayloads(std::string_view body);

}  // namespace tix::bench
