#include "http/json_body.h"

#include <boost/json/parse.hpp>
#include <sstream>
#include <string>
#include <utility>

#include "http/problem_catalog.h"

namespace tix::http {
namespace {

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool IsJsonMediaType(std::string_view content_type) {
    const std::string_view media_type = Trim(content_type.substr(0, content_type.find(';')));
    constexpr std::string_view kJson = "application/json";
    if (media_type.size() != kJson.size()) return false;
    for (std::size_t i = 0; i < kJson.size(); ++i) {
        char c = media_type[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != kJson[i]) return false;
    }
    return true;
}

Response MalformedJson(std::string_view detail) {
    return ProblemResponse(Problem::kMalformedJson, detail);
}

}  // namespace

std::size_t Utf8Length(std::string_view text) {
    std::size_t length = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++length;  // not a continuation byte
    }
    return length;
}

const boost::json::value* JsonObjectReader::Find(std::string_view field, bool required) {
    if (!ok()) return nullptr;
    const boost::json::value* value = object_.if_contains({field.data(), field.size()});
    if (value != nullptr && value->is_null()) value = nullptr;
    if (value == nullptr && required) Fail(field, "is required");
    return value;
}

void JsonObjectReader::Fail(std::string_view field, std::string_view detail) {
    if (!ok()) return;
    error_field_ = field;
    error_detail_ = detail;
}

Response JsonObjectReader::problem() const {
    return ProblemResponse(Problem::kInvalidField, "'" + error_field_ + "' " + error_detail_);
}

std::optional<std::string> JsonObjectReader::ReadString(std::string_view field, bool required,
                                                        std::size_t min_chars,
                                                        std::size_t max_chars) {
    const boost::json::value* value = Find(field, required);
    if (value == nullptr) return std::nullopt;
    const boost::json::string* text = value->if_string();
    if (text == nullptr) {
        Fail(field, "must be a string");
        return std::nullopt;
    }
    const std::string_view view(text->data(), text->size());
    if (view.find('\0') != std::string_view::npos) {
        Fail(field, "must not contain NUL characters");
        return std::nullopt;
    }
    const std::size_t length = Utf8Length(view);
    if (length < min_chars || length > max_chars) {
        Fail(field, "must be " + std::to_string(min_chars) + " to " + std::to_string(max_chars) +
                        " characters long");
        return std::nullopt;
    }
    return std::string(view);
}

std::optional<std::int64_t> JsonObjectReader::ReadInt(std::string_view field, bool required,
                                                      std::int64_t min, std::int64_t max) {
    const boost::json::value* value = Find(field, required);
    if (value == nullptr) return std::nullopt;
    const std::string range =
        "must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
    if (value->is_uint64()) {  // Boost.JSON uses uint64 only above INT64_MAX: out of any range
        Fail(field, range);
        return std::nullopt;
    }
    if (!value->is_int64()) {  // double (1.5, 1.0, 1e2), bool, string, array, object
        Fail(field, range);
        return std::nullopt;
    }
    const std::int64_t number = value->get_int64();
    if (number < min || number > max) {
        Fail(field, range);
        return std::nullopt;
    }
    return number;
}

std::optional<double> JsonObjectReader::ReadNumber(std::string_view field, bool required,
                                                   double min, double max) {
    const boost::json::value* value = Find(field, required);
    if (value == nullptr) return std::nullopt;
    std::optional<double> number;
    if (value->is_int64()) number = static_cast<double>(value->get_int64());
    if (value->is_uint64()) number = static_cast<double>(value->get_uint64());
    if (value->is_double()) number = value->get_double();
    // NaN fails both comparisons; an infinity (1e999 parses as one) fails the range.
    if (!number || !(*number >= min && *number <= max)) {
        std::ostringstream range;
        range << "must be a number from " << min << " to " << max;
        Fail(field, range.str());
        return std::nullopt;
    }
    return number;
}

std::optional<bool> JsonObjectReader::ReadBool(std::string_view field, bool required) {
    const boost::json::value* value = Find(field, required);
    if (value == nullptr) return std::nullopt;
    if (!value->is_bool()) {
        Fail(field, "must be true or false");
        return std::nullopt;
    }
    return value->get_bool();
}

const boost::json::array* JsonObjectReader::ReadArray(std::string_view field, bool required,
                                                      std::size_t max_items) {
    const boost::json::value* value = Find(field, required);
    if (value == nullptr) return nullptr;
    const boost::json::array* array = value->if_array();
    if (array == nullptr || array->size() > max_items) {
        Fail(field, "must be an array of at most " + std::to_string(max_items) + " items");
        return nullptr;
    }
    return array;
}

std::string JsonObjectReader::RequiredString(std::string_view field, std::size_t max_chars,
                                             std::size_t min_chars) {
    return ReadString(field, true, min_chars, max_chars).value_or(std::string());
}

std::optional<std::string> JsonObjectReader::OptionalString(std::string_view field,
                                                            std::size_t max_chars,
                                                            std::size_t min_chars) {
    return ReadString(field, false, min_chars, max_chars);
}

std::int64_t JsonObjectReader::RequiredInt(std::string_view field, std::int64_t min,
                                           std::int64_t max) {
    return ReadInt(field, true, min, max).value_or(0);
}

std::optional<std::int64_t> JsonObjectReader::OptionalInt(std::string_view field, std::int64_t min,
                                                          std::int64_t max) {
    return ReadInt(field, false, min, max);
}

double JsonObjectReader::RequiredNumber(std::string_view field, double min, double max) {
    return ReadNumber(field, true, min, max).value_or(0);
}

std::optional<double> JsonObjectReader::OptionalNumber(std::string_view field, double min,
                                                       double max) {
    return ReadNumber(field, false, min, max);
}

bool JsonObjectReader::RequiredBool(std::string_view field) {
    return ReadBool(field, true).value_or(false);
}

std::optional<bool> JsonObjectReader::OptionalBool(std::string_view field) {
    return ReadBool(field, false);
}

const boost::json::array* JsonObjectReader::RequiredArray(std::string_view field,
                                                          std::size_t max_items) {
    return ReadArray(field, true, max_items);
}

const boost::json::array* JsonObjectReader::OptionalArray(std::string_view field,
                                                          std::size_t max_items) {
    return ReadArray(field, false, max_items);
}

void JsonObjectReader::RejectUnknownFields(std::initializer_list<std::string_view> allowed) {
    for (const auto& entry : object_) {
        const std::string_view key(entry.key().data(), entry.key().size());
        bool known = false;
        for (const auto name : allowed) known = known || name == key;
        if (!known) {
            Fail(key, "is not a known field");
            return;
        }
    }
}

JsonBody JsonBody::Parsed(boost::json::object object) {
    JsonBody body;
    body.reader_.emplace(std::move(object));
    return body;
}

JsonBody JsonBody::Failed(Response problem) {
    JsonBody body;
    body.problem_ = std::move(problem);
    return body;
}

JsonBody ParseJsonObject(const RequestContext& context) {
    if (!IsJsonMediaType(context.Header("Content-Type"))) {
        return JsonBody::Failed(
            ProblemResponse(Problem::kUnsupportedMediaType, "send Content-Type: application/json"));
    }
    const std::string& text = context.request.body();
    if (text.empty()) return JsonBody::Failed(MalformedJson("the body is empty"));
    boost::json::parse_options options;
    options.max_depth = kJsonDepthMax;
    boost::json::error_code ec;
    boost::json::value value = boost::json::parse(text, ec, {}, options);
    if (ec) return JsonBody::Failed(MalformedJson("invalid JSON: " + ec.message()));
    if (!value.is_object()) return JsonBody::Failed(MalformedJson("the body must be an object"));
    return JsonBody::Parsed(std::move(value.get_object()));
}

}  // namespace tix::http
