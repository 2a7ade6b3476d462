// Strict request-body parsing for route handlers: a JSON object with typed, bounded fields, and a
// ready-made 400/415 problem response when anything is off. Plain values with no shared state:
// use from any thread, one object per request.
//
// A handler reads like this:
//
//     auto body = ParseJsonObject(context);
//     if (!body) return respond(body.problem());
//     std::string email = body->RequiredString("email", 254);
//     std::int64_t quantity = body->RequiredInt("quantity", 1, kSeatsPerOrderMax);
//     std::optional<std::string> note = body->OptionalString("note", 500);
//     if (!body->ok()) return respond(body->problem());
//
// The getters never throw. The first failing field is remembered (later getters return empty
// values and change nothing) and problem() answers 400 `invalid_field` naming it, with a detail
// a client developer can act on. Missing and null are the same for optional fields.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "http/handler.h"

namespace tix::http {

// Number of Unicode code points in valid UTF-8 (what the string limits below count).
std::size_t Utf8Length(std::string_view text);

// Typed access to the fields of one JSON object, remembering the first error.
class JsonObjectReader {
  public:
    explicit JsonObjectReader(boost::json::object object) : object_(std::move(object)) {}

    // A string of min_chars..max_chars code points. Required fields default to non-empty.
    std::string RequiredString(std::string_view field, std::size_t max_chars,
                               std::size_t min_chars = 1);
    std::optional<std::string> OptionalString(std::string_view field, std::size_t max_chars,
                                              std::size_t min_chars = 0);

    // A JSON integer in [min, max]. Fractions (1.5, 1.0, 1e2), booleans, strings and values
    // outside the range (including anything beyond int64) are rejected.
    std::int64_t RequiredInt(std::string_view field, std::int64_t min, std::int64_t max);
    std::optional<std::int64_t> OptionalInt(std::string_view field, std::int64_t min,
                                            std::int64_t max);

    // A finite JSON number (integer or not) in [min, max]; booleans and strings are rejected.
    double RequiredNumber(std::string_view field, double min, double max);
    std::optional<double> OptionalNumber(std::string_view field, double min, double max);

    bool RequiredBool(std::string_view field);
    std::optional<bool> OptionalBool(std::string_view field);

    // An array of at most max_items elements; nullptr on error (and for a missing optional).
    // Element types are the caller's to check (report them with Fail).
    const boost::json::array* RequiredArray(std::string_view field, std::size_t max_items);
    const boost::json::array* OptionalArray(std::string_view field, std::size_t max_items);

    // Rejects any key not in `allowed`, for endpoints where a typo must not pass silently.
    void RejectUnknownFields(std::initializer_list<std::string_view> allowed);

    // Records a handler-detected problem with a field (kept only if it is the first).
    void Fail(std::string_view field, std::string_view detail);

    bool ok() const { return error_field_.empty(); }
    const std::string& error_field() const { return error_field_; }
    const std::string& error_detail() const { return error_detail_; }
    // 400 invalid_field naming the first failing field. REQUIRES: !ok().
    Response problem() const;

    const boost::json::object& object() const { return object_; }

  private:
    // The field's value, nullptr when absent or null; records "missing" if required.
    const boost::json::value* Find(std::string_view field, bool required);
    std::optional<std::string> ReadString(std::string_view field, bool required,
                                          std::size_t min_chars, std::size_t max_chars);
    std::optional<std::int64_t> ReadInt(std::string_view field, bool required, std::int64_t min,
                                        std::int64_t max);
    std::optional<double> ReadNumber(std::string_view field, bool required, double min, double max);
    std::optional<bool> ReadBool(std::string_view field, bool required);
    const boost::json::array* ReadArray(std::string_view field, bool required,
                                        std::size_t max_items);

    boost::json::object object_;
    std::string error_field_;
    std::string error_detail_;
};

// The outcome of ParseJsonObject: a reader, or the problem response to send instead.
class JsonBody {
  public:
    static JsonBody Parsed(boost::json::object object);
    static JsonBody Failed(Response problem);

    explicit operator bool() const { return reader_.has_value(); }
    JsonObjectReader* operator->() { return &*reader_; }
    JsonObjectReader& operator*() { return *reader_; }
    // REQUIRES: !*this.
    Response problem() const { return *problem_; }

  private:
    std::optional<JsonObjectReader> reader_;
    std::optional<Response> problem_;
};

// Maximum nesting of a request body; deeper documents are malformed_json.
inline constexpr std::size_t kJsonDepthMax = 16;

// Requires "Content-Type: application/json" (parameters such as charset are ignored) or answers
// 415 unsupported_media_type; then parses the body, which must be one JSON object, or answers
// 400 malformed_json.
JsonBody ParseJsonObject(const RequestContext& context);

}  // namespace tix::http
