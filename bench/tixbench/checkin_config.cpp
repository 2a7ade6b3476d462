#include "checkin_config.h"

#include <string>

#include "bench_config.h"

namespace tix::bench {

// The setup puts every ticket in one general-admission zone.
static_assert(kUsersMax <= limits::kMaxCapacityPerZone);

Status ValidateCheckInConfig(const CheckInConfig& config, std::uint32_t buyers) {
    if (config.tickets_per_user < 1 || config.tickets_per_user > kCheckInTicketsPerUserMax) {
        return Status::InvalidArgument("--tickets-per-user: 1.." +
                                       std::to_string(kCheckInTicketsPerUserMax));
    }
    if (config.gates < 1 || config.gates > kCheckInGatesMax) {
        return Status::InvalidArgument("--gates: 1.." + std::to_string(kCheckInGatesMax));
    }
    if (CheckInTickets(config, buyers) > kUsersMax) {
        return Status::InvalidArgument("--users × --tickets-per-user: at most " +
                                       std::to_string(kUsersMax) + " tickets");
    }
    if (config.offline_tickets > CheckInTickets(config, buyers)) {
        return Status::InvalidArgument(
            "--offline-tickets: at most the tickets (--users × --tickets-per-user)");
    }
    // Each re-scan is of a different ticket admitted online.
    if (config.rescans > CheckInTickets(config, buyers) - config.offline_tickets) {
        return Status::InvalidArgument(
            "--rescans: at most the tickets scanned online (--users × --tickets-per-user - "
            "--offline-tickets)");
    }
    return Status::Ok();
}

}  // namespace tix::bench
