#include "payments/webhook_signature.h"

#include <sodium.h>

#include <array>
#include <charconv>
#include <vector>

namespace tix::payments {
namespace {

using Mac = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

Mac MacOf(std::string_view secret, std::int64_t unix_seconds, std::string_view body) {
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                                secret.size());
    const std::string prefix = std::to_string(unix_seconds) + ".";
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(prefix.data()),
                                  prefix.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                  body.size());
    Mac mac;
    crypto_auth_hmacsha256_final(&state, mac.data());
    return mac;
}

bool DecodeHexMac(std::string_view hex, Mac& mac) {
    std::size_t size = 0;
    const char* end = nullptr;
    return hex.size() == mac.size() * 2 &&
           sodium_hex2bin(mac.data(), mac.size(), hex.data(), hex.size(), nullptr, &size, &end) ==
               0 &&
           size == mac.size() && end == hex.data() + hex.size();
}

struct ParsedHeader {
    std::int64_t unix_seconds = -1;
    std::vector<Mac> macs;
};

// "t=...,v1=...,v1=..."; other schemes (v0=, ...) are ignored, as receivers of such schemes do.
SignatureCheck Parse(std::string_view header, ParsedHeader& parsed) {
    if (header.size() > kSignatureHeaderMax) return SignatureCheck::kMalformed;
    while (!header.empty()) {
        const std::size_t comma = header.find(',');
        const std::string_view part = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        const std::size_t equals = part.find('=');
        if (equals == std::string_view::npos) return SignatureCheck::kMalformed;
        const std::string_view key = part.substr(0, equals);
        const std::string_view value = part.substr(equals + 1);
        if (key == "t") {
            std::int64_t t = 0;
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), t);
            if (ec != std::errc() || end != value.data() + value.size() || t < 0 ||
                parsed.unix_seconds != -1) {
                return SignatureCheck::kMalformed;
            }
            parsed.unix_seconds = t;
        } else if (key == "v1") {
            Mac mac;
            if (!DecodeHexMac(value, mac)) return SignatureCheck::kMalformed;
            parsed.macs.push_back(mac);
        }
    }
    if (parsed.unix_seconds == -1 || parsed.macs.empty()) return SignatureCheck::kMissing;
    return SignatureCheck::kOk;
}

}  // namespace

std::string_view ToString(SignatureCheck check) {
    switch (check) {
        case SignatureCheck::kOk:
            return "ok";
        case SignatureCheck::kMissing:
            return "missing";
        case SignatureCheck::kMalformed:
            return "malformed";
        case SignatureCheck::kStale:
            return "stale";
        case SignatureCheck::kMismatch:
            return "mismatch";
    }
    return "unknown";
}

std::string SignatureOf(std::string_view secret, std::int64_t unix_seconds, std::string_view body) {
    const Mac mac = MacOf(secret, unix_seconds, body);
    std::string hex(mac.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
    hex.pop_back();
    return hex;
}

std::string SignatureHeaderValue(std::string_view secret, TimePoint now, std::string_view body) {
    const std::int64_t t = ToUnixSeconds(now);
    return "t=" + std::to_string(t) + ",v1=" + SignatureOf(secret, t, body);
}

SignatureCheck VerifySignature(std::string_view header, std::string_view body,
                               std::span<const std::string> secrets, TimePoint now,
                               std::chrono::seconds tolerance) {
    if (header.empty()) return SignatureCheck::kMissing;
    ParsedHeader parsed;
    if (const SignatureCheck check = Parse(header, parsed); check != SignatureCheck::kOk) {
        return check;
    }
    const std::int64_t skew = ToUnixSeconds(now) - parsed.unix_seconds;
    if (skew > tolerance.count() || -skew > tolerance.count()) return SignatureCheck::kStale;
    for (const std::string& secret : secrets) {
        const Mac expected = MacOf(secret, parsed.unix_seconds, body);
        for (const Mac& presented : parsed.macs) {
            if (sodium_memcmp(expected.data(), presented.data(), expected.size()) == 0) {
                return SignatureCheck::kOk;
            }
        }
    }
    return SignatureCheck::kMismatch;
}

}  // namespace tix::payments
