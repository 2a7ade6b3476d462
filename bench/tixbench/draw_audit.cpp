#include "draw_audit.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <thread>
#include <unordered_map>

namespace tix::bench {
namespace {

namespace json = boost::json;

constexpr std::uint32_t kDrawPage = 1'000;  // tixd's page maximum
// Pages come from 127.0.0.1, limited per address like anyone's when the scenario runs tixd with
// --rate-limit-loopback: a refused page is asked for again after a second, this many times.
constexpr int kRefusedPagesMax = 600;
constexpr std::size_t kSeedBytes = 32;

std::uint64_t DrawKey(std::span<const std::uint8_t> seed, std::uint64_t entry) {
    std::array<std::uint8_t, 8> id{};
    for (int i = 7; i >= 0; --i, entry >>= 8) id[static_cast<std::size_t>(i)] = entry & 0xff;
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    crypto_hash_sha256_update(&state, seed.data(), seed.size());
    crypto_hash_sha256_update(&state, id.data(), id.size());
    std::array<std::uint8_t, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&state, digest.data());
    std::uint64_t key = 0;
    for (int i = 0; i < 8; ++i) key = (key << 8) | digest[static_cast<std::size_t>(i)];
    return key;
}

// Reads one page into `draw`; returns the next `after`, or nullopt after the last page.
Result<std::optional<std::uint64_t>> ReadPage(const json::value& body, PublishedDraw& draw) {
    const json::object* page = body.if_object();
    const json::value* entries = page ? page->if_contains("entries") : nullptr;
    if (entries == nullptr || !entries->is_array()) return Status::Corruption("draw page");
    for (const char* key : {"seed", "seed_sha256"}) {
        const json::value* hex = page->if_contains(key);
        std::string& out = std::string_view(key) == "seed" ? draw.seed_hex : draw.seed_sha256_hex;
        if (hex != nullptr && hex->is_string()) out = hex->as_string().c_str();
    }
    if (const json::value* size = page->if_contains("draw_size"); size && size->is_number()) {
        draw.draw_size = size->to_number<std::uint64_t>();
    }
    for (const json::value& entry : entries->as_array()) {
        const json::value* id =
            entry.is_object() ? entry.as_object().if_contains("entry_id") : nullptr;
        if (id == nullptr || !id->is_number()) return Status::Corruption("draw entry");
        draw.entries.push_back(id->to_number<std::uint64_t>());
    }
    const json::value* next = page->if_contains("next_after");
    if (next == nullptr || !next->is_number()) return std::optional<std::uint64_t>();
    return std::optional<std::uint64_t>(next->to_number<std::uint64_t>());
}

// Entry id → its published rank.
std::unordered_map<std::uint64_t, std::uint64_t> RankOf(const PublishedDraw& draw) {
    std::unordered_map<std::uint64_t, std::uint64_t> rank_of;
    for (std::size_t i = 0; i < draw.entries.size(); ++i) rank_of[draw.entries[i]] = i + 1;
    return rank_of;
}

}  // namespace

std::vector<std::uint64_t> ReproduceDraw(std::span<const std::uint8_t> seed,
                                         std::vector<std::uint64_t> entry_ids) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> keyed;  // (key, id)
    keyed.reserve(entry_ids.size());
    for (const std::uint64_t id : entry_ids) keyed.emplace_back(DrawKey(seed, id), id);
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t i = 0; i < keyed.size(); ++i) entry_ids[i] = keyed[i].second;
    return entry_ids;
}

std::string Sha256Hex(std::span<const std::uint8_t> bytes) {
    std::array<std::uint8_t, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), bytes.data(), bytes.size());
    std::string hex(2 * digest.size() + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    hex.pop_back();
    return hex;
}

std::optional<std::vector<std::uint8_t>> FromHex(std::string_view hex) {
    std::vector<std::uint8_t> bytes(hex.size() / 2);
    std::size_t length = 0;
    const char* end = nullptr;
    if (hex.size() % 2 != 0 ||
        sodium_hex2bin(bytes.data(), bytes.size(), hex.data(), hex.size(), nullptr, &length,
                       &end) != 0 ||
        end != hex.data() + hex.size()) {
        return std::nullopt;
    }
    return bytes;
}

Check AuditDraw(const PublishedDraw& draw, const std::vector<UserRecord>& users) {
    const char* name = "draw reproduced from the seed";
    const std::optional<std::vector<std::uint8_t>> seed = FromHex(draw.seed_hex);
    if (!seed || seed->size() != kSeedBytes) {
        return {name, Check::Verdict::kFail, "no 32-byte seed published after the start"};
    }
    if (Sha256Hex(*seed) != draw.seed_sha256_hex) {
        return {name, Check::Verdict::kFail, "SHA-256(seed) is not the published seed_sha256"};
    }
    if (draw.entries.size() != draw.draw_size ||
        ReproduceDraw(*seed, draw.entries) != draw.entries) {
        return {name, Check::Verdict::kFail, "the published order is not the documented one"};
    }
    const auto rank_of = RankOf(draw);
    std::uint64_t told = 0;
    for (const UserRecord& user : users) {
        if (!user.draw_rank) continue;
        const auto rank = rank_of.find(user.entry_id);
        if (rank == rank_of.end() || rank->second != *user.draw_rank) {
            return {name, Check::Verdict::kFail,
                    "entry " + std::to_string(user.entry_id) + " was told rank " +
                        std::to_string(*user.draw_rank) + ", not its published one"};
        }
        ++told;
    }
    return {name, Check::Verdict::kPass,
            "seed matches its commitment; " + std::to_string(draw.entries.size()) +
                " entries in the documented order; the ranks " + std::to_string(told) +
                " users were told agree"};
}

void FillDrawRanks(const PublishedDraw& draw, std::vector<UserRecord>& users) {
    const auto rank_of = RankOf(draw);
    for (UserRecord& user : users) {
        if (const auto rank = rank_of.find(user.entry_id);
            user.entry_id != 0 && rank != rank_of.end()) {
            user.draw_rank = rank->second;
        }
    }
}

Result<PublishedDraw> FetchDraw(SetupClient& client, std::int64_t event_id) {
    PublishedDraw draw;
    const std::string path = "/api/v1/events/" + std::to_string(event_id) +
                             "/queue/draw?limit=" + std::to_string(kDrawPage) + "&after=";
    std::optional<std::uint64_t> after = 0;
    for (int refused = 0; after;) {
        auto answer = client.Call("GET", path + std::to_string(*after), {}, nullptr);
        if (!answer.ok()) return answer.status();
        if (answer->status == 429 && ++refused <= kRefusedPagesMax) {
            std::this_thread::sleep_for(std::chrono::seconds(1));  // Retry-After: 1 s or so
            continue;
        }
        if (answer->status != 200) return Status::Corruption("draw: " + DescribeAnswer(*answer));
        auto next = ReadPage(answer->body, draw);
        if (!next.ok()) return next.status();
        after = *next;
    }
    return draw;
}

}  // namespace tix::bench
