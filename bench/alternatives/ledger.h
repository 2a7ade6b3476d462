// Ledger: the benchmark's own account of the tickets it holds live (held or paid, not cancelled),
// per zone and per user, kept from the answers it got. After the run AltRunVerifier compares it
// with what the store says: nothing oversold, nothing lost.
// Thread-safety: zone counts are atomic (any connection may record); a user's count must only be
// touched by one thread at a time, which UserCursor guarantees.
#pragma once

#include <atomic>
#include <boost/json/object.hpp>
#include <cstdint>
#include <ostream>
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

// One invariant over the whole run, in tixbench's verification shape.
struct Check {
    static constexpr std::size_t kExamplesMax = 5;  // the first few say enough
    std::string name;
    std::uint64_t violations = 0;
    std::vector<std::string> examples;  // the first kExamplesMax violations
    std::uint64_t checked = 0;          // zones or users looked at

    bool passed() const { return violations == 0; }
    void Violation(std::string what);
    std::string Detail() const;
};

struct Verdict {
    std::vector<Check> checks;
    bool passed() const;
    // {"passed": bool, "checks": [{"name", "verdict", "detail"}]}, as tixbench writes it.
    boost::json::object ToJson() const;
    void Print(std::ostream& out) const;
};

// capacity: per zone, taken <= capacity. ledger_totals: per zone, taken (capacity - stock left)
// == what the bench holds. hold_records (when listed): per zone, the hold records add up to
// taken. per_user_limit: tickets <= kTicketsPerUserMax. per_user_ledger: the store's count per
// user == the bench's.
Verdict VerifyRun(const Scenario& scenario, const StoreSnapshot& snapshot, const Ledger& ledger);

}  // namespace tix::bench
