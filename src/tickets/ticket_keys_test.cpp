#include "tickets/ticket_keys.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/temp_dir.h"
#include "tickets/tickets_testing.h"

namespace tix::tickets {
namespace {

using testing::MasterKey;

std::string Hex(std::span<const std::uint8_t> bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    for (const std::uint8_t byte : bytes) {
        hex += kDigits[byte >> 4];
        hex += kDigits[byte & 0xf];
    }
    return hex;
}

void WriteFile(const std::string& path, const std::string& content, mode_t mode) {
    std::ofstream(path, std::ios::binary) << content;
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

TEST(TicketKeys, MatchTheDocumentedDerivation) {
    // From Python (hashlib.blake2b with key=, and `cryptography` for Ed25519), not this code:
    //   blake2b(b"tix ticket rotation v1" + (7).to_bytes(8, "big"), key=bytes(range(1, 33)),
    //           digest_size=32)
    const TicketMasterKey master = MasterKey(1);
    const EventKeys keys = DeriveEventKeys(master, EventId{7});
    EXPECT_EQ(ToBase64Url(keys.public_key), "A7_kn9ecFFRNvbb9VlmpdinIrdjcrTm1v_guxVeFgfw");
    EXPECT_EQ(Hex(keys.rotation_key.bytes()),
              "b56b1d6d56d9c58ae93faf914faf2af60bb7249d86bea9a3b594807b36b097f1");
    EXPECT_EQ(ToBase64Url(keys.rotation_key), "tWsdbVbZxYrpP6-RT68q9gu3JJ2GvqmjtZSAezawl_E");
    EXPECT_EQ(Hex(DeriveTicketIdKey(master).bytes()),
              "042300a21420dc4207e6812c0c3ed0a59729126522052ad9dad834ac1d4b569f");
}

TEST(TicketKeys, AreDeterministicPerMasterAndEvent) {
    const EventKeys first = DeriveEventKeys(MasterKey(1), EventId{7});
    const EventKeys again = DeriveEventKeys(MasterKey(1), EventId{7});
    EXPECT_EQ(first.public_key, again.public_key);
    EXPECT_EQ(first.signing_key, again.signing_key);
    EXPECT_EQ(first.rotation_key, again.rotation_key);
    EXPECT_EQ(DeriveTicketIdKey(MasterKey(1)), DeriveTicketIdKey(MasterKey(1)));
}

TEST(TicketKeys, DifferBetweenEventsAndBetweenMasters) {
    const EventKeys event_7 = DeriveEventKeys(MasterKey(1), EventId{7});
    for (const EventKeys& other : {DeriveEventKeys(MasterKey(1), EventId{8}),
                                   DeriveEventKeys(MasterKey(1), EventId{7ull << 32}),
                                   DeriveEventKeys(MasterKey(2), EventId{7})}) {
        EXPECT_NE(event_7.public_key, other.public_key);
        EXPECT_FALSE(event_7.signing_key == other.signing_key);
        EXPECT_FALSE(event_7.rotation_key == other.rotation_key);
    }
    EXPECT_FALSE(DeriveTicketIdKey(MasterKey(1)) == DeriveTicketIdKey(MasterKey(2)));
    // Each label its own key: the rotation key is not the ticket id key nor the signing seed.
    EXPECT_NE(Hex(event_7.rotation_key.bytes()), Hex(DeriveTicketIdKey(MasterKey(1)).bytes()));
    EXPECT_NE(Hex(event_7.rotation_key.bytes()), Hex(event_7.signing_key.bytes().first<32>()));
}

TEST(TicketKeys, PublishedFormsRoundTrip) {
    const EventKeys keys = DeriveEventKeys(MasterKey(1), EventId{7});
    const std::string public_text = ToBase64Url(keys.public_key);
    EXPECT_EQ(public_text.size(), 43u);
    EXPECT_EQ(ParsePublicKey(public_text), keys.public_key);
    const auto rotation = ParseRotationKey(ToBase64Url(keys.rotation_key));
    ASSERT_TRUE(rotation.has_value());
    EXPECT_EQ(*rotation, keys.rotation_key);
    EXPECT_FALSE(ParsePublicKey("").has_value());
    EXPECT_FALSE(ParsePublicKey(public_text + "=").has_value());
    EXPECT_FALSE(ParsePublicKey(public_text.substr(1)).has_value());
    EXPECT_FALSE(ParsePublicKey(public_text + "AAAA").has_value());
    EXPECT_FALSE(ParseRotationKey("not base64!").has_value());
    std::string non_ascii = public_text;
    non_ascii[10] = '\xff';
    EXPECT_FALSE(ParsePublicKey(non_ascii).has_value());
}

TEST(TicketMasterKeyFile, IsCreatedPrivateAndLoadsBackTheSame) {
    TempDir dir;
    const std::string path = dir.File("ticket.key");
    const auto created = LoadOrCreateMasterKey(path);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_EQ(info.st_size, 32);
    const auto loaded = LoadOrCreateMasterKey(path);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    EXPECT_EQ(*loaded, *created);
    EXPECT_FALSE(*created == TicketMasterKey{}) << "random bytes, not zeros";
    // No temporary file left behind.
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                            std::filesystem::directory_iterator()),
              1);
}

TEST(TicketMasterKeyFile, TwoDeploymentsGetDifferentKeys) {
    TempDir dir;
    const auto a = LoadOrCreateMasterKey(dir.File("a.key"));
    const auto b = LoadOrCreateMasterKey(dir.File("b.key"));
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_FALSE(*a == *b);
}

TEST(TicketMasterKeyFile, AFileOfTheWrongSizeIsRefused) {
    TempDir dir;
    for (const std::size_t size : {0u, 31u, 33u, 64u}) {
        const std::string path = dir.File("ticket-" + std::to_string(size) + ".key");
        WriteFile(path, std::string(size, 'k'), 0600);
        const auto key = LoadOrCreateMasterKey(path);
        ASSERT_FALSE(key.ok()) << size;
        EXPECT_EQ(key.status().code(), Status::Code::kCorruption);
        EXPECT_NE(key.status().message().find("32 bytes"), std::string::npos);
    }
}

TEST(TicketMasterKeyFile, AFileOthersMayReadIsRefused) {
    TempDir dir;
    const std::string path = dir.File("ticket.key");
    WriteFile(path, std::string(32, 'k'), 0644);
    const auto key = LoadOrCreateMasterKey(path);
    ASSERT_FALSE(key.ok());
    EXPECT_EQ(key.status().code(), Status::Code::kInvalidArgument);
}

TEST(TicketMasterKeyFile, AMissingDirectoryIsAnError) {
    TempDir dir;
    const auto key = LoadOrCreateMasterKey(dir.File("missing/ticket.key"));
    ASSERT_FALSE(key.ok());
    EXPECT_EQ(key.status().code(), Status::Code::kIoError);
}

}  // namespace
}  // namespace tix::tickets
