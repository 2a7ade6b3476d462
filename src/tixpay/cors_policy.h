// CorsPolicy: CORS (the Fetch standard's cross-origin checks) for the one tixpay call a browser
// makes: paying an intent with its client secret, POSTed straight from the shop's checkout page
// (tix's web front end, another origin) as Stripe.js does, so card details never pass through
// tix. Only the origins listed with --allow-origin may; the API-key calls never answer CORS, so
// no page can make them. Immutable once built; any thread.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "http/handler.h"

namespace tix::tixpay {

// How long a browser may reuse a preflight's answer.
inline constexpr std::chrono::seconds kPreflightMaxAge{600};

class CorsPolicy {
  public:
    // Origins exactly as browsers send them: "http://127.0.0.1:8080". None: no page may call.
    // REQUIRES: OriginProblem(origin) is empty for each.
    explicit CorsPolicy(std::vector<std::string> allowed_origins = {});

    bool Allows(std::string_view origin) const;
    // The answer to the OPTIONS preflight: 204 with Access-Control-Allow-Origin, -Methods (POST),
    // -Headers (content-type) and -Max-Age for a listed origin; 403 origin_not_allowed otherwise.
    http::Response Preflight(const http::RequestContext& context) const;
    // `handler` whose answers carry Access-Control-Allow-Origin when the request's Origin is
    // listed, and Vary: Origin always (a cache must not hand one origin's answer to another).
    http::Handler Wrap(http::Handler handler) const;

  private:
    std::vector<std::string> allowed_origins_;
};

// Why `origin` is not an origin a browser would send ("scheme://host[:port]", http or https,
// nothing after), or "" when it is one.
std::string OriginProblem(std::string_view origin);

}  // namespace tix::tixpay
