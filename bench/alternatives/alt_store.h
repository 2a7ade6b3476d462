// AltStore: the port altbench drives — one alternative to tixd (Redis + Lua, PostgreSQL) holding
// per-zone stock counters, per-user ticket counts and hold records. The store object sets the
// data up and reads it back for verification (one thread); each benchmark connection gets its own
// AltConnection from Connect() and uses it from one thread only.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scenario.h"

namespace tix::bench {

// What the store answered; the runner maps these to tixbench's HTTP outcome names.
enum class StoreOutcome : std::uint8_t {
    kHeld,           // 201
    kSoldOut,        // 409 sold_out: fewer tickets left in the zone than asked for
    kLimitExceeded,  // 422 limit_exceeded: the user would pass kTicketsPerUserMax
    kDone,           // 200: confirmed or cancelled
    kNotHeld,        // 409 not_held: the hold is gone (expired, cancelled) or already paid
    kError,          // transport or server error; see AltConnection::last_error()
};

// Everything a follow-up needs to address a hold without a lookup.
struct HoldRef {
    std::int64_t hold_id = 0;
    std::uint64_t user = 0;
    std::uint32_t zone = 0;
    std::uint32_t quantity = 0;
};

struct HoldReply {
    StoreOutcome outcome = StoreOutcome::kError;
    std::int64_t hold_id = 0;  // set when kHeld
};

class AltConnection {
  public:
    virtual ~AltConnection() = default;
    // Atomically: the zone has `quantity` left, the user stays within the limit, then takes the
    // stock, counts the tickets against the user and records a hold expiring in kHoldTtlS.
    virtual HoldReply Hold(std::uint64_t user, std::uint32_t zone, std::uint32_t quantity) = 0;
    // Held → paid; the tickets stay counted against the user and the zone.
    virtual StoreOutcome Confirm(const HoldRef& hold) = 0;
    // Held → gone; the stock and the user's count are returned.
    virtual StoreOutcome Cancel(const HoldRef& hold) = 0;
    // The reason for the last kError, e.g. "connection reset".
    virtual const std::string& last_error() const = 0;
};

// The store's own view after a run, for AltRunVerifier.
struct StoreSnapshot {
    std::vector<std::int64_t> zone_taken;  // held + paid tickets per zone (capacity - stock)
    // Tickets per user as the store counts them; users at 0 may be missing.
    std::map<std::uint64_t, std::int64_t> user_tickets;
    // Held + paid per zone summed over the hold records, when the store can list them cheaply.
    std::optional<std::vector<std::int64_t>> zone_hold_records;
};

// Operating errors (cannot connect, setup refused) are returned as a message, not thrown.
template <typename T>
struct Result {
    std::optional<T> value;
    std::string error;
    bool ok() const { return value.has_value(); }
};

class AltStore {
  public:
    virtual ~AltStore() = default;
    // Drops whatever a previous run left, creates the zones at full capacity and `users` users
    // with no tickets. Empty string on success, else why not.
    virtual std::string Setup(const Scenario& scenario, std::uint64_t users) = 0;
    // A new connection for one benchmark worker.
    virtual Result<std::unique_ptr<AltConnection>> Connect() = 0;
    // REQUIRES: Setup succeeded with the same scenario and users, and no connection is in use.
    virtual Result<StoreSnapshot> Snapshot(const Scenario& scenario, std::uint64_t users) = 0;
};

}  // namespace tix::bench
