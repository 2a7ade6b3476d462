// The SQL of the PostgreSQL alternative. zones.sold counts held + paid tickets; user_limits.held
// counts a user's held + paid tickets; a cancelled hold is deleted, so every row in holds is live.
// Nothing sweeps expired holds (as with Redis): within a 600 s hold expiry no run needs it.
#pragma once

namespace tix::bench::postgres_sql {

inline constexpr const char* kSchema = R"sql(
SET client_min_messages = warning;
DROP TABLE IF EXISTS holds, user_limits, zones;
CREATE TABLE zones (zone_id int PRIMARY KEY, total int NOT NULL, sold int NOT NULL DEFAULT 0);
CREATE TABLE user_limits (user_id bigint PRIMARY KEY, held int NOT NULL DEFAULT 0);
CREATE TABLE holds (
    hold_id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    zone_id int NOT NULL,
    qty int NOT NULL,
    status text NOT NULL,
    expires_at timestamptz);
)sql";
inline constexpr const char* kInsertZone = "INSERT INTO zones (zone_id, total) VALUES ($1, $2)";
inline constexpr const char* kInsertUsers =
    "INSERT INTO user_limits (user_id) SELECT generate_series(0, $1::bigint - 1)";

struct Statement {
    const char* name;
    const char* sql;
};

// Prepared once per connection. $-parameters are sent as text.
inline constexpr Statement kZoneTake{
    "zone_take", "UPDATE zones SET sold = sold + $2 WHERE zone_id = $1 AND sold + $2 <= total"};
inline constexpr Statement kZoneLock{"zone_lock",
                                     "SELECT total, sold FROM zones WHERE zone_id = $1 FOR UPDATE"};
inline constexpr Statement kZoneAdd{"zone_add",
                                    "UPDATE zones SET sold = sold + $2 WHERE zone_id = $1"};
inline constexpr Statement kUserTake{
    "user_take", "UPDATE user_limits SET held = held + $2 WHERE user_id = $1 AND held + $2 <= $3"};
inline constexpr Statement kUserAdd{"user_add",
                                    "UPDATE user_limits SET held = held + $2 WHERE user_id = $1"};
inline constexpr Statement kHoldInsert{
    "hold_insert",
    "INSERT INTO holds (user_id, zone_id, qty, status, expires_at) "
    "VALUES ($1, $2, $3, 'held', now() + make_interval(secs => $4)) RETURNING hold_id"};
inline constexpr Statement kHoldConfirm{
    "hold_confirm",
    "UPDATE holds SET status = 'paid', expires_at = NULL "
    "WHERE hold_id = $1 AND user_id = $2 AND status = 'held' AND expires_at > now()"};
inline constexpr Statement kHoldDelete{
    "hold_delete",
    "DELETE FROM holds WHERE hold_id = $1 AND user_id = $2 AND status = 'held' "
    "RETURNING zone_id, qty"};
inline constexpr Statement kStatements[] = {kZoneTake, kZoneLock,   kZoneAdd,     kUserTake,
                                            kUserAdd,  kHoldInsert, kHoldConfirm, kHoldDelete};

inline constexpr const char* kZoneTaken = "SELECT zone_id, sold FROM zones ORDER BY zone_id";
inline constexpr const char* kUserTickets = "SELECT user_id, held FROM user_limits WHERE held <> 0";
inline constexpr const char* kZoneHoldRecords =
    "SELECT zone_id, sum(qty) FROM holds GROUP BY zone_id";

}  // namespace tix::bench::postgres_sql
