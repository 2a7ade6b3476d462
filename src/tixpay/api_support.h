// What every tixpay route shares: its error answers ({"error": {"code", "message"}}, the PSP's
// wire format, not tixd's problem+json), the API key check, and strict parsing of JSON bodies
// and query numbers. Plain functions and values: any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "http/handler.h"
#include "http/json_body.h"

namespace tix::tixpay {

// {"error": {"code": code, "message": message}} with `status`.
http::Response ErrorResponse(http::beast_http::status status, std::string_view code,
                             std::string_view message);

// The server's API key, kept as a hash: a presented key is hashed the same way and compared in
// constant time, so neither the comparison nor the keys' lengths show in the timing.
class ApiKey {
  public:
    // REQUIRES: key is not empty.
    explicit ApiKey(std::string_view key);
    // True when the request carries "Authorization: Bearer <the key>".
    bool Matches(const http::RequestContext& context) const;

  private:
    std::array<unsigned char, 32> digest_{};
};

// 401 unauthorized, for a missing or wrong API key.
http::Response UnauthorizedResponse();

// A JSON object body, or the 400/415 answer to send instead.
using BodyOrError = std::variant<http::JsonObjectReader, http::Response>;
BodyOrError ParseBody(const http::RequestContext& context);

// 400 invalid_request naming the reader's first failing field. REQUIRES: !reader.ok().
http::Response FieldErrorResponse(const http::JsonObjectReader& reader);

// An optional integer query parameter in [min, max] (fallback when absent), or the 400 answer.
using IntOrError = std::variant<std::int64_t, http::Response>;
IntOrError QueryInt(const http::RequestContext& context, std::string_view name, std::int64_t min,
                    std::int64_t max, std::int64_t fallback);

}  // namespace tix::tixpay
