// Small helpers for reading comma- and semicolon-separated header values (Accept-Encoding,
// If-None-Match). Pure; any thread.
#pragma once

#include <string_view>

namespace tix::http {

// `text` without the spaces and tabs around it (RFC 9110's OWS).
inline std::string_view TrimWhitespace(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Removes from `text` what comes before the first `separator`, and the separator, and returns
// it (all of `text` when there is none).
inline std::string_view TakeUntil(std::string_view& text, char separator) {
    const std::size_t at = text.find(separator);
    const std::string_view taken = text.substr(0, at);
    text = at == std::string_view::npos ? std::string_view{} : text.substr(at + 1);
    return taken;
}

}  // namespace tix::http
