// base64url without padding (RFC 4648 §5), the text form of QR payloads and published keys:
// only [A-Za-z0-9_-], so it survives URLs, JSON, QR scanner apps and keyboard-wedge scanners
// unchanged. Decoding is strict: no padding, no whitespace, no other characters, canonical
// trailing bits, so every byte string has exactly one text form. Pure functions, any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tix::tickets {

std::string ToBase64Url(std::span<const std::uint8_t> bytes);

// Decodes `text` into `out`; the number of bytes decoded, or nullopt when the text is not strict
// base64url or decodes to more than out.size() bytes.
std::optional<std::size_t> FromBase64Url(std::string_view text, std::span<std::uint8_t> out);

// Decodes `text` only if it holds exactly out.size() bytes.
bool FromBase64UrlExact(std::string_view text, std::span<std::uint8_t> out);

}  // namespace tix::tickets
