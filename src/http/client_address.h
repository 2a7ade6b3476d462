// Where a request comes from, for the limits per client address: the connection's peer, or, when
// the peer is one of the operator's trusted proxies, the address those proxies recorded in
// X-Forwarded-For. Only a listed proxy is believed: anyone else could write any address there
// and so escape their own limit or use up someone else's.
// Pure functions; any thread.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "guard/rate_limiter.h"

namespace tix::http {

using IpAddress = boost::asio::ip::address;

// "203.0.113.5" or "2001:db8::1"; an IPv4-mapped IPv6 address ("::ffff:203.0.113.5", what a
// dual-stack socket reports for an IPv4 client) becomes the IPv4 address. nullopt otherwise.
std::optional<IpAddress> ParseIpAddress(std::string_view text);

// 127.0.0.0/8 or ::1.
bool IsLoopback(const IpAddress& address);

// The client of a request that arrived from `peer` with the X-Forwarded-For value
// `forwarded_for` (all its headers joined by commas; "" when there is none). Unless the peer is a
// trusted proxy, the peer. Otherwise the list is read from the right, where each proxy appended
// the address it saw, past every trusted proxy, to the first address that is not one: the
// nearest hop nobody vouches for. An entry that is not an address stops the walk at the proxy
// that reported it, and a list of trusted proxies only ends at its leftmost.
IpAddress ResolveClientAddress(const IpAddress& peer, std::string_view forwarded_for,
                               std::span<const IpAddress> trusted_proxies);

// The bucket of an address for a limit `scope`: an IPv4 address whole, an IPv6 address by its
// /64 prefix, the network one subscriber gets, since whoever holds a /64 holds 2^64 addresses.
guard::BucketKey AddressBucket(const IpAddress& address, std::uint32_t scope);

}  // namespace tix::http
