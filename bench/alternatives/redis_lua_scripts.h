// The Lua scripts the Redis alternative runs, each atomically (Redis runs one script at a time).
// Every key a script touches is passed in KEYS, so they would also run on a cluster with hash
// tags. Data: stock:<zone> = tickets left; user:<user> = tickets held + paid; hold:<id> = hash
// {user, zone, qty, status}, expiring in kHoldTtlS while held. Redis expiring a hold does NOT
// return its stock or the user's count — that would need a sweeper; the benchmark gives Redis
// that work for free (tixd does it).
#pragma once

namespace tix::bench::redis_lua {

// Results of the scripts, shared with the C++ side.
inline constexpr long long kHeld = 1;
inline constexpr long long kSoldOut = -1;
inline constexpr long long kLimitExceeded = -2;
inline constexpr long long kDone = 1;
inline constexpr long long kNotHeld = 0;
inline constexpr long long kWrongHold = -1;  // the hold is not this user's or zone's

// KEYS: stock:<zone>, user:<user>, hold:<id>. ARGV: qty, per-user limit, ttl s, user, zone.
// The hold id comes from the client (connection serial + counter), unique per run.
inline constexpr const char* kHoldScript = R"lua(
local qty = tonumber(ARGV[1])
local stock = tonumber(redis.call('GET', KEYS[1]) or '0')
if stock < qty then return -1 end
local tickets = tonumber(redis.call('GET', KEYS[2]) or '0')
if tickets + qty > tonumber(ARGV[2]) then return -2 end
redis.call('DECRBY', KEYS[1], qty)
redis.call('INCRBY', KEYS[2], qty)
redis.call('HSET', KEYS[3], 'user', ARGV[4], 'zone', ARGV[5], 'qty', qty, 'status', 'held')
redis.call('EXPIRE', KEYS[3], ARGV[3])
return 1
)lua";

// KEYS: hold:<id>. Held → paid, and it no longer expires.
inline constexpr const char* kConfirmScript = R"lua(
if redis.call('HGET', KEYS[1], 'status') ~= 'held' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'paid')
redis.call('PERSIST', KEYS[1])
return 1
)lua";

// KEYS: hold:<id>, stock:<zone>, user:<user>. ARGV: zone, user (checked against the hold).
// Returns the hold's quantity to the zone and the user, then forgets the hold.
inline constexpr const char* kCancelScript = R"lua(
local hold = redis.call('HMGET', KEYS[1], 'status', 'qty', 'zone', 'user')
if hold[1] ~= 'held' then return 0 end
if hold[3] ~= ARGV[1] or hold[4] ~= ARGV[2] then return -1 end
redis.call('INCRBY', KEYS[2], hold[2])
redis.call('DECRBY', KEYS[3], hold[2])
redis.call('DEL', KEYS[1])
return 1
)lua";

}  // namespace tix::bench::redis_lua
