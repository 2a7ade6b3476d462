#include "http/client_address.h"

#include <algorithm>
#include <string>

namespace tix::http {
namespace {

// Scopes of IPv4 and IPv6 buckets differ in their top bit, so that no IPv6 prefix can share a
// bucket with an IPv4 address of the same bits.
constexpr std::uint32_t kIpv6Scope = 0x8000'0000u;

std::string_view Trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool Contains(std::span<const IpAddress> addresses, const IpAddress& address) {
    return std::find(addresses.begin(), addresses.end(), address) != addresses.end();
}

}  // namespace

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
    boost::system::error_code ec;
    const IpAddress address = boost::asio::ip::make_address(std::string(text), ec);
    if (ec) return std::nullopt;
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        return IpAddress(
            boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6()));
    }
    return address;
}

bool IsLoopback(const IpAddress& address) { return address.is_loopback(); }

IpAddress ResolveClientAddress(const IpAddress& peer, std::string_view forwarded_for,
                               std::span<const IpAddress> trusted_proxies) {
    if (!Contains(trusted_proxies, peer)) return peer;
    IpAddress client = peer;
    while (!forwarded_for.empty()) {
        const std::size_t comma = forwarded_for.rfind(',');
        const std::string_view entry = Trimmed(
            comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
        forwarded_for =
            comma == std::string_view::npos ? std::string_view{} : forwarded_for.substr(0, comma);
        if (entry.empty()) continue;
        const std::optional<IpAddress> hop = ParseIpAddress(entry);
        if (!hop) return client;
        client = *hop;
        if (!Contains(trusted_proxies, client)) return client;
    }
    return client;
}

guard::BucketKey AddressBucket(const IpAddress& address, std::uint32_t scope) {
    if (address.is_v4()) return {0, address.to_v4().to_uint(), scope};
    const auto bytes = address.to_v6().to_bytes();
    std::uint64_t prefix = 0;
    for (std::size_t i = 0; i < 8; ++i) prefix = (prefix << 8) | bytes[i];
    return {prefix, 0, scope | kIpv6Scope};
}

}  // namespace tix::http
