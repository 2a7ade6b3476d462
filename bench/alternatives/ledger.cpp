#include "ledger.h"

#include <boost/json/array.hpp>
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

void Check::Violation(std::string what) {
    ++violations;
    if (examples.size() < kExamplesMax) examples.push_back(std::move(what));
}

std::string Check::Detail() const {
    if (passed()) return std::to_string(checked) + " checked";
    std::string detail = std::to_string(violations) + " of " + std::to_string(checked) + ":";
    for (const std::string& example : examples) detail += " " + example + ";";
    return detail;
}

bool Verdict::passed() const {
    for (const Check& check : checks) {
        if (!check.passed()) return false;
    }
    return true;
}

boost::json::object Verdict::ToJson() const {
    boost::json::array checks_json;
    for (const Check& check : checks) {
        checks_json.push_back(boost::json::object{{"name", check.name},
                                                  {"verdict", check.passed() ? "PASS" : "FAIL"},
                                                  {"detail", check.Detail()}});
    }
    return {{"passed", passed()}, {"checks", std::move(checks_json)}};
}

void Verdict::Print(std::ostream& out) const {
    for (const Check& check : checks) {
        out << (check.passed() ? "PASS " : "FAIL ") << check.name << ": " << check.Detail() << "\n";
    }
}

Verdict VerifyRun(const Scenario& scenario, const StoreSnapshot& snapshot, const Ledger& ledger) {
    const std::size_t zones = scenario.zones.size();
    Check shape{.name = "zone_count"};
    shape.checked = 1;
    if (snapshot.zone_taken.size() != zones || ledger.zone_count() != zones ||
        (snapshot.zone_hold_records && snapshot.zone_hold_records->size() != zones)) {
        shape.Violation("zone count differs between scenario, store and ledger");
        return Verdict{.checks = {shape}};
    }
    Check capacity{.name = "capacity"}, totals{.name = "ledger_totals"},
        records{.name = "hold_records"};
    for (std::uint32_t zone = 0; zone < zones; ++zone) {
        const ZoneSpec& spec = scenario.zones[zone];
        const std::int64_t taken = snapshot.zone_taken[zone];
        const std::int64_t held = ledger.zone_tickets(zone);
        ++capacity.checked, ++totals.checked;
        if (taken > spec.capacity || taken < 0) {
            capacity.Violation(spec.name + " " + std::to_string(taken) + " taken of " +
                               std::to_string(spec.capacity));
        }
        if (taken != held) {
            totals.Violation(spec.name + " store " + std::to_string(taken) + ", bench " +
                             std::to_string(held));
        }
        if (snapshot.zone_hold_records) {
            ++records.checked;
            const std::int64_t recorded = (*snapshot.zone_hold_records)[zone];
            if (recorded != taken) {
                records.Violation(spec.name + " records " + std::to_string(recorded) + ", stock " +
                                  std::to_string(taken));
            }
        }
    }
    Check limit{.name = "per_user_limit"}, users{.name = "per_user_ledger"};
    for (const auto& [user, tickets] : snapshot.user_tickets) {
        ++limit.checked;
        if (tickets > kTicketsPerUserMax || tickets < 0) {
            limit.Violation("user " + std::to_string(user) + " " + std::to_string(tickets));
        }
        if (user >= ledger.users()) {
            users.Violation("user " + std::to_string(user) + " never used");
        }
    }
    for (std::uint64_t user = 0; user < ledger.users(); ++user) {
        ++users.checked;
        const auto it = snapshot.user_tickets.find(user);
        const std::int64_t stored = it == snapshot.user_tickets.end() ? 0 : it->second;
        if (stored != ledger.user_tickets(user)) {
            users.Violation("user " + std::to_string(user) + " store " + std::to_string(stored) +
                            ", bench " + std::to_string(ledger.user_tickets(user)));
        }
    }
    Verdict verdict{.checks = {capacity, totals}};
    if (snapshot.zone_hold_records) verdict.checks.push_back(records);
    verdict.checks.push_back(limit);
    verdict.checks.push_back(users);
    return verdict;
}

}  // namespace tix::bench
