// SimTicketClients: gates and ticket holders in the durable-path simulator
// (durable_path_simulation_test.cpp). Tests only; single-threaded.
//
// They learn the tickets of orders a client was told are paid (GetTickets, as an admin), then
// scan them online at a few gates, upload offline gates' logs (scans dated up to ten minutes back,
// some logs uploaded twice), and transfer tickets between users — with stale knowledge too (an
// old version, a ticket given away meanwhile), as real clients have.
//
// Checked:
//   - a ticket is answered kAdmitted online at most once, ever: online scans are dated now, so a
//     second admission would be a double entry let in;
//   - a log uploaded again whose scans were all acknowledged changes nothing
//     (kAlreadyRecorded), unless the ticket was revoked or re-issued since;
//   - an older version than an acknowledged transfer made is never admitted;
//   - after every recovery: every acknowledged kept scan is in what Load returned, and the
//     engine's admission of its ticket is no later than it; every acknowledged transfer's
//     version is the ticket's or older.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/command.h"
#include "engine/engine.h"
#include "engine/journal.h"
#include "engine/reply.h"

namespace tix::service {

class SimTicketClients {
  public:
    using Problems = std::vector<std::string>;

    // An acknowledged order: paid ones have tickets to learn.
    void Told(const engine::Order& order);
    // A ticket command, or nullopt when no ticket is known yet (nor a paid order to ask about).
    // Transfers go to user ids 1..users.
    std::optional<engine::Command> NextCommand(std::mt19937_64& rng, UserId admin,
                                               std::uint64_t users, TimePoint now);
    void OnAnswer(const engine::Command& sent, const engine::Reply& reply, bool durable,
                  Problems& problems);
    void CheckRecovered(const engine::RecoveredState& loaded, const engine::Engine& engine,
                        Problems& problems) const;

    const std::map<std::string, std::uint64_t>& stats() const { return stats_; }
    static std::string Describe(const engine::Command& command);

  private:
    struct Known {
        EventId event_id{};
        UserId holder{};
        std::uint32_t version = 1;
        std::uint32_t acked_version = 1;  // the newest version an acknowledged answer showed
        bool online_admitted = false;     // an online scan was answered kAdmitted
        std::size_t scans_sent = 0;
    };
    struct AckedScan {
        engine::TicketId ticket_id;
        std::string gate;
        TimePoint scanned_at{};
    };

    std::optional<engine::Command> Scan(std::mt19937_64& rng, TimePoint now);
    std::optional<engine::Command> Upload(std::mt19937_64& rng, TimePoint now);
    std::optional<engine::Command> Transfer(std::mt19937_64& rng, std::uint64_t users);
    const engine::TicketId* AnyTicket(std::mt19937_64& rng) const;
    void OnTickets(const engine::TicketListReply& reply, Problems& problems);
    void OnUpload(const engine::UploadScans& upload, const engine::UploadScansReply& reply,
                  Problems& problems);

    std::vector<OrderId> paid_unfetched_;
    std::set<OrderId> fetched_;
    std::map<engine::TicketId, Known> tickets_;
    std::vector<engine::TicketId> ticket_list_;  // for picking at random
    std::vector<AckedScan> acked_scans_;         // kept by the engine, acknowledged
    // Uploads whose every scan was acknowledged as kept, to send again.
    std::vector<engine::UploadScans> acked_uploads_;
    std::map<std::string, std::uint64_t> stats_;
};

}  // namespace tix::service
