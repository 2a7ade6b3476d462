// Verification: checks an on-sale run through the API after it ends. Compares the server's
// availability (counts and seat map) with itself and with the bench's ledger of every order it
// made: capacity holds, no seat is in two live orders, the ledger's tickets per zone are exactly
// what the server counts as held + sold, and nobody has more than the per-user limit. Pure: the
// caller fetches the snapshot; the bench must have made every order of the event.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "availability_snapshot.h"
#include "order_ledger.h"

namespace tix::bench {

struct Check {
    enum class Verdict : std::uint8_t { kPass, kFail, kSkip };
    std::string name;
    Verdict verdict = Verdict::kPass;
    std::string detail;  // the first few offenders on FAIL, the reason on SKIP
};

// A check that passes when `ok`; `detail` says what was seen either way.
Check Expect(std::string name, bool ok, std::string detail);
// "7 of 9": a count against the one wanted, for a check's detail.
std::string Of(std::uint64_t got, std::uint64_t want);

struct Verification {
    std::vector<Check> checks;

    bool passed() const;  // no check failed (skipped ones do not fail the run)
    boost::json::object ToJson() const;
    void Print(std::ostream& out) const;  // one "PASS|FAIL|SKIP name: detail" line per check
};

// `zone_ids[i]` names the zone of ledger records with zone_index i.
// REQUIRES: every ledger zone_index < zone_ids.size().
Verification Verify(const AvailabilitySnapshot& snapshot, const OrderLedger& ledger,
                    const std::vector<std::string>& zone_ids, std::uint32_t max_per_user);

}  // namespace tix::bench
