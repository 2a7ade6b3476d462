// StaticSite: the web front end's built files (Vite's web/dist), held in memory and served by
// tixd (Router::SetFallback). The whole directory is read once at start-up (LoadStaticSite in
// http/static_site_loader.h), so a request never touches the filesystem: no path can reach
// outside it, and a page costs a map lookup.
//
// What a request gets (docs/architecture.md, "The web front end"):
// - "/" and every extension-less path that names no file (the client-side routes "/events/3",
//   "/admin") get index.html; a path naming a file gets it; anything else is 404 problem+json.
// - /assets/* (content-hashed names) may be cached for a year, "immutable"; every other file is
//   "no-cache", revalidated by its ETag (If-None-Match: 304).
// - br or gzip when the client accepts it and the build wrote a .br or .gz beside the file.
// Immutable once built: Answer may run on any number of IO threads at once.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/handler.h"

namespace tix::http {

// One way to send a file: its bytes as they are, or compressed.
struct Representation {
    std::string body;
    std::string etag;  // strong, quoted: a hash of `body`, so each coding has its own
};

struct StaticFile {
    std::string_view media_type;  // from http/media_type.h
    bool immutable = false;       // under /assets/: the name changes when the content does
    Representation identity;
    std::optional<Representation> gzip;
    std::optional<Representation> brotli;

    bool compressed() const { return gzip.has_value() || brotli.has_value(); }
};

// The Content-Security-Policy of the pages: the front end's own scripts, styles (inline ones
// too: UI libraries set style attributes) and images, WebSockets, and `connect_origins` besides
// (the payment provider's, which the browser posts card details to).
std::string ContentSecurityPolicy(const std::vector<std::string>& connect_origins);

class StaticSite {
  public:
    // Keyed by URL path ("/index.html", "/assets/app-1a2b.js").
    using Files = std::map<std::string, StaticFile, std::less<>>;

    // REQUIRES: files holds "/index.html".
    StaticSite(Files files, std::string content_security_policy);

    // The answer to a GET or HEAD (the server drops a HEAD answer's body).
    Response Answer(const RequestContext& context) const;
    // The file a URL path names ("/events/3" names index.html), or nullptr.
    const StaticFile* Find(std::string_view url_path) const;

    std::size_t file_count() const { return files_.size(); }
    std::size_t bytes() const;  // every representation's body

  private:
    Response FileResponse(const StaticFile& file, const RequestContext& context) const;

    Files files_;
    std::string content_security_policy_;
};

// A Router handler answering from `site`.
Handler StaticSiteHandler(std::shared_ptr<const StaticSite> site);

}  // namespace tix::http
