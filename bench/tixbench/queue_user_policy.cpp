#include "queue_user_policy.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cassert>

#include "common/rfc3339.h"

namespace tix::bench {
namespace {

namespace json = boost::json;

constexpr std::chrono::seconds kRetryAfterMin{1};

std::optional<json::object> ParseObject(std::string_view body) {
    json::error_code error;
    json::value value = json::parse(body, error);
    if (error || !value.is_object()) return std::nullopt;
    return std::move(value.as_object());
}

// A string field, nullptr if absent or not a string.
const json::string* Text(const json::object& object, std::string_view key) {
    const json::value* value = object.if_contains(key);
    return value != nullptr ? value->if_string() : nullptr;
}

std::optional<std::uint64_t> Unsigned(const json::object& object, std::string_view key) {
    const json::value* value = object.if_contains(key);
    if (value == nullptr || !value->is_number()) return std::nullopt;
    const std::int64_t number = value->to_number<std::int64_t>();
    if (number < 0) return std::nullopt;
    return static_cast<std::uint64_t>(number);
}

}  // namespace

std::optional<ChallengeAnswer> ReadChallenge(std::string_view body) {
    const std::optional<json::object> object = ParseObject(body);
    const json::string* challenge = object ? Text(*object, "challenge") : nullptr;
    const std::optional<std::uint64_t> bits = object ? Unsigned(*object, "bits") : std::nullopt;
    if (challenge == nullptr || !bits) return std::nullopt;
    return ChallengeAnswer{std::string(*challenge), static_cast<unsigned>(*bits)};
}

std::optional<StatusAnswer> ReadStatus(std::string_view body) {
    const std::optional<json::object> object = ParseObject(body);
    if (!object) return std::nullopt;
    const json::string* status = Text(*object, "status");
    const std::optional<std::uint64_t> entry_id = Unsigned(*object, "entry_id");
    const std::optional<std::uint64_t> poll_after = Unsigned(*object, "poll_after_ms");
    if (status == nullptr || !entry_id || !poll_after) return std::nullopt;
    StatusAnswer answer{.status = std::string(*status),
                        .entry_id = *entry_id,
                        .poll_after = std::chrono::milliseconds(*poll_after),
                        .draw_rank = Unsigned(*object, "draw_rank")};
    if (const json::string* expires = Text(*object, "admission_expires_at")) {
        answer.admission_expires_at = ParseRfc3339(*expires);
        if (!answer.admission_expires_at) return std::nullopt;
    }
    return answer;
}

Decision AfterStatus(UserKind kind, const StatusAnswer& answer) {
    if (answer.status == "waiting") {
        return {Move::kPoll,
                kind == UserKind::kBot ? std::chrono::milliseconds(0) : answer.poll_after};
    }
    if (answer.status == "admitted") return {Move::kBuy, {}};
    return {Move::kStop, {}};
}

std::chrono::milliseconds RetryDelay(std::chrono::seconds retry_after) {
    return std::max(retry_after, kRetryAfterMin);
}

std::vector<BuyAttempt> BuyAttempts(std::uint32_t zone, std::uint32_t zone_count,
                                    std::uint32_t quantity) {
    assert(zone < zone_count && zone_count >= 1 && zone_count <= 2 && quantity >= 1);
    const std::uint32_t other = zone_count == 2 ? 1 - zone : zone;
    std::vector<BuyAttempt> attempts;
    for (const BuyAttempt attempt : {BuyAttempt{zone, quantity}, BuyAttempt{other, quantity},
                                     BuyAttempt{zone, 1}, BuyAttempt{other, 1}}) {
        const bool seen = std::any_of(attempts.begin(), attempts.end(), [&](const BuyAttempt& a) {
            return a.zone == attempt.zone && a.quantity == attempt.quantity;
        });
        if (!seen) attempts.push_back(attempt);
    }
    return attempts;
}

}  // namespace tix::bench
