// The Content-Type of a file of the web front end, from its name's extension. Pure; any thread.
#pragma once

#include <string_view>

namespace tix::http {

// "text/html; charset=utf-8" for "index.html", "text/javascript; charset=utf-8" for "app.mjs",
// ...; application/octet-stream for an extension it does not know (a browser then neither runs
// nor renders it, since the files are served with X-Content-Type-Options: nosniff).
std::string_view MediaTypeFor(std::string_view file_name);

// True for the text/html types: the ones that get the page's security headers.
bool IsHtml(std::string_view media_type);

}  // namespace tix::http
