#include "support/queue_api.h"

#include <sodium.h>

#include <algorithm>
#include <tuple>

#include "support/tix_api.h"

namespace tix::test {

namespace json = boost::json;

json::object QueueDraft::ToJson() const {
    json::object body;
    if (opens_at) body["opens_at"] = Rfc3339(*opens_at);
    if (admit_per_minute) body["admit_per_minute"] = *admit_per_minute;
    if (active_max) body["active_max"] = *active_max;
    if (admission_seconds) body["admission_seconds"] = *admission_seconds;
    if (pow_bits) body["pow_bits"] = *pow_bits;
    if (paused) body["paused"] = *paused;
    return body;
}

std::string QueuePath(const json::value& event_id, std::string_view tail) {
    return "/api/v1/events/" + IdText(event_id) + "/queue" + std::string(tail);
}

Response GetQueue(HttpClient& client, const json::value& event_id) {
    return client.Get(QueuePath(event_id));
}

Response PatchQueue(HttpClient& admin, const json::value& event_id, const QueueDraft& draft) {
    return admin.Request("PATCH", QueuePath(event_id), json::value(draft.ToJson()));
}

Response GetChallenge(HttpClient& client, const json::value& event_id) {
    return client.Get(QueuePath(event_id, "/challenge"));
}

Response JoinQueue(HttpClient& client, const json::value& event_id, std::string_view challenge,
                   std::string_view nonce) {
    return client.Post(QueuePath(event_id),
                       json::object{{"challenge", challenge}, {"nonce", nonce}});
}

Response QueueMe(HttpClient& client, const json::value& event_id) {
    return client.Get(QueuePath(event_id, "/me"));
}

Response QueueDraw(HttpClient& client, const json::value& event_id, std::string_view query) {
    return client.Get(QueuePath(event_id, "/draw") + std::string(query));
}

Response SolveAndJoin(HttpClient& client, const json::value& event_id) {
    const Response challenge = GetChallenge(client, event_id);
    if (challenge.status != 200) return challenge;
    const std::string text = GetString(challenge.json, "challenge");
    const auto bits = static_cast<unsigned>(GetInt(challenge.json, "bits"));
    return JoinQueue(client, event_id, text, SolvePow(text, bits));
}

std::vector<std::uint8_t> Sha256Of(std::string_view first, std::string_view second) {
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(first.data()),
                              first.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(second.data()),
                              second.size());
    std::vector<std::uint8_t> digest(crypto_hash_sha256_BYTES);
    crypto_hash_sha256_final(&state, digest.data());
    return digest;
}

std::string Hex(const std::vector<std::uint8_t>& bytes) {
    std::string hex(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    hex.pop_back();
    return hex;
}

std::optional<std::vector<std::uint8_t>> FromHex(std::string_view hex) {
    std::vector<std::uint8_t> bytes(hex.size() / 2);
    std::size_t size = 0;
    if (sodium_hex2bin(bytes.data(), bytes.size(), hex.data(), hex.size(), nullptr, &size,
                       nullptr) != 0 ||
        size != bytes.size() || hex.size() % 2 != 0) {
        return std::nullopt;
    }
    return bytes;
}

bool LeadingZeros(const std::vector<std::uint8_t>& digest, unsigned bits) {
    for (unsigned bit = 0; bit < bits; ++bit) {
        if (bit / 8 >= digest.size() || (digest[bit / 8] >> (7 - bit % 8)) & 1) return false;
    }
    return true;
}

std::string SolvePow(std::string_view challenge, unsigned bits) {
    for (std::uint64_t n = 0;; ++n) {
        const std::string nonce = std::to_string(n);
        if (LeadingZeros(Sha256Of(challenge, nonce), bits)) return nonce;
    }
}

std::vector<std::uint64_t> ReproduceDraw(const std::vector<std::uint8_t>& seed,
                                         std::vector<std::uint64_t> entry_ids) {
    std::vector<std::tuple<std::uint64_t, std::uint64_t>> keyed;  // (key, id)
    for (const std::uint64_t id : entry_ids) {
        std::string input(seed.begin(), seed.end());
        for (int shift = 56; shift >= 0; shift -= 8) {
            input.push_back(static_cast<char>((id >> shift) & 0xff));
        }
        const std::vector<std::uint8_t> digest = Sha256Of(input);
        std::uint64_t key = 0;
        for (int i = 0; i < 8; ++i) key = key << 8 | digest[i];
        keyed.emplace_back(key, id);
    }
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::uint64_t> order;
    for (const auto& [key, id] : keyed) order.push_back(id);
    return order;
}

}  // namespace tix::test
