#include "draw_audit.h"

#include <gtest/gtest.h>

namespace tix::bench {
namespace {

// A seed of 32 bytes 0xa5; Python's hashlib gives its commitment and the draw of entries 1..8.
std::vector<std::uint8_t> Seed() { return std::vector<std::uint8_t>(32, 0xa5); }
constexpr const char* kCommitment =
    "fc8b64001c5fdd0f2f40fb67dae4a865a2c5bd17836676d6d5b58b7917e33717";
const std::vector<std::uint64_t> kDrawn = {3, 2, 8, 1, 7, 5, 4, 6};

PublishedDraw Good() {
    PublishedDraw draw{
        .seed_sha256_hex = kCommitment, .draw_size = kDrawn.size(), .entries = kDrawn};
    for (int i = 0; i < 32; ++i) draw.seed_hex += "a5";
    return draw;
}

UserRecord Told(std::uint64_t entry, std::uint64_t rank) {
    return {.entry_id = entry, .draw_rank = rank};
}

TEST(DrawAudit, ReproducesTheDocumentedOrderAsHashlibDoes) {
    EXPECT_EQ(ReproduceDraw(Seed(), {1, 2, 3, 4, 5, 6, 7, 8}), kDrawn);
    EXPECT_EQ(ReproduceDraw(Seed(), {8, 7, 6, 5, 4, 3, 2, 1}), kDrawn) << "input order is moot";
    EXPECT_EQ(Sha256Hex(Seed()), kCommitment);
}

TEST(DrawAudit, PassesADrawThatIsWhatTheSeedSays) {
    const Check check = AuditDraw(Good(), {Told(3, 1), Told(6, 8), UserRecord{}});
    EXPECT_EQ(check.verdict, Check::Verdict::kPass) << check.detail;
}

TEST(DrawAudit, FailsAnyDeparture) {
    PublishedDraw swapped = Good();
    std::swap(swapped.entries[0], swapped.entries[1]);
    EXPECT_EQ(AuditDraw(swapped, {}).verdict, Check::Verdict::kFail) << "order";
    PublishedDraw other_seed = Good();
    other_seed.seed_hex[0] = 'b';
    EXPECT_EQ(AuditDraw(other_seed, {}).verdict, Check::Verdict::kFail) << "commitment";
    PublishedDraw no_seed = Good();
    no_seed.seed_hex.clear();
    EXPECT_EQ(AuditDraw(no_seed, {}).verdict, Check::Verdict::kFail) << "seed not published";
    PublishedDraw short_page = Good();
    short_page.draw_size = 9;
    EXPECT_EQ(AuditDraw(short_page, {}).verdict, Check::Verdict::kFail) << "entries missing";
    EXPECT_EQ(AuditDraw(Good(), {Told(3, 2)}).verdict, Check::Verdict::kFail)
        << "a user told another rank than the published one";
}

TEST(DrawAudit, FillsThePublishedRankOfEveryEntryInTheDraw) {
    std::vector<UserRecord> users = {Told(8, 3), {.entry_id = 6}, {.entry_id = 42}, {}};
    FillDrawRanks(Good(), users);
    EXPECT_EQ(users[0].draw_rank, 3u);
    EXPECT_EQ(users[1].draw_rank, 8u);
    EXPECT_FALSE(users[2].draw_rank.has_value()) << "joined after the draw";
    EXPECT_FALSE(users[3].draw_rank.has_value()) << "never joined";
}

TEST(DrawAudit, HexRoundTripsAndRefusesNonsense) {
    EXPECT_EQ(FromHex("00ff10"), (std::vector<std::uint8_t>{0x00, 0xff, 0x10}));
    EXPECT_FALSE(FromHex("abc").has_value());
    EXPECT_FALSE(FromHex("zz").has_value());
}

}  // namespace
}  // namespace tix::bench
