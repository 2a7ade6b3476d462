#include "tixpay/cors_policy.h"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <utility>

#include "tixpay/api_support.h"

namespace tix::tixpay {
namespace {

using http::beast_http::field;
using http::beast_http::status;

}  // namespace

CorsPolicy::CorsPolicy(std::vector<std::string> allowed_origins)
    : allowed_origins_(std::move(allowed_origins)) {}

bool CorsPolicy::Allows(std::string_view origin) const {
    return !origin.empty() && std::find(allowed_origins_.begin(), allowed_origins_.end(), origin) !=
                                  allowed_origins_.end();
}

http::Response CorsPolicy::Preflight(const http::RequestContext& context) const {
    const std::string_view origin = context.Header("Origin");
    if (!Allows(origin)) {
        http::Response refused = ErrorResponse(status::forbidden, "origin_not_allowed",
                                               "this origin may not call tixpay from a browser");
        refused.set(field::vary, "Origin");
        return refused;
    }
    http::Response response(status::no_content, 11);
    response.set(field::access_control_allow_origin, origin);
    response.set(field::access_control_allow_methods, "POST");
    response.set(field::access_control_allow_headers, "content-type");
    response.set(field::access_control_max_age, std::to_string(kPreflightMaxAge.count()));
    response.set(field::vary, "Origin");
    return response;
}

http::Handler CorsPolicy::Wrap(http::Handler handler) const {
    // A copy of the policy: the router may outlive this object.
    return [policy = *this, handler = std::move(handler)](http::RequestContext& context,
                                                          http::Responder respond) {
        const std::string origin(context.Header("Origin"));
        const bool allowed = policy.Allows(origin);
        handler(context, http::Responder([respond, origin, allowed](http::Response response) {
                    if (allowed) response.set(field::access_control_allow_origin, origin);
                    response.set(field::vary, "Origin");
                    respond(std::move(response));
                }));
    };
}

std::string OriginProblem(std::string_view origin) {
    const auto url = boost::urls::parse_absolute_uri(origin);
    if (!url) return "not a URL";
    if (url->scheme_id() != boost::urls::scheme::http &&
        url->scheme_id() != boost::urls::scheme::https) {
        return "not http or https";
    }
    if (!url->has_authority() || url->encoded_host().empty()) return "no host";
    if (url->has_userinfo() || !url->encoded_path().empty() || url->has_query() ||
        url->has_fragment()) {
        return "only scheme://host[:port], nothing after (no trailing slash)";
    }
    return {};
}

}  // namespace tix::tixpay
