// The cost of a ticket's QR payload, per ticket: what a gate spends to admit a scan offline
// (issue 10: "offline verify time per scan") and what tixd spends to issue one. Run a Release
// build: build/release/src/tickets/ticket_payload_bench
//   Payload/Verify/Static:    DecodePayload + VerifyPayload (Ed25519): an offline scan of a
//                             static QR code, given the event's public key from the bundle
//   Payload/Verify/Rotating:  the same + the ticket's code secret (BLAKE2b) + AcceptCode (two
//                             HMAC-SHA256): an offline scan of a rotating code
//   Payload/Decode:           DecodePayload alone (strict base64url and the fields)
//   Payload/RotatingCode:     the code secret + AcceptCode alone: what rotation adds to a scan
//   Payload/Issue/Static:     EncodePayload (an Ed25519 signature): a QR payload made for its
//   holder Payload/Issue/Rotating:   the code secret + the current code + EncodePayload
//   Keys/DeriveEventKeys:     an event's keys from the master key (once per event, then cached)
// Each cycles through 1,024 different tickets, as a gate sees them.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tickets/rotating_code.h"
#include "tickets/ticket_keys.h"
#include "tickets/ticket_payload.h"

namespace tix::tickets {
namespace {

constexpr std::size_t kTickets = 1'024;
const TimePoint kNow = FromUnixMillis(1'790'000'000'000);
constexpr EventId kEvent{42};

TicketMasterKey Master() {
    TicketMasterKey key;
    for (std::size_t i = 0; i < key.size(); ++i) key.data()[i] = static_cast<std::uint8_t>(7 * i);
    return key;
}

const EventKeys& Keys() {
    static const EventKeys keys = DeriveEventKeys(Master(), kEvent);
    return keys;
}

TicketClaims ClaimsOf(std::size_t n, bool rotating) {
    TicketClaims claims{.event_id = kEvent,
                        .zone_index = static_cast<std::uint16_t>(n % 6),
                        .seat = static_cast<std::uint32_t>(n),
                        .version = 1,
                        .rotating = rotating};
    // Ticket ids look random (tixd derives them with a keyed hash): any mixing will do here.
    std::uint64_t x = (n + 1) * 0x9e37'79b9'7f4a'7c15ull;
    for (std::uint8_t& byte : claims.ticket_id.bytes) {
        x = (x ^ (x >> 31)) * 0xbf58'476d'1ce4'e5b9ull;
        byte = static_cast<std::uint8_t>(x >> 56);
    }
    return claims;
}

std::optional<std::uint32_t> CodeOf(const TicketClaims& claims) {
    if (!claims.rotating) return std::nullopt;
    return CurrentCode(DeriveTicketCodeSecret(Keys().rotation_key, claims.ticket_id), kNow);
}

// What the gates scan: every ticket's payload text as its holder shows it at kNow.
std::vector<std::string> Payloads(bool rotating) {
    std::vector<std::string> payloads;
    for (std::size_t n = 0; n < kTickets; ++n) {
        const TicketClaims claims = ClaimsOf(n, rotating);
        payloads.push_back(EncodePayload(claims, Keys().signing_key, CodeOf(claims)));
    }
    return payloads;
}

void BM_Verify(benchmark::State& state, bool rotating) {
    const std::vector<std::string> payloads = Payloads(rotating);
    const EventPublicKey& key = Keys().public_key;
    std::size_t n = 0;
    benchmark::IterationCount admitted = 0;
    for (auto _ : state) {
        const std::optional<DecodedPayload> decoded = DecodePayload(payloads[n++ % kTickets]);
        bool ok = decoded && VerifyPayload(*decoded, key);
        if (ok && rotating) {
            const TicketCodeSecret secret =
                DeriveTicketCodeSecret(Keys().rotation_key, decoded->claims().ticket_id);
            ok = decoded->code() && AcceptCode(secret, *decoded->code(), kNow);
        }
        admitted += ok;
        benchmark::DoNotOptimize(admitted);
    }
    if (admitted != state.iterations()) state.SkipWithError("a valid payload was refused");
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_Verify, Static, false)->Name("Payload/Verify/Static");
BENCHMARK_CAPTURE(BM_Verify, Rotating, true)->Name("Payload/Verify/Rotating");

void BM_Decode(benchmark::State& state) {
    const std::vector<std::string> payloads = Payloads(false);
    std::size_t n = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(DecodePayload(payloads[n++ % kTickets]));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Decode)->Name("Payload/Decode");

void BM_RotatingCode(benchmark::State& state) {
    std::vector<DecodedPayload> decoded;
    for (const std::string& payload : Payloads(true)) decoded.push_back(*DecodePayload(payload));
    std::size_t n = 0;
    for (auto _ : state) {
        const DecodedPayload& payload = decoded[n++ % kTickets];
        const TicketCodeSecret secret =
            DeriveTicketCodeSecret(Keys().rotation_key, payload.claims().ticket_id);
        benchmark::DoNotOptimize(AcceptCode(secret, *payload.code(), kNow));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RotatingCode)->Name("Payload/RotatingCode");

void BM_Issue(benchmark::State& state, bool rotating) {
    std::vector<TicketClaims> claims;
    for (std::size_t n = 0; n < kTickets; ++n) claims.push_back(ClaimsOf(n, rotating));
    std::size_t n = 0;
    for (auto _ : state) {
        const TicketClaims& ticket = claims[n++ % kTickets];
        benchmark::DoNotOptimize(EncodePayload(ticket, Keys().signing_key, CodeOf(ticket)));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_Issue, Static, false)->Name("Payload/Issue/Static");
BENCHMARK_CAPTURE(BM_Issue, Rotating, true)->Name("Payload/Issue/Rotating");

void BM_DeriveEventKeys(benchmark::State& state) {
    const TicketMasterKey master = Master();
    std::uint64_t event = 1;
    for (auto _ : state) benchmark::DoNotOptimize(DeriveEventKeys(master, EventId{event++}));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DeriveEventKeys)->Name("Keys/DeriveEventKeys");

}  // namespace
}  // namespace tix::tickets

BENCHMARK_MAIN();
