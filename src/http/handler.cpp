#include "http/handler.h"

#include <string>

namespace tix::http {
std::string_view RequestContext::Param(std::string_view name) const {
    for (const auto& [key, value] : params) {
        if (key == name) return value;
    }
    return {};
}

std::optional<std::string_view> RequestContext::Query(std::string_view name) const {
    for (const auto& [key, value] : query) {
        if (key == name) return std::string_view(value);
    }
    return std::nullopt;
}

std::string_view RequestContext::Header(std::string_view name) const {
    // Beast compares field names case-insensitively.
    const auto it = request.find(boost::beast::string_view(name.data(), name.size()));
    if (it == request.end()) return {};
    const auto value = it->value();
    return {value.data(), value.size()};
}

Response JsonResponse(beast_http::status status, const boost::json::value& body) {
    Response response(status, 11);
    response.set(beast_http::field::content_type, "application/json");
    response.body() = boost::json::serialize(body);
    response.prepare_payload();
    return response;
}

}  // namespace tix::http
