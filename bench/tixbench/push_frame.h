// What the bidding scenario's sockets read from a WebSocket text frame of tixd's push layer
// (`{"event":"...","data":{...}}`, docs/api.md): the event's kind and, for a ranking_update, the
// tick it belongs to; for a campaign_ended, the bidder's outcome. Ranking updates come to every
// socket every 2 s with the top K inside, so they are not parsed whole: the keys are found by
// text. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tix::bench {

enum class PushEvent : std::uint8_t {
    kRankingUpdate,
    kBidAccepted,
    kCampaignEnded,
    kPong,
    kOther,
};

struct PushFrame {
    PushEvent event = PushEvent::kOther;
    // kRankingUpdate: what names its tick (the server's timestamp as sent: its digits or its
    // RFC 3339 text), and the server's time in unix milliseconds if the frame carries it
    // (`timestamp_ms`, or `timestamp` as a number of milliseconds or RFC 3339 text).
    std::string_view tick;
    std::optional<std::int64_t> server_ms;
    // kCampaignEnded.
    bool is_winner = false;
    std::uint32_t final_rank = 0;
};

PushFrame ReadPushFrame(std::string_view text);

}  // namespace tix::bench
