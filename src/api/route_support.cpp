#include "api/route_support.h"

#include <charconv>

#include "api/problems.h"

namespace tix::api {

http::Response JsonTextResponse(http::beast_http::status status, std::string body) {
    http::Response response(status, 11);
    response.set(http::beast_http::field::content_type, "application/json");
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

std::optional<std::uint64_t> ParseId(std::string_view text) {
    std::uint64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id == 0) return std::nullopt;
    return id;
}

std::optional<PageRequest> ReadPage(const http::RequestContext& context,
                                    const http::Responder& respond) {
    PageRequest page;
    if (auto limit = context.Query("limit")) {
        const std::optional<std::uint64_t> value = ParseId(*limit);
        if (!value || *value > kPageSizeMax) {
            respond(http::ProblemResponse(http::Problem::kInvalidQuery, "limit must be 1..100"));
            return std::nullopt;
        }
        page.limit = *value;
    }
    if (auto cursor = context.Query("cursor")) {
        const std::optional<std::uint64_t> value = ParseId(*cursor);
        if (!value) {
            respond(http::ProblemResponse(http::Problem::kInvalidQuery,
                                          "cursor must be a next_cursor from an earlier page"));
            return std::nullopt;
        }
        page.before = OrderId{*value};
    }
    return page;
}

}  // namespace tix::api
