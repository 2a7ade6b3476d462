// Ledger: the benchmark's own account of the tickets it holds live (held or paid, not cancelled),
// per zone and per user, kept from the answers it got. After the run AltRunVerifier compares it
// with what the store says: nothing oversold, nothing lost.
// Thread-safety: zone counts are atomic (any connection may record); a user's count must only be
// touched by one thread at a time, which UserCursor guarantees.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "alt_store.h"

namespace tix::bench {

class Ledger {
  public:
    Ledger(std::size_t zone_count, std::uint64_t users);

    // REQUIRES: hold.zone < zone_count, hold.user < users.
    void RecordHeld(const HoldRef& hold);
    void RecordCancelled(const HoldRef& hold);

    std::int64_t zone_tickets(std::uint32_t zone) const {
        return zone_tickets_[zone].load(std::memory_order_relaxed);
    }
    std::int64_t user_tickets(std::uint64_t user) const { return user_tickets_[user]; }
    std::size_t zone_count() const { return zone_tickets_.size(); }
    std::uint64_t users() const { return user_tickets_.size(); }

  private:
    std::vector<std::atomic<std::int64_t>> zone_tickets_;
    std::vector<std::int32_t> user_tickets_;
};

struct Verdict {
    static constexpr std::size_t kProblemsMax = 20;  // the first few say enough
    std::vector<std::string> problems;
    std::uint64_t problems_total = 0;
    bool passed() const { return problems_total == 0; }
};

// Per zone: taken <= capacity, taken == the ledger, hold records (if listed) == taken.
// Per user: tickets <= kTicketsPerUserMax and == the ledger.
Verdict VerifyRun(const Scenario& scenario, const StoreSnapshot& snapshot, const Ledger& ledger);

}  // namespace tix::bench
