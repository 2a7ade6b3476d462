#include "tickets/ticket_payload.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "tickets/base64url.h"
#include "tickets/rotating_code.h"
#include "tickets/ticket_keys.h"
#include "tickets/tickets_testing.h"

namespace tix::tickets {
namespace {

using testing::MasterKey;
using testing::TicketIdOf;

const TimePoint kNow = FromUnixMillis(1'790'000'000'000);

TicketClaims Claims(std::uint64_t event_id, bool rotating = false) {
    return {.event_id = EventId{event_id},
            .ticket_id = TicketIdOf(3),
            .zone_index = 2,
            .seat = 117,
            .version = 1,
            .rotating = rotating};
}

std::vector<std::uint8_t> BytesOf(std::string_view text) {
    std::vector<std::uint8_t> bytes(text.size());
    const auto size = FromBase64Url(text, bytes);
    EXPECT_TRUE(size.has_value()) << text;
    bytes.resize(size.value_or(0));
    return bytes;
}

std::string TextOf(const std::vector<std::uint8_t>& bytes) { return ToBase64Url(bytes); }

// Decodes and verifies with the claimed event's key.
bool Accepted(std::string_view text, const EventPublicKey& key) {
    const auto payload = DecodePayload(text);
    return payload && VerifyPayload(*payload, key);
}

TEST(TicketPayload, RoundTripsEveryKindOfTicket) {
    const TicketMasterKey master = MasterKey(1);
    const std::vector<TicketClaims> cases = {
        Claims(1),
        Claims(1, /*rotating=*/true),
        {.event_id = EventId{0xffff'ffff},
         .ticket_id = TicketIdOf(9),
         .zone_index = 0xffff,
         .seat = 0xffff'ffff,
         .version = 0xffff'ffff,
         .rotating = false},
        {.event_id = EventId{0xffff'ffff},
         .ticket_id = TicketIdOf(9),
         .zone_index = 0,
         .seat = 0,
         .version = 4'000'000'000,
         .rotating = true},
        // General admission: the seat is the unit number within its order, from 0.
        {.event_id = EventId{42},
         .ticket_id = TicketIdOf(4),
         .zone_index = 5,
         .seat = 0,
         .version = 3,
         .rotating = false},
    };
    for (const TicketClaims& claims : cases) {
        const EventKeys keys = DeriveEventKeys(master, claims.event_id);
        const std::optional<std::uint32_t> code =
            claims.rotating ? std::optional<std::uint32_t>(0xdead'beef) : std::nullopt;
        const std::string text = EncodePayload(claims, keys.signing_key, code);
        EXPECT_EQ(text.size(), claims.rotating ? kRotatingPayloadChars : kStaticPayloadChars);
        const auto payload = DecodePayload(text);
        ASSERT_TRUE(payload.has_value()) << text;
        EXPECT_EQ(payload->claims(), claims);
        EXPECT_EQ(payload->code(), code);
        EXPECT_TRUE(VerifyPayload(*payload, keys.public_key));
    }
}

TEST(TicketPayload, MatchesAnIndependentEd25519) {
    // From Python's `cryptography` package, not from this code (docs/tickets.md gives the
    // derivation): the seed is BLAKE2b-256(key = bytes 1..32, "tix ticket signing v1" || 7 BE8).
    const EventKeys keys = DeriveEventKeys(MasterKey(1), EventId{7});
    EXPECT_EQ(
        EncodePayload(Claims(7), keys.signing_key),
        "AQAAAAcwMTIzNDU2Nzg5Ojs8PT4_AAIAAAB1AAAAAeqba92fIIuxekWeNXga4Wg4Ib6uh5VTmIkufZPTzeGIHck"
        "vaBVBSq9_W596JyG61iJm4J6vO6n7IaXc6bSAogg");
}

TEST(TicketPayload, TheLayoutIsTheDocumentedOne) {
    const EventKeys keys = DeriveEventKeys(MasterKey(1), EventId{0x0102'0304});
    TicketClaims claims = Claims(0x0102'0304, /*rotating=*/true);
    claims.zone_index = 0x0a0b;
    claims.seat = 0x0c0d'0e0f;
    claims.version = 0x1011'1213;
    const auto bytes = BytesOf(EncodePayload(claims, keys.signing_key, 0x1415'1617));
    ASSERT_EQ(bytes.size(), 99u);
    EXPECT_EQ(bytes[0], 0x02);
    EXPECT_EQ(std::vector<std::uint8_t>(bytes.begin() + 1, bytes.begin() + 5),
              (std::vector<std::uint8_t>{1, 2, 3, 4}));
    EXPECT_EQ(
        std::vector<std::uint8_t>(bytes.begin() + 5, bytes.begin() + 21),
        std::vector<std::uint8_t>(claims.ticket_id.bytes.begin(), claims.ticket_id.bytes.end()));
    EXPECT_EQ(
        std::vector<std::uint8_t>(bytes.begin() + 21, bytes.begin() + 31),
        (std::vector<std::uint8_t>{0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13}));
    EXPECT_EQ(std::vector<std::uint8_t>(bytes.begin() + 95, bytes.end()),
              (std::vector<std::uint8_t>{0x14, 0x15, 0x16, 0x17}));
}

TEST(TicketPayload, EncodingIsDeterministic) {
    const EventKeys keys = DeriveEventKeys(MasterKey(1), EventId{7});
    EXPECT_EQ(EncodePayload(Claims(7), keys.signing_key),
              EncodePayload(Claims(7), keys.signing_key));
}

TEST(TicketPayload, EveryFlippedBitOfAStaticPayloadIsRefused) {
    const EventKeys keys = DeriveEventKeys(MasterKey(1), EventId{7});
    const auto bytes = BytesOf(EncodePayload(Claims(7), keys.signing_key));
    ASSERT_EQ(bytes.size(), kStaticPayloadBytes);
    for (std::size_t bit = 0; bit < bytes.size() * 8; ++bit) {
        auto flipped = bytes;
        flipped[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
        // Either it no longer parses (the format byte) or the signature no longer holds.
        EXPECT_FALSE(Accepted(TextOf(flipped), keys.public_key)) << "bit " << bit;
    }
}

TEST(TicketPayload, EveryFlippedBitOfARotatingPayloadIsRefused) {
    const EventKeys keys = DeriveEventKeys(MasterKey(1), EventId{7});
    const TicketClaims claims = Claims(7, /*rotating=*/true);
    const TicketCodeSecret secret = DeriveTicketCodeSecret(keys.rotation_key, claims.ticket_id);
    const auto bytes = BytesOf(EncodePayload(claims, keys.signing_key, CurrentCode(secret, kNow)));
    ASSERT_EQ(bytes.size(), kRotatingPayloadBytes);
    for (std::size_t bit = 0; bit < bytes.size() * 8; ++bit) {
        auto flipped = bytes;
        flipped[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
        const std::string text = TextOf(flipped);
        if (bit < kStaticPayloadBytes * 8) {
            EXPECT_FALSE(Accepted(text, keys.public_key)) << "bit " << bit;
            continue;
        }
        // The code's 4 bytes are not signed (they change every 15 s): the signature still holds,
        // and it is the code check that refuses the flipped code.
        const auto payload = DecodePayload(text);
        ASSERT_TRUE(payload.has_value()) << "bit " << bit;
        EXPECT_TRUE(VerifyPayload(*payload, keys.public_key)) << "bit " << bit;
        EXPECT_FALSE(AcceptCode(secret, payload->code().value(), kNow)) << "bit " << bit;
    }
}

TEST(TicketPayload, TruncatedOrOversizedPayloadsAreRefused) {
    const EventKeys keys = DeriveEventKeys(MasterKey(1), EventId{7});
    for (const bool rotating : {false, true}) {
        const TicketClaims claims = Claims(7, rotating);
        const auto code = rotating ? std::optional<std::uint32_t>(5) : std::nullopt;
        const auto bytes = BytesOf(EncodePayload(claims, keys.signing_key, code));
        for (std::size_t length = 0; length < bytes.size(); ++length) {
            const std::vector<std::uint8_t> truncated(bytes.begin(), bytes.begin() + length);
            EXPECT_FALSE(DecodePayload(TextOf(truncated)).has_value()) << "length " << length;
        }
        for (const std::size_t extra : {1u, 2u, 100u, 10'000u}) {
            auto longer = bytes;
            longer.resize(bytes.size() + extra, 0);
            EXPECT_FALSE(DecodePayload(TextOf(longer)).has_value()) << "extra " << extra;
        }
    }
    // A static payload's length with the rotating format byte, and the other way round.
    auto static_bytes = BytesOf(EncodePayload(Claims(7), keys.signing_key));
    static_bytes[0] = kFormatRotating;
    EXPECT_FALSE(DecodePayload(TextOf(static_bytes)).has_value());
    auto rotating_bytes = BytesOf(EncodePayload(Claims(7, true), keys.signing_key, 5));
    rotating_bytes[0] = kFormatStatic;
    EXPECT_FALSE(DecodePayload(TextOf(rotating_bytes)).has_value());
}

TEST(TicketPayload, UnknownFormatBytesAreRefused) {
    const EventKeys keys = DeriveEventKeys(MasterKey(1), EventId{7});
    const auto bytes = BytesOf(EncodePayload(Claims(7), keys.signing_key));
    for (int format = 0; format < 256; ++format) {
        if (format == kFormatStatic || format == kFormatRotating) continue;
        for (const std::size_t length : {kStaticPayloadBytes, kRotatingPayloadBytes}) {
            auto other = bytes;
            other.resize(length, 0);
            other[0] = static_cast<std::uint8_t>(format);
            EXPECT_FALSE(DecodePayload(TextOf(other)).has_value()) << "format " << format;
        }
    }
}

TEST(TicketPayload, OnlyStrictBase64UrlIsAccepted) {
    const EventKeys keys = DeriveEventKeys(MasterKey(1), EventId{7});
    const std::string text = EncodePayload(Claims(7), keys.signing_key);
    ASSERT_TRUE(DecodePayload(text).has_value());
    EXPECT_FALSE(DecodePayload("").has_value());
    EXPECT_FALSE(DecodePayload(text + "=").has_value());  // padding
    EXPECT_FALSE(DecodePayload(text + "A").has_value());
    EXPECT_FALSE(DecodePayload(" " + text).has_value());
    EXPECT_FALSE(DecodePayload(text + "\n").has_value());
    EXPECT_FALSE(DecodePayload(text.substr(0, 60) + " " + text.substr(60)).has_value());
    // Bytes >= 0x80 too, which libsodium's own decoder takes for '_'.
    for (const char bad : {'+', '/', '.', '*', '=', '\0', '\x80', '\xc3', '\xff'}) {
        std::string other = text;
        other[40] = bad;
        EXPECT_FALSE(DecodePayload(other).has_value()) << "character " << int{bad};
    }
    // 95 bytes leave 2 unused bits in the last character: only the form with zeros is accepted,
    // so that each payload has one text (a scanner's log compares texts).
    std::string non_canonical = text;
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const std::size_t last = alphabet.find(text.back());
    ASSERT_EQ(last % 4, 0u);
    non_canonical.back() = alphabet[last + 1];
    EXPECT_FALSE(DecodePayload(non_canonical).has_value());
}

TEST(TicketPayload, AnotherEventsKeyDoesNotVerify) {
    const TicketMasterKey master = MasterKey(1);
    const EventKeys event_a = DeriveEventKeys(master, EventId{7});
    const EventKeys event_b = DeriveEventKeys(master, EventId{8});
    const auto payload = DecodePayload(EncodePayload(Claims(7), event_a.signing_key));
    ASSERT_TRUE(payload.has_value());
    EXPECT_TRUE(VerifyPayload(*payload, event_a.public_key));
    EXPECT_FALSE(VerifyPayload(*payload, event_b.public_key));
    // Nor does the same event under another master key (another deployment).
    const EventKeys other_master = DeriveEventKeys(MasterKey(2), EventId{7});
    EXPECT_FALSE(VerifyPayload(*payload, other_master.public_key));
}

TEST(TicketPayloadDeathTest, EventIdsBeyondFourBytesCannotBeEncoded) {
    const EventKeys keys = DeriveEventKeys(MasterKey(1), EventId{1ull << 32});
    EXPECT_DEATH(EncodePayload(Claims(1ull << 32), keys.signing_key), "event id");
}

TEST(TicketPayloadDeathTest, ACodeIffRotating) {
    const EventKeys keys = DeriveEventKeys(MasterKey(1), EventId{7});
    EXPECT_DEATH(EncodePayload(Claims(7, /*rotating=*/true), keys.signing_key), "code");
    EXPECT_DEATH(EncodePayload(Claims(7), keys.signing_key, 5), "code");
}

}  // namespace
}  // namespace tix::tickets
