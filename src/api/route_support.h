// Glue shared by the event and order routes: submitting a command and rendering its reply once it
// is durable, id and paging parameters.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "api/problems.h"
#include "engine/command.h"
#include "engine/reply.h"
#include "http/handler.h"
#include "service/sequencer.h"

namespace tix::api {

using limits::kPageSizeDefault;
using limits::kPageSizeMax;

// Submits `command`; once its batch is durable, `render(ReplyType&&)` makes the response on the
// submitting IO thread (never on the engine thread). 503 overloaded when the sequencer refuses the
// command, 503 storage_unavailable when its change could not be made durable.
template <typename ReplyType, typename Render>
void Submit(service::Sequencer& sequencer, engine::Command command, http::Responder respond,
            Render render) {
    service::Completion completion = [respond, render = std::move(render)](engine::Reply&& reply,
                                                                           bool durable) {
        if (!durable) return respond(StorageUnavailable());
        respond(render(std::get<ReplyType>(std::move(reply))));
    };
    if (!sequencer.Submit(std::move(command), std::move(completion))) respond(Overloaded());
}

// A route handler that calls fn(services, context, respond): a route file's handlers are plain
// functions of what they use. REQUIRES: `services` outlives the router.
template <typename Services, typename Fn>
http::Handler BindTo(const Services& services, Fn fn) {
    return [&services, fn](http::RequestContext& context, http::Responder respond) {
        fn(services, context, std::move(respond));
    };
}

// A 2xx or 4xx with a JSON body that is already serialized.
http::Response JsonTextResponse(http::beast_http::status status, std::string body);

// A positive decimal id from a path segment ("42"), or nullopt.
std::optional<std::uint64_t> ParseId(std::string_view text);
// The same, as an id of one kind (UserId, EventId, OrderId).
template <typename IdType>
std::optional<IdType> ParseIdAs(std::string_view text) {
    const std::optional<std::uint64_t> value = ParseId(text);
    if (!value) return std::nullopt;
    return IdType{*value};
}

struct PageRequest {
    std::size_t limit = kPageSizeDefault;
    OrderId before{};  // none: from the newest
};

// ?limit=1..100&cursor=<id>; nullopt after answering 400 invalid_query.
std::optional<PageRequest> ReadPage(const http::RequestContext& context,
                                    const http::Responder& respond);

}  // namespace tix::api
