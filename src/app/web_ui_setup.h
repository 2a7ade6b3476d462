// The web front end part of tixd's composition root (issue 12): with --web-root, the built
// front end is read into memory and answers every path the API does not claim
// (http/static_site.h). Called once, on the main thread, before the server starts.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/payment_options.h"
#include "common/status.h"
#include "http/router.h"

namespace tix::app {

// The first segments whose unknown paths stay the API's 404: never a page.
inline constexpr std::string_view kApiFirstSegment = "api";
inline constexpr std::string_view kWebSocketFirstSegment = "ws";

// "scheme://host[:port]" of an http(s) URL ("http://127.0.0.1:8090/v1" -> "http://127.0.0.1:8090"),
// or nullopt when it is not one.
std::optional<std::string> OriginOf(std::string_view url);

// The origins the pages may connect to beside tixd: the payment provider's in provider mode,
// where the browser posts card details to it straight.
std::vector<std::string> ConnectOrigins(const PaymentConfig& payments);

// Reads `web_root` and makes it the router's fallback. InvalidArgument or IoError when it cannot
// be served (no index.html, too big): tixd does not start half-configured.
Status AddWebUi(const std::string& web_root, const PaymentConfig& payments, http::Router& router);

}  // namespace tix::app
