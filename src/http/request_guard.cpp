#include "http/request_guard.h"

#include <string>
#include <utility>

#include "http/problem_catalog.h"

namespace tix::http {
namespace {

// A bucket's scope: what it limits (a client address or an account) and for which class.
enum class Subject : std::uint32_t { kAddress = 1, kAccount = 2 };

std::uint32_t Scope(Subject subject, EndpointClass endpoint_class) {
    return (static_cast<std::uint32_t>(subject) << 8) | static_cast<std::uint32_t>(endpoint_class);
}

std::size_t Index(EndpointClass endpoint_class) { return static_cast<std::size_t>(endpoint_class); }

// Every X-Forwarded-For header of the request, joined in order (RFC 9110 §5.3: one list).
std::string ForwardedFor(const Request& request) {
    std::string joined;
    const auto [first, last] = request.equal_range("X-Forwarded-For");
    for (auto field = first; field != last; ++field) {
        if (!joined.empty()) joined += ',';
        joined.append(field->value().data(), field->value().size());
    }
    return joined;
}

std::string Detail(EndpointClass endpoint_class, std::string_view whose) {
    return "too many " + std::string(EndpointClassName(endpoint_class)) + " requests " +
           std::string(whose);
}

}  // namespace

RequestGuard::RequestGuard(RequestLimits limits, Clock clock, std::array<std::uint64_t, 2> seed)
    : limits_(std::move(limits)),
      clock_(std::move(clock)),
      buckets_({.buckets_max = limits_.buckets_max, .seed = seed}) {}

bool RequestGuard::LimitsAddress(const IpAddress& client) const {
    return limits_.limit_loopback || !IsLoopback(client);
}

std::optional<Response> RequestGuard::AdmitClient(EndpointClass endpoint_class,
                                                  RequestContext& context) {
    const std::optional<IpAddress> peer = ParseIpAddress(context.client_ip);
    if (!peer) return std::nullopt;  // the socket had no address left to report: nothing to key
    IpAddress client = *peer;
    if (!limits_.trusted_proxies.empty()) {
        client =
            ResolveClientAddress(*peer, ForwardedFor(context.request), limits_.trusted_proxies);
        if (client != *peer) context.client_ip = client.to_string();
    }
    const guard::Rate& rate = limits_.per_ip[Index(endpoint_class)];
    if (!rate.enabled() || !LimitsAddress(client)) return std::nullopt;
    const guard::RateLimiter::Decision decision = buckets_.Take(
        AddressBucket(client, Scope(Subject::kAddress, endpoint_class)), rate, clock_());
    if (decision.allowed) return std::nullopt;
    return RateLimitedResponse(decision.retry_after, Detail(endpoint_class, "from this address"));
}

std::optional<Response> RequestGuard::AdmitAccount(EndpointClass endpoint_class,
                                                   const Principal& principal) {
    const guard::Rate& rate = limits_.per_account[Index(endpoint_class)];
    if (!rate.enabled()) return std::nullopt;
    const guard::BucketKey key{0, principal.user_id.value(),
                               Scope(Subject::kAccount, endpoint_class)};
    const guard::RateLimiter::Decision decision = buckets_.Take(key, rate, clock_());
    if (decision.allowed) return std::nullopt;
    return RateLimitedResponse(decision.retry_after, Detail(endpoint_class, "for this account"));
}

}  // namespace tix::http
