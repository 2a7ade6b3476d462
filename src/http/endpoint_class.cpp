#include "http/endpoint_class.h"

#include <array>
#include <vector>

namespace tix::http {
namespace {

using beast_http::verb;

// The last path segments of the session routes: those that spend a password hash, and those that
// make a durable write with a refresh token (whose guesses are limited like passwords').
constexpr std::array<std::string_view, 4> kAuthActions = {"register", "login", "refresh", "logout"};

std::vector<std::string_view> Segments(std::string_view pattern) {
    std::vector<std::string_view> segments;
    while (!pattern.empty()) {
        if (pattern.front() == '/') pattern.remove_prefix(1);
        const std::size_t slash = pattern.find('/');
        segments.push_back(pattern.substr(0, slash));
        pattern = slash == std::string_view::npos ? std::string_view{} : pattern.substr(slash);
    }
    return segments;
}

bool IsWrite(verb method) {
    return method == verb::post || method == verb::put || method == verb::patch ||
           method == verb::delete_;
}

}  // namespace

std::string_view EndpointClassName(EndpointClass endpoint_class) {
    switch (endpoint_class) {
        case EndpointClass::kAuth:
            return "auth";
        case EndpointClass::kOrders:
            return "orders";
        case EndpointClass::kQueue:
            return "queue";
        case EndpointClass::kReads:
            return "reads";
        case EndpointClass::kWebhooks:
            return "webhooks";
        case EndpointClass::kCheckin:
            return "checkin";
        case EndpointClass::kBids:
            return "bids";
        case EndpointClass::kStatic:
            return "static";
    }
    return "reads";
}

EndpointClass ClassifyRoute(verb method, std::string_view pattern) {
    const std::vector<std::string_view> segments = Segments(pattern);
    for (std::size_t i = 0; i + 2 < segments.size(); ++i) {
        if (segments[i] == "events" && segments[i + 2].starts_with("queue")) {
            return EndpointClass::kQueue;
        }
    }
    for (const std::string_view segment : segments) {
        if (segment == "checkin") return EndpointClass::kCheckin;
    }
    if (!IsWrite(method) || segments.empty()) return EndpointClass::kReads;
    if (segments.back() == "webhook") return EndpointClass::kWebhooks;
    for (const std::string_view action : kAuthActions) {
        if (segments.back() == action) return EndpointClass::kAuth;
    }
    for (const std::string_view segment : segments) {
        if (segment == "orders") return EndpointClass::kOrders;
        if (segment == "bids") return EndpointClass::kBids;
    }
    return EndpointClass::kReads;
}

}  // namespace tix::http
