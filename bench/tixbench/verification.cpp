#include "verification.h"

#include <boost/json/array.hpp>
#include <cassert>
#include <charconv>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace tix::bench {
namespace {

constexpr int kOffendersShownMax = 5;  // keeps a FAIL line readable

// Collects offenders for one check; only the first few are spelled out.
class Offenders {
  public:
    void Add(const std::string& what) {
        if (count_++ < kOffendersShownMax) detail_ += (detail_.empty() ? "" : "; ") + what;
    }
    Check Finish(std::string name, std::string pass_detail) const {
        if (count_ == 0) return {std::move(name), Check::Verdict::kPass, std::move(pass_detail)};
        std::string detail = std::to_string(count_) + " offenders: " + detail_;
        return {std::move(name), Check::Verdict::kFail, std::move(detail)};
    }

  private:
    int count_ = 0;
    std::string detail_;
};

bool IsLive(const OrderRecord& order) {
    return order.state == OrderState::kHeld || order.state == OrderState::kPaid;
}

Check CheckCapacity(const AvailabilitySnapshot& snapshot) {
    Offenders offenders;
    for (const ZoneAvailability& zone : snapshot.zones) {
        if (zone.held + zone.sold > zone.capacity ||
            zone.available + zone.held + zone.sold != zone.capacity) {
            offenders.Add(zone.zone_id + " available " + std::to_string(zone.available) + " held " +
                          std::to_string(zone.held) + " sold " + std::to_string(zone.sold) +
                          " capacity " + std::to_string(zone.capacity));
        }
    }
    return offenders.Finish("capacity", "available + held + sold == capacity in every zone");
}

Check CheckSeatMapCounts(const AvailabilitySnapshot& snapshot) {
    Offenders offenders;
    for (const ZoneAvailability& zone : snapshot.zones) {
        if (!zone.seated) continue;
        std::uint64_t taken = 0;
        std::uint64_t seats = 0;
        for (const RowStates& row : zone.rows) {
            seats += row.states.size();
            for (const char c : row.states) taken += (c == 'H' || c == 'S') ? 1 : 0;
        }
        if (taken != zone.held + zone.sold || seats != zone.capacity) {
            offenders.Add(zone.zone_id + " seat map H+S " + std::to_string(taken) + " of " +
                          std::to_string(seats) + ", counts held+sold " +
                          std::to_string(zone.held + zone.sold) + " of " +
                          std::to_string(zone.capacity));
        }
    }
    return offenders.Finish("seat map", "H + S per seated zone == held + sold");
}

Check CheckDistinctSeats(const OrderLedger& ledger) {
    Offenders offenders;
    std::unordered_set<std::string> seen;
    std::uint64_t seats = 0;
    for (const OrderRecord& order : ledger.orders()) {
        if (!IsLive(order)) continue;
        for (const std::string& seat : order.seats) {
            ++seats;
            if (!seen.insert(seat).second) {
                offenders.Add(seat + " twice (order " + std::to_string(order.order_id) + ")");
            }
        }
    }
    return offenders.Finish("distinct seats",
                            std::to_string(seats) + " seats in live orders, none twice");
}

Check CheckPerUserLimit(const OrderLedger& ledger, std::uint32_t max_per_user) {
    Offenders offenders;
    std::unordered_map<std::uint32_t, std::uint64_t> tickets;
    for (const OrderRecord& order : ledger.orders()) {
        if (IsLive(order)) tickets[order.user] += order.quantity;
    }
    for (const auto& [user, count] : tickets) {
        if (count > max_per_user) {
            offenders.Add("user #" + std::to_string(user) + " has " + std::to_string(count));
        }
    }
    return offenders.Finish(
        "per-user limit",
        std::to_string(tickets.size()) + " users, none over " + std::to_string(max_per_user));
}

Check CheckLedgerTotals(const AvailabilitySnapshot& snapshot, const OrderLedger& ledger,
                        const std::vector<std::string>& zone_ids) {
    if (ledger.unanswered_holds() > 0 || ledger.unknown_orders() > 0) {
        return {"ledger == held + sold", Check::Verdict::kSkip,
                std::to_string(ledger.unanswered_holds()) + " holds unanswered, " +
                    std::to_string(ledger.unknown_orders()) + " orders in an unknown state"};
    }
    std::map<std::string, std::uint64_t> tickets;
    for (const OrderRecord& order : ledger.orders()) {
        if (IsLive(order)) tickets[zone_ids[order.zone_index]] += order.quantity;
    }
    Offenders offenders;
    std::uint64_t total = 0;
    for (const ZoneAvailability& zone : snapshot.zones) {
        const std::uint64_t mine = tickets[zone.zone_id];
        total += mine;
        if (mine != zone.held + zone.sold) {
            offenders.Add(zone.zone_id + " ledger " + std::to_string(mine) + " server " +
                          std::to_string(zone.held + zone.sold));
        }
        tickets.erase(zone.zone_id);
    }
    for (const auto& [zone_id, count] : tickets) {
        offenders.Add(zone_id + " in the ledger but not on the server");
    }
    return offenders.Finish("ledger == held + sold",
                            std::to_string(total) + " live tickets, every zone matches");
}

// Each live seat of the ledger must be 'H' in the seat map if the order is held, 'S' if paid.
Check CheckLedgerSeats(const AvailabilitySnapshot& snapshot, const OrderLedger& ledger) {
    std::unordered_map<std::string, const std::string*> rows;  // "ZONE-ROW" → states
    for (const ZoneAvailability& zone : snapshot.zones) {
        for (const RowStates& row : zone.rows) rows[zone.zone_id + "-" + row.row] = &row.states;
    }
    Offenders offenders;
    for (const OrderRecord& order : ledger.orders()) {
        if (!IsLive(order)) continue;
        const char want = order.state == OrderState::kPaid ? 'S' : 'H';
        for (const std::string& seat : order.seats) {
            const std::size_t dash = seat.rfind('-');
            std::uint32_t number = 0;
            const char* first = seat.data() + dash + 1;
            const char* last = seat.data() + seat.size();
            const auto row =
                dash == std::string::npos ? rows.end() : rows.find(seat.substr(0, dash));
            if (row == rows.end() || std::from_chars(first, last, number).ptr != last ||
                number == 0 || number > row->second->size()) {
                offenders.Add(seat + " is not a seat of the event");
            } else if ((*row->second)[number - 1] != want) {
                offenders.Add(seat + " of order " + std::to_string(order.order_id) + " is '" +
                              (*row->second)[number - 1] + "', expected '" + want + "'");
            }
        }
    }
    return offenders.Finish("ledger seats in seat map", "held seats 'H', paid seats 'S'");
}

const char* VerdictName(Check::Verdict verdict) {
    switch (verdict) {
        case Check::Verdict::kPass:
            return "PASS";
        case Check::Verdict::kFail:
            return "FAIL";
        case Check::Verdict::kSkip:
            return "SKIP";
    }
    return "?";
}

}  // namespace

Check Expect(std::string name, bool ok, std::string detail) {
    return {std::move(name), ok ? Check::Verdict::kPass : Check::Verdict::kFail, std::move(detail)};
}

std::string Of(std::uint64_t got, std::uint64_t want) {
    return std::to_string(got) + " of " + std::to_string(want);
}

bool Verification::passed() const {
    for (const Check& check : checks) {
        if (check.verdict == Check::Verdict::kFail) return false;
    }
    return true;
}

boost::json::object Verification::ToJson() const {
    boost::json::array checks_json;
    for (const Check& check : checks) {
        checks_json.push_back(boost::json::object{{"name", check.name},
                                                  {"verdict", VerdictName(check.verdict)},
                                                  {"detail", check.detail}});
    }
    return {{"passed", passed()}, {"checks", std::move(checks_json)}};
}

void Verification::Print(std::ostream& out) const {
    for (const Check& check : checks) {
        out << VerdictName(check.verdict) << ' ' << check.name << ": " << check.detail << '\n';
    }
}

Verification Verify(const AvailabilitySnapshot& snapshot, const OrderLedger& ledger,
                    const std::vector<std::string>& zone_ids, std::uint32_t max_per_user) {
    for ([[maybe_unused]] const OrderRecord& order : ledger.orders()) {
        assert(order.zone_index < zone_ids.size());
    }
    Verification verification;
    verification.checks.push_back(CheckCapacity(snapshot));
    verification.checks.push_back(CheckSeatMapCounts(snapshot));
    verification.checks.push_back(CheckDistinctSeats(ledger));
    verification.checks.push_back(CheckPerUserLimit(ledger, max_per_user));
    verification.checks.push_back(CheckLedgerTotals(snapshot, ledger, zone_ids));
    verification.checks.push_back(CheckLedgerSeats(snapshot, ledger));
    return verification;
}

}  // namespace tix::bench
