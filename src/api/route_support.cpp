#include "api/route_support.h"

#include <boost/json/serialize.hpp>
#include <charconv>

#include "api/problems.h"

namespace tix::api {

void SubmitOrRefuse(service::Sequencer& sequencer, const http::Responder& respond,
                    service::Sequencer::Task task) {
    if (!sequencer.Submit(std::move(task))) respond(Overloaded());
}

service::Sequencer::Completion ReplyJson(http::Responder respond, http::beast_http::status status,
                                         boost::json::object body) {
    return [respond = std::move(respond), status, body = std::move(body)](bool durable) {
        respond(durable ? http::JsonResponse(status, body) : StorageUnavailable());
    };
}

service::Sequencer::Completion Reply(http::Responder respond, http::Response response) {
    return [respond = std::move(respond), response = std::move(response)](bool durable) {
        respond(durable ? response : StorageUnavailable());
    };
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
        page.before = *value;
    }
    return page;
}

}  // namespace tix::api
