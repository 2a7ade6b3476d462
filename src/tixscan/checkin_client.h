// CheckinClient: tixscan's two calls to tixd, over payments::ProviderHttpClient (blocking, plain
// http to an address literal or localhost, a deadline per call). The scanner or admin token goes
// as "Authorization: Bearer <token>". Only transport here: what the answers mean is decided by
// the callers (commands.cpp) with checkin_bundle.h and upload_batches.h.
//
// Threads: one thread at a time (tixscan is single-threaded); blocks.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "common/types.h"
#include "payments/provider_http_client.h"

namespace tix::tixscan {

class CheckinClient {
  public:
    // InvalidArgument for a server URL ProviderHttpClient cannot reach ("http://<ip or
    // localhost>[:port]") or a token that is empty or not printable ASCII.
    static Result<std::unique_ptr<CheckinClient>> Create(std::string_view server_url,
                                                         std::string token,
                                                         std::chrono::milliseconds timeout);

    // GET /api/v1/events/{id}/checkin/bundle[?since=V]: the body of a 200 answer; IoError for a
    // transport failure, InvalidArgument naming the status and the start of the body otherwise.
    Result<std::string> FetchBundle(EventId event_id, std::optional<std::uint64_t> since);

    // POST /api/v1/events/{id}/checkin/upload: the body of a 200 answer, errors as above.
    Result<std::string> Upload(EventId event_id, std::string_view body);

    explicit CheckinClient(payments::ProviderHttpOptions options) : http_(std::move(options)) {}

  private:
    Result<std::string> Call(const payments::ProviderRequest& request);

    payments::ProviderHttpClient http_;
};

}  // namespace tix::tixscan
