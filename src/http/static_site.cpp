#include "http/static_site.h"

#include <boost/url/parse.hpp>
#include <boost/url/pct_string_view.hpp>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "http/accept_encoding.h"
#include "http/header_text.h"
#include "http/media_type.h"
#include "http/problem_catalog.h"

namespace tix::http {
namespace {

using beast_http::field;
using beast_http::status;

constexpr std::string_view kIndexPath = "/index.html";
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

// The decoded URL path of a request target ("/assets/a%20b.js" -> "/assets/a b.js"), or nullopt
// for one no file can have: unparsable, or with a "." or ".." segment, an empty segment before
// the last, or a segment that decodes to something holding '/', '\' or NUL (an encoded slash).
// Lookups are in a map, so nothing could escape the root anyway; this keeps odd spellings of a
// file's path from reaching it. Split by hand: Boost.URL's segments() hides a leading "/.".
std::optional<std::string> UrlPath(std::string_view target) {
    const auto url = boost::urls::parse_origin_form(target);
    if (!url || !url->encoded_path().starts_with('/')) return std::nullopt;
    std::string_view rest = url->encoded_path().substr(1);
    std::string path;
    while (true) {
        const std::size_t slash = rest.find('/');
        const bool last = slash == std::string_view::npos;
        const auto piece = boost::urls::make_pct_string_view(rest.substr(0, slash));
        if (!piece) return std::nullopt;
        const std::string segment = piece->decode();
        if (segment == "." || segment == ".." || (segment.empty() && !last) ||
            segment.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) {
            return std::nullopt;
        }
        path += '/';
        path += segment;
        if (last) return path;
        rest.remove_prefix(slash + 1);
    }
}

// A client-side route ("/events/3", "/admin/") rather than a file: no dot in its last segment.
bool LooksLikeRoute(std::string_view url_path) {
    return url_path.substr(url_path.rfind('/') + 1).find('.') == std::string_view::npos;
}

// True when If-None-Match names `etag` (weak comparison, RFC 9110 13.1.2) or is "*".
bool NoneMatchHits(std::string_view if_none_match, std::string_view etag) {
    while (!if_none_match.empty()) {
        std::string_view candidate = TrimWhitespace(TakeUntil(if_none_match, ','));
        if (candidate.starts_with("W/")) candidate.remove_prefix(2);
        if (candidate == "*" || candidate == etag) return true;
    }
    return false;
}

// The representation to send, and its Content-Encoding ("" for none): br, else gzip, else the
// file as it is, by what the client accepts and what the build compressed.
std::pair<const Representation*, std::string_view> Negotiate(const StaticFile& file,
                                                             std::string_view accept_encoding) {
    if (file.brotli && AcceptsCoding(accept_encoding, "br")) return {&*file.brotli, "br"};
    if (file.gzip && AcceptsCoding(accept_encoding, "gzip")) return {&*file.gzip, "gzip"};
    return {&file.identity, ""};
}

}  // namespace

std::string ContentSecurityPolicy(const std::vector<std::string>& connect_origins) {
    std::string connect = "'self' ws: wss:";
    for (const std::string& origin : connect_origins) connect += " " + origin;
    return "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
           "connect-src " +
           connect + "; worker-src 'self' blob:; frame-ancestors 'none'";
}

StaticSite::StaticSite(Files files, std::string content_security_policy)
    : files_(std::move(files)), content_security_policy_(std::move(content_security_policy)) {
    // Find answers index.html for every client-side route: a site without one is a bug of the
    // caller (LoadStaticSite refuses such a directory), in every build.
    if (!files_.contains(kIndexPath)) {
        std::fputs("StaticSite: no /index.html\n", stderr);
        std::abort();
    }
}

std::size_t StaticSite::bytes() const {
    std::size_t total = 0;
    for (const auto& [path, file] : files_) {
        total += file.identity.body.size();
        if (file.gzip) total += file.gzip->body.size();
        if (file.brotli) total += file.brotli->body.size();
    }
    return total;
}

const StaticFile* StaticSite::Find(std::string_view url_path) const {
    const auto found = files_.find(url_path == "/" ? kIndexPath : url_path);
    if (found != files_.end()) return &found->second;
    if (!LooksLikeRoute(url_path)) return nullptr;
    return &files_.find(kIndexPath)->second;
}

Response StaticSite::Answer(const RequestContext& context) const {
    // Nothing here reads a body, so none is taken: a GET that sends one is malformed or a probe.
    if (!context.request.body().empty()) {
        return ProblemResponse(Problem::kBadRequest, "a GET or HEAD carries no body");
    }
    const auto target = context.request.target();
    const std::optional<std::string> url_path = UrlPath({target.data(), target.size()});
    const StaticFile* file = url_path ? Find(*url_path) : nullptr;
    if (file == nullptr) return ProblemResponse(Problem::kNotFound, "no file at this path");
    return FileResponse(*file, context);
}

Response StaticSite::FileResponse(const StaticFile& file, const RequestContext& context) const {
    const auto [representation, coding] = Negotiate(file, context.Header("Accept-Encoding"));
    const bool not_modified = NoneMatchHits(context.Header("If-None-Match"), representation->etag);
    Response response(not_modified ? status::not_modified : status::ok, 11);
    response.set(field::content_type, file.media_type);
    response.set(field::cache_control, file.immutable ? kImmutable : kRevalidate);
    response.set(field::etag, representation->etag);
    // Caches must key on Accept-Encoding whenever another client could get other bytes.
    if (file.compressed()) response.set(field::vary, "Accept-Encoding");
    if (!coding.empty()) response.set(field::content_encoding, coding);
    response.set("X-Content-Type-Options", "nosniff");
    if (IsHtml(file.media_type)) {
        response.set("Content-Security-Policy", content_security_policy_);
        response.set("Referrer-Policy", "same-origin");
    }
    if (!not_modified) response.body() = representation->body;
    return response;
}

Handler StaticSiteHandler(std::shared_ptr<const StaticSite> site) {
    return [site = std::move(site)](RequestContext& context, Responder respond) {
        respond(site->Answer(context));
    };
}

}  // namespace tix::http
