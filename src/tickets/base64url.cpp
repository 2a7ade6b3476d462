#include "tickets/base64url.h"

#include <sodium.h>

namespace tix::tickets {
namespace {

constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

bool IsBase64UrlCharacter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

}  // namespace

std::string ToBase64Url(std::span<const std::uint8_t> bytes) {
    std::string text(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), kVariant);
    text.pop_back();  // the encoder writes a NUL terminator
    return text;
}

std::optional<std::size_t> FromBase64Url(std::string_view text, std::span<std::uint8_t> out) {
    // Refuse what cannot fit before decoding anything (4 characters carry 3 bytes).
    if (text.size() > (out.size() * 4 + 2) / 3) return std::nullopt;
    // libsodium 1.0.18 decodes every byte >= 0x80 as '_' (63): checked here, or one payload
    // would have 2^7 more texts, each a valid ticket.
    for (const char c : text) {
        if (!IsBase64UrlCharacter(c)) return std::nullopt;
    }
    std::size_t size = 0;
    // No `ignore` characters and no end pointer: anything outside the alphabet fails the call.
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &size, nullptr,
                          kVariant) != 0) {
        return std::nullopt;
    }
    return size;
}

bool FromBase64UrlExact(std::string_view text, std::span<std::uint8_t> out) {
    const auto size = FromBase64Url(text, out);
    return size && *size == out.size();
}

}  // namespace tix::tickets
