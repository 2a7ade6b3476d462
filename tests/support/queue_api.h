// The waiting-room API (issue 8) as black-box tests use it: request helpers for the queue routes,
// and an independent implementation of what a client or an auditor computes: the proof of work
// and the draw. Written from the contract in docs/api.md with libsodium's SHA-256, not from
// tixd's code, so that a test which reproduces the published draw checks the documentation too.
// Tests only; any thread.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/types.h"
#include "support/http_client.h"

namespace tix::test {

// A `queue` object for POST /events or a PATCH body: only the fields given.
struct QueueDraft {
    std::optional<TimePoint> opens_at;
    std::optional<std::int64_t> admit_per_minute;
    std::optional<std::int64_t> active_max;
    std::optional<std::int64_t> admission_seconds;
    std::optional<std::int64_t> pow_bits;
    std::optional<bool> paused;

    boost::json::object ToJson() const;
};

std::string QueuePath(const boost::json::value& event_id, std::string_view tail = "");

Response GetQueue(HttpClient& client, const boost::json::value& event_id);
Response PatchQueue(HttpClient& admin, const boost::json::value& event_id, const QueueDraft& draft);
Response GetChallenge(HttpClient& client, const boost::json::value& event_id);
Response JoinQueue(HttpClient& client, const boost::json::value& event_id,
                   std::string_view challenge, std::string_view nonce);
Response QueueMe(HttpClient& client, const boost::json::value& event_id);
Response QueueDraw(HttpClient& client, const boost::json::value& event_id,
                   std::string_view query = "");

// Asks for a challenge, solves it and joins: the join's answer (or the challenge's, if that
// failed).
Response SolveAndJoin(HttpClient& client, const boost::json::value& event_id);

// ---- The client's and the auditor's side, from the contract -------------------------------

// SHA-256 of `first` immediately followed by `second`.
std::vector<std::uint8_t> Sha256Of(std::string_view first, std::string_view second = "");
std::string Hex(const std::vector<std::uint8_t>& bytes);
std::optional<std::vector<std::uint8_t>> FromHex(std::string_view hex);
// True if the digest begins with `bits` zero bits.
bool LeadingZeros(const std::vector<std::uint8_t>& digest, unsigned bits);
// The first decimal nonce whose SHA-256(challenge || nonce) has `bits` leading zero bits.
std::string SolvePow(std::string_view challenge, unsigned bits);

// The documented draw: entry ids ordered by the first 8 bytes of SHA-256(seed || BE64(id)) as an
// unsigned big-endian number, ties by id. Rank 1 first.
std::vector<std::uint64_t> ReproduceDraw(const std::vector<std::uint8_t>& seed,
                                         std::vector<std::uint64_t> entry_ids);

}  // namespace tix::test
