#include "tickets/rotating_code.h"

#include <sodium.h>

#include <array>

#include "tickets/sodium_ready.h"

namespace tix::tickets {
namespace {

static_assert(TicketCodeSecret::kSize == crypto_auth_hmacsha256_KEYBYTES);
// One step as a duration type, so that std::chrono::floor rounds instants before 1970 down too.
using Step = std::chrono::duration<std::int64_t, std::ratio<15>>;
static_assert(Step{1} == kCodeStep);
static_assert(kCodeStepsAccepted == 2, "AcceptCode checks this step and the one before");

std::array<std::uint8_t, 4> CodeBytes(std::uint32_t code) {
    return {static_cast<std::uint8_t>(code >> 24), static_cast<std::uint8_t>(code >> 16),
            static_cast<std::uint8_t>(code >> 8), static_cast<std::uint8_t>(code)};
}

}  // namespace

std::int64_t StepAt(TimePoint t) { return std::chrono::floor<Step>(t).time_since_epoch().count(); }

TicketCodeSecret DeriveTicketCodeSecret(const RotationKey& rotation_key,
                                        const engine::TicketId& ticket_id) {
    EnsureSodium();
    TicketCodeSecret secret;
    crypto_generichash(secret.data(), secret.size(), ticket_id.bytes.data(), ticket_id.bytes.size(),
                       rotation_key.data(), rotation_key.size());
    return secret;
}

std::uint32_t CodeAt(const TicketCodeSecret& secret, std::int64_t step) {
    EnsureSodium();
    std::array<std::uint8_t, 8> message{};
    const auto unsigned_step = static_cast<std::uint64_t>(step);  // two's complement, as encoded
    for (std::size_t i = 0; i < message.size(); ++i) {
        message[i] = static_cast<std::uint8_t>(unsigned_step >> (56 - 8 * i));
    }
    std::array<std::uint8_t, crypto_auth_hmacsha256_BYTES> mac{};
    crypto_auth_hmacsha256(mac.data(), message.data(), message.size(), secret.data());
    return std::uint32_t{mac[0]} << 24 | std::uint32_t{mac[1]} << 16 | std::uint32_t{mac[2]} << 8 |
           std::uint32_t{mac[3]};
}

std::uint32_t CurrentCode(const TicketCodeSecret& secret, TimePoint now) {
    return CodeAt(secret, StepAt(now));
}

bool AcceptCode(const TicketCodeSecret& secret, std::uint32_t code, TimePoint scanned_at) {
    const std::int64_t step = StepAt(scanned_at);
    const auto presented = CodeBytes(code);
    const auto current = CodeBytes(CodeAt(secret, step));
    const auto previous = CodeBytes(CodeAt(secret, step - 1));
    // Both compared, whichever matches: the time taken says nothing about which one did.
    const bool is_current = sodium_memcmp(presented.data(), current.data(), 4) == 0;
    const bool is_previous = sodium_memcmp(presented.data(), previous.data(), 4) == 0;
    return is_current | is_previous;
}

}  // namespace tix::tickets
