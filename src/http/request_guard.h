// RequestGuard: the request limits of the HTTP edge. The Router asks it about every request
// before the handler runs: once with the route's EndpointClass and the client's address (a token
// bucket per address and class), and once more when a bearer token has named the account (a
// bucket per account and class). Over a limit the answer is 429 rate_limited with Retry-After.
//
// Limits per address leave loopback clients alone unless `limit_loopback` is set: tixd's own
// tools, tests and benchmarks run on 127.0.0.1. Limits per account apply to everyone; their
// defaults are far above what a person can click (docs/api.md, "Rate limits").
//
// Thread-safe: Admit* may be called from any number of IO threads at once; the buckets live in a
// RateLimiter (sharded, fixed memory). Construct it before the Router, on one thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "guard/rate.h"
#include "guard/rate_limiter.h"
#include "http/client_address.h"
#include "http/endpoint_class.h"
#include "http/handler.h"

namespace tix::http {

// Rates per endpoint class, indexed by EndpointClass.
using ClassRates = std::array<guard::Rate, kEndpointClassCount>;

// The defaults. Per address they stay high because many people may share one address (a mobile
// carrier's NAT, a venue's Wi-Fi), and they do not apply to loopback. Per account they are
// limits no person reaches by hand: a fan who holds, pays and cancels as fast as pages load makes
// a few order requests a minute; 120 is a script.
inline constexpr ClassRates kDefaultPerIpRates = {
    guard::Rate::PerMinute(120),    // auth: each one an Argon2id hash
    guard::Rate::PerMinute(600),    // orders
    guard::Rate::PerMinute(1'200),  // queue: polling once a second is 60
    guard::Rate::PerMinute(3'000),  // reads
    // webhooks: a provider delivers every payment's events from a few addresses; 2,000 a second
    // is an on-sale's pace with room, and a flood of forgeries costs an HMAC each.
    guard::Rate::PerMinute(120'000),
    // checkin: a stadium's gates behind one venue address, 45,000 people in half an hour is ~25
    // scans a second; 1,000 a second leaves room for bursts and offline gates' uploads.
    guard::Rate::PerMinute(60'000),
    guard::Rate::PerMinute(1'200),  // bids: a crowd behind one NAT bidding at a campaign's start
    // static: a first visit is ~10 files, a return visit one (the assets are cached for good);
    // 600 people behind one NAT opening the page at once.
    guard::Rate::PerMinute(6'000),
};
inline constexpr ClassRates kDefaultPerAccountRates = {
    guard::Rate::PerMinute(60),      // auth: with a token (registering again, a refresh)
    guard::Rate::PerMinute(120),     // orders
    guard::Rate::PerMinute(300),     // queue
    guard::Rate::PerMinute(600),     // reads: ten a second for a minute
    guard::Rate::PerMinute(600),     // webhooks: never with a token (the provider sends none)
    guard::Rate::PerMinute(30'000),  // checkin: one staff account may serve every gate
    // bids: two a second for a minute is a script (a campaign takes 100 of a user's anyway).
    guard::Rate::PerMinute(120),
    guard::Rate::PerMinute(600),  // static: never applies (no token is read for a file)
};

struct RequestLimits {
    ClassRates per_ip = kDefaultPerIpRates;
    ClassRates per_account = kDefaultPerAccountRates;
    // Peers whose X-Forwarded-For is believed (a reverse proxy in front of tixd). Empty: none.
    std::vector<IpAddress> trusted_proxies;
    // Apply the limits per address to loopback clients too.
    bool limit_loopback = false;
    std::size_t buckets_max = guard::kBucketsDefault;
};

class RequestGuard {
  public:
    // tixd's one clock (common/clock.h).
    using Clock = std::function<guard::TimePoint()>;

    // `seed` keys the bucket table's hash: draw it at random.
    RequestGuard(RequestLimits limits, Clock clock, std::array<std::uint64_t, 2> seed);

    // Resolves the client behind trusted proxies into context.client_ip, then takes a token from
    // the client's bucket for the class. Returns the 429 to send, or nullopt to go on.
    std::optional<Response> AdmitClient(EndpointClass endpoint_class, RequestContext& context);
    // Takes a token from the account's bucket for the class: the 429 to send, or nullopt.
    std::optional<Response> AdmitAccount(EndpointClass endpoint_class, const Principal& principal);

    // Whether the limits per address apply to this client (loopback only with limit_loopback).
    bool LimitsAddress(const IpAddress& client) const;
    const RequestLimits& limits() const { return limits_; }

  private:
    const RequestLimits limits_;
    const Clock clock_;
    guard::RateLimiter buckets_;
};

}  // namespace tix::http
