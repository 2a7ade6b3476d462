#include "http/media_type.h"

#include <array>
#include <boost/beast/core/string.hpp>
#include <utility>

namespace tix::http {
namespace {

constexpr std::string_view kDefaultMediaType = "application/octet-stream";

// What Vite's build writes, and what a front end's public/ folder usually holds.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kMediaTypes{{
    {"html", "text/html; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},  // RFC 9239
    {"mjs", "text/javascript; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"webp", "image/webp"},
    {"ico", "image/x-icon"},
    {"json", "application/json"},
    {"webmanifest", "application/manifest+json"},
    {"woff2", "font/woff2"},
    {"txt", "text/plain; charset=utf-8"},
    {"map", "application/json"},  // source maps
    {"wasm", "application/wasm"},
}};

}  // namespace

std::string_view MediaTypeFor(std::string_view file_name) {
    const std::size_t dot = file_name.rfind('.');
    const std::size_t slash = file_name.rfind('/');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
        return kDefaultMediaType;
    }
    const std::string_view extension = file_name.substr(dot + 1);
    for (const auto& [known, media_type] : kMediaTypes) {
        if (boost::beast::iequals(extension, known)) return media_type;
    }
    return kDefaultMediaType;
}

bool IsHtml(std::string_view media_type) { return media_type.starts_with("text/html"); }

}  // namespace tix::http
