#include "tixpay/api_support.h"

#include <sodium.h>

#include <cassert>
#include <charconv>

namespace tix::tixpay {
namespace {

using http::beast_http::status;

std::array<unsigned char, 32> Digest(std::string_view text) {
    std::array<unsigned char, 32> digest{};
    crypto_generichash(digest.data(), digest.size(),
                       reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr,
                       0);
    return digest;
}

// The token of "Authorization: Bearer <token>" (scheme case-insensitive), or nullopt.
std::optional<std::string_view> BearerToken(std::string_view header) {
    constexpr std::string_view kScheme = "bearer ";
    if (header.size() <= kScheme.size()) return std::nullopt;
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        const char c = header[i];
        const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if (lower != kScheme[i]) return std::nullopt;
    }
    return header.substr(kScheme.size());
}

bool IsJsonContentType(std::string_view value) {
    const std::string_view media_type = value.substr(0, value.find(';'));
    std::string lower;
    for (const char c : media_type) {
        if (c != ' ') lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return lower == "application/json";
}

}  // namespace

http::Response ErrorResponse(status code_status, std::string_view code, std::string_view message) {
    return http::JsonResponse(
        code_status,
        boost::json::object{{"error", boost::json::object{{"code", code}, {"message", message}}}});
}

ApiKey::ApiKey(std::string_view key) : digest_(Digest(key)) { assert(!key.empty()); }

bool ApiKey::Matches(const http::RequestContext& context) const {
    const std::optional<std::string_view> token = BearerToken(context.Header("Authorization"));
    if (!token) return false;
    const auto presented = Digest(*token);
    return sodium_memcmp(presented.data(), digest_.data(), digest_.size()) == 0;
}

http::Response UnauthorizedResponse() {
    return ErrorResponse(status::unauthorized, "unauthorized",
                         "send Authorization: Bearer <api key>");
}

BodyOrError ParseBody(const http::RequestContext& context) {
    if (!IsJsonContentType(context.Header("Content-Type"))) {
        return ErrorResponse(status::unsupported_media_type, "unsupported_media_type",
                             "send Content-Type: application/json");
    }
    boost::json::parse_options options;
    options.max_depth = http::kJsonDepthMax;
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(context.request.body(), ec, {}, options);
    if (ec)
        return ErrorResponse(status::bad_request, "invalid_json", "invalid JSON: " + ec.message());
    if (!value.is_object()) {
        return ErrorResponse(status::bad_request, "invalid_json", "the body must be a JSON object");
    }
    return http::JsonObjectReader(std::move(value.get_object()));
}

http::Response FieldErrorResponse(const http::JsonObjectReader& reader) {
    assert(!reader.ok());
    return ErrorResponse(status::bad_request, "invalid_request",
                         "'" + reader.error_field() + "' " + reader.error_detail());
}

IntOrError QueryInt(const http::RequestContext& context, std::string_view name, std::int64_t min,
                    std::int64_t max, std::int64_t fallback) {
    const std::optional<std::string_view> text = context.Query(name);
    if (!text) return fallback;
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
        return ErrorResponse(status::bad_request, "invalid_request",
                             std::string(name) + ": expected an integer from " +
                                 std::to_string(min) + " to " + std::to_string(max));
    }
    return value;
}

}  // namespace tix::tixpay
