#include "ledger.h"

#include <cassert>

namespace tix::bench {

Ledger::Ledger(std::size_t zone_count, std::uint64_t users)
    : zone_tickets_(zone_count), user_tickets_(users, 0) {}

void Ledger::RecordHeld(const HoldRef& hold) {
    assert(hold.zone < zone_tickets_.size() && hold.user < user_tickets_.size());
    zone_tickets_[hold.zone].fetch_add(hold.quantity, std::memory_order_relaxed);
    user_tickets_[hold.user] += static_cast<std::int32_t>(hold.quantity);
}

void Ledger::RecordCancelled(const HoldRef& hold) {
    assert(hold.zone < zone_tickets_.size() && hold.user < user_tickets_.size());
    zone_tickets_[hold.zone].fetch_sub(hold.quantity, std::memory_order_relaxed);
    user_tickets_[hold.user] -= static_cast<std::int32_t>(hold.quantity);
}

namespace {

void Report(Verdict& verdict, std::string problem) {
    ++verdict.problems_total;
    if (verdict.problems.size() < Verdict::kProblemsMax) {
        verdict.problems.push_back(std::move(problem));
    }
}

}  // namespace

Verdict VerifyRun(const Scenario& scenario, const StoreSnapshot& snapshot, const Ledger& ledger) {
    Verdict verdict;
    const std::size_t zones = scenario.zones.size();
    if (snapshot.zone_taken.size() != zones || ledger.zone_count() != zones ||
        (snapshot.zone_hold_records && snapshot.zone_hold_records->size() != zones)) {
        Report(verdict, "zone count differs between scenario, store and ledger");
        return verdict;
    }
    for (std::uint32_t zone = 0; zone < zones; ++zone) {
        const ZoneSpec& spec = scenario.zones[zone];
        const std::int64_t taken = snapshot.zone_taken[zone];
        const std::string where = "zone " + spec.name + ": ";
        if (taken > spec.capacity || taken < 0) {
            Report(verdict,
                   where + std::to_string(taken) + " taken of " + std::to_string(spec.capacity));
        }
        if (taken != ledger.zone_tickets(zone)) {
            Report(verdict, where + "store says " + std::to_string(taken) + " taken, bench holds " +
                                std::to_string(ledger.zone_tickets(zone)));
        }
        if (snapshot.zone_hold_records && (*snapshot.zone_hold_records)[zone] != taken) {
            Report(verdict, where + "hold records add up to " +
                                std::to_string((*snapshot.zone_hold_records)[zone]) +
                                ", stock to " + std::to_string(taken));
        }
    }
    for (const auto& [user, tickets] : snapshot.user_tickets) {
        if (tickets > kTicketsPerUserMax || tickets < 0) {
            Report(verdict,
                   "user " + std::to_string(user) + " has " + std::to_string(tickets) + " tickets");
        }
        if (user >= ledger.users()) {
            Report(verdict, "user " + std::to_string(user) + " was never used by the bench");
        }
    }
    for (std::uint64_t user = 0; user < ledger.users(); ++user) {
        const auto it = snapshot.user_tickets.find(user);
        const std::int64_t stored = it == snapshot.user_tickets.end() ? 0 : it->second;
        if (stored != ledger.user_tickets(user)) {
            Report(verdict, "user " + std::to_string(user) + ": store says " +
                                std::to_string(stored) + ", bench holds " +
                                std::to_string(ledger.user_tickets(user)));
        }
    }
    return verdict;
}

}  // namespace tix::bench
