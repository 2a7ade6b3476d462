#include "push_frame.h"

#include <boost/json/parse.hpp>
#include <charconv>

#include "common/rfc3339.h"

namespace tix::bench {
namespace {

// The value of `"key":` in `text` up to the next ',' '}' (a number) or the closing quote (a
// string, without its quotes); empty if absent. The first occurrence: the frames have no such
// key inside their top K.
std::string_view RawValue(std::string_view text, std::string_view key) {
    const std::size_t at = text.find(key);
    if (at == std::string_view::npos) return {};
    std::size_t from = at + key.size();
    while (from < text.size() && (text[from] == ' ' || text[from] == ':')) ++from;
    if (from >= text.size()) return {};
    if (text[from] == '"') {
        const std::size_t end = text.find('"', from + 1);
        return end == std::string_view::npos ? std::string_view{}
                                             : text.substr(from + 1, end - from - 1);
    }
    const std::size_t end = text.find_first_of(",} ", from);
    return text.substr(from, end == std::string_view::npos ? end : end - from);
}

std::optional<std::int64_t> Integer(std::string_view digits) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
    return value;
}

std::optional<std::int64_t> UnixMs(std::string_view value) {
    if (auto ms = Integer(value)) return ms;
    const auto time = ParseRfc3339(value);
    if (!time) return std::nullopt;
    return std::chrono::duration_cast<std::chrono::milliseconds>(time->time_since_epoch()).count();
}

void ReadRanking(std::string_view text, PushFrame& frame) {
    const std::string_view ms = RawValue(text, "\"timestamp_ms\"");
    const std::string_view stamp = RawValue(text, "\"timestamp\"");
    frame.tick = !ms.empty() ? ms : stamp;
    frame.server_ms = !ms.empty() ? Integer(ms) : UnixMs(stamp);
}

void ReadEnded(std::string_view text, PushFrame& frame) {
    boost::system::error_code error;
    const boost::json::value json = boost::json::parse(text, error);
    const auto* data = error || !json.is_object() ? nullptr : json.get_object().if_contains("data");
    if (data == nullptr || !data->is_object()) return;
    const auto& object = data->get_object();
    if (const auto* winner = object.if_contains("is_winner"); winner && winner->is_bool()) {
        frame.is_winner = winner->get_bool();
    }
    if (const auto* rank = object.if_contains("final_rank"); rank && rank->is_int64()) {
        frame.final_rank = static_cast<std::uint32_t>(rank->get_int64());
    }
}

}  // namespace

PushFrame ReadPushFrame(std::string_view text) {
    PushFrame frame;
    const std::string_view event = RawValue(text, "\"event\"");
    if (event == "ranking_update") {
        frame.event = PushEvent::kRankingUpdate;
        ReadRanking(text, frame);
    } else if (event == "bid_accepted") {
        frame.event = PushEvent::kBidAccepted;
    } else if (event == "campaign_ended") {
        frame.event = PushEvent::kCampaignEnded;
        ReadEnded(text, frame);
    } else if (event == "pong") {
        frame.event = PushEvent::kPong;
    }
    return frame;
}

}  // namespace tix::bench
