// Glue shared by the event and order routes: sequencer submission, replies after durability,
// id and paging parameters.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

#include "http/handler.h"
#include "service/sequencer.h"

namespace tix::api {

inline constexpr std::int64_t kPageSizeDefault = 20;
inline constexpr std::int64_t kPageSizeMax = 100;

// Submits `task`, answering 503 overloaded when the sequencer refuses it.
void SubmitOrRefuse(service::Sequencer& sequencer, const http::Responder& respond,
                    service::Sequencer::Task task);

// A completion that sends `body` with `status` once its batch is durable, 503 otherwise. The JSON
// is serialized on the writer thread, not the engine thread.
service::Sequencer::Completion ReplyJson(http::Responder respond, http::beast_http::status status,
                                         boost::json::object body);
// A completion that sends a ready response once durable (problems depend on durable state too).
service::Sequencer::Completion Reply(http::Responder respond, http::Response response);

// A positive decimal id from a path segment ("42"), or nullopt.
std::optional<std::uint64_t> ParseId(std::string_view text);

struct PageRequest {
    std::size_t limit = kPageSizeDefault;
    std::uint64_t before = 0;  // 0: from the newest
};

// ?limit=1..100&cursor=<id>; nullopt after answering 400 invalid_query.
std::optional<PageRequest> ReadPage(const http::RequestContext& context,
                                    const http::Responder& respond);

}  // namespace tix::api
