// The draw against an independent implementation of its documented rule, and its uniformity.
#include "engine/queue_draw.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "engine/queue_test_support.h"
#include "engine/waiting_room.h"

namespace tix::engine {
namespace {

using test::kOpens;
using test::kSaleStart;

// queue_draw.h's rule, written from the text: SHA-256 over the 32 seed bytes and the entry id as
// 8 bytes, most significant first; ascending by the digest's first 8 bytes compared as unsigned
// bytes, ties by entry id.
std::vector<std::uint64_t> AuditDraw(const QueueSeed& seed, std::vector<std::uint64_t> ids) {
    struct Keyed {
        std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
        std::uint64_t id;
    };
    std::vector<Keyed> keyed;
    for (const std::uint64_t id : ids) {
        unsigned char message[40];
        std::memcpy(message, seed.data(), 32);
        for (int i = 0; i < 8; ++i)
            message[32 + i] = static_cast<unsigned char>(id >> (56 - 8 * i));
        Keyed k{{}, id};
        crypto_hash_sha256(k.digest.data(), message, sizeof(message));
        keyed.push_back(k);
    }
    std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
        const int c = std::memcmp(a.digest.data(), b.digest.data(), 8);
        return c != 0 ? c < 0 : a.id < b.id;
    });
    // No two of these share their first 8 bytes, so the full digests are in the same order.
    for (std::size_t i = 1; i < keyed.size(); ++i) {
        EXPECT_LT(std::memcmp(keyed[i - 1].digest.data(), keyed[i].digest.data(), 32), 0);
    }
    std::vector<std::uint64_t> order;
    for (const Keyed& k : keyed) order.push_back(k.id);
    return order;
}

// A room whose pre-queue is `entries` users, drawn at sale start.
WaitingRoom DrawnRoom(const QueueSeed& seed, std::uint64_t entries) {
    QueueConfig config = test::TestConfig();
    config.seed = seed;
    WaitingRoom room(EventId{1}, config);
    for (std::uint64_t u = 1; u <= entries; ++u) {
        const TimePoint now = kOpens + std::chrono::seconds(u);
        EXPECT_EQ(room.Join(UserId{u}, u, now + std::chrono::minutes(1), now).outcome,
                  JoinOutcome::kJoined);
    }
    EXPECT_TRUE(room.Pump(kSaleStart, {}).drew);
    return room;
}

std::vector<std::uint64_t> Published(const WaitingRoom& room) {
    std::vector<std::uint64_t> ids;
    for (std::uint64_t rank = 1; rank <= room.DrawSize(); ++rank) {
        ids.push_back(room.DrawnAt(rank).value());
    }
    return ids;
}

TEST(QueueDraw, KeyIsTheDigestsFirstEightBytesBigEndian) {
    const QueueSeed seed = test::SeedOf(0xab, 12345);
    unsigned char message[40];
    std::memcpy(message, seed.data(), 32);
    const unsigned char id[8] = {0, 0, 0, 0, 0, 0, 0x01, 0x02};  // entry 258
    std::memcpy(message + 32, id, 8);
    unsigned char digest[32];
    crypto_hash_sha256(digest, message, sizeof(message));
    std::uint64_t expected = 0;
    for (int i = 0; i < 8; ++i) expected = expected << 8 | digest[i];
    EXPECT_EQ(DrawKey(seed, QueueEntryId{258}), expected);
}

TEST(QueueDraw, CommitmentIsTheSeedsSha256) {
    const QueueSeed seed = test::SeedOf(1, 2);
    unsigned char digest[32];
    crypto_hash_sha256(digest, seed.data(), seed.size());
    EXPECT_EQ(0, std::memcmp(SeedCommitment(seed).data(), digest, 32));
}

TEST(QueueDraw, AnAuditorReproducesThePublishedDrawFromTheSeed) {
    WaitingRoom room = DrawnRoom(test::SeedOf(0x42, 7), 500);
    const QueueStats stats = room.Stats(kSaleStart);
    ASSERT_TRUE(stats.seed.has_value());  // published from sale start
    EXPECT_EQ(stats.seed_sha256, SeedCommitment(*stats.seed));
    std::vector<std::uint64_t> ids = Published(room);
    std::vector<std::uint64_t> sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    for (std::uint64_t i = 0; i < sorted.size(); ++i) ASSERT_EQ(sorted[i], i + 1);  // everyone
    EXPECT_EQ(ids, AuditDraw(*stats.seed, sorted));
}

TEST(QueueDraw, TiesOnTheKeyGoByEntryId) {
    std::vector<DrawCandidate> candidates = {
        {5, QueueEntryId{9}}, {5, QueueEntryId{3}}, {1, QueueEntryId{7}}, {9, QueueEntryId{1}}};
    SortDraw(candidates);
    std::vector<std::uint64_t> ids;
    for (const DrawCandidate& c : candidates) ids.push_back(c.entry.value());
    EXPECT_EQ(ids, (std::vector<std::uint64_t>{7, 3, 9, 1}));
}

TEST(QueueDraw, OtherSeedsGiveOtherOrders) {
    EXPECT_NE(Published(DrawnRoom(test::SeedOf(1), 20)), Published(DrawnRoom(test::SeedOf(2), 20)));
}

// Chi-square over the rank of one entry among 10, across 10,000 seeds: uniform means each rank
// about 1,000 times. 27.88 is the 99.9th percentile with 9 degrees of freedom.
TEST(QueueDraw, EveryRankIsEquallyLikelyAcrossSeeds) {
    constexpr int kEntries = 10;
    constexpr int kSeeds = 10'000;
    std::array<std::array<int, kEntries>, kEntries> rank_count{};  // [entry][rank]
    for (int s = 0; s < kSeeds; ++s) {
        const std::vector<std::uint64_t> ids =
            Published(DrawnRoom(test::SeedOf(0xc5, s), kEntries));
        for (int rank = 0; rank < kEntries; ++rank) ++rank_count[ids[rank] - 1][rank];
    }
    const double expected = static_cast<double>(kSeeds) / kEntries;
    double table = 0;
    for (int entry = 0; entry < kEntries; ++entry) {
        double chi_square = 0;
        for (const int count : rank_count[entry]) {
            chi_square += (count - expected) * (count - expected) / expected;
        }
        table += chi_square;
        EXPECT_LT(chi_square, 27.88) << "entry " << entry + 1;
    }
    // Each entry's ranks, all together (81 degrees of freedom; 99.9th percentile 126.3).
    EXPECT_LT(table, 126.3);
}

}  // namespace
}  // namespace tix::engine
