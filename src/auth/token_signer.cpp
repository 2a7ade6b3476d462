#include "auth/token_signer.h"

#include <sodium.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <charconv>
#include <cstring>
#include <optional>

#include "auth/sodium_setup.h"
#include "auth/user_directory.h"
#include "common/key_file.h"

namespace tix::auth {
namespace {

// Always the same header, so its encoding is a constant.
constexpr std::string_view kHeaderJson = R"({"alg":"HS256","typ":"JWT"})";
constexpr int kBase64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

std::string Base64Url(const unsigned char* data, std::size_t size) {
    std::string out(sodium_base64_ENCODED_LEN(size, kBase64Variant), '\0');
    sodium_bin2base64(out.data(), out.size(), data, size, kBase64Variant);
    out.resize(out.size() - 1);  // the encoder writes a NUL terminator
    return out;
}

std::string Base64Url(std::string_view text) {
    return Base64Url(reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

// Strict decoding: no padding, no whitespace, canonical trailing bits.
bool IsBase64UrlChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

bool DecodeBase64Url(std::string_view encoded, std::string& out) {
    // libsodium 1.0.18 decodes any byte >= 0x80 as '_': two spellings of one signature would
    // both verify. Only the alphabet passes.
    for (const char c : encoded) {
        if (!IsBase64UrlChar(c)) return false;
    }
    out.assign(encoded.size(), '\0');  // decoding never grows
    std::size_t size = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), encoded.data(),
                          encoded.size(), nullptr, &size, nullptr, kBase64Variant) != 0) {
        return false;
    }
    out.resize(size);
    return true;
}

// The JSON object encoded in one token part, or nullopt.
std::optional<boost::json::object> DecodeJsonPart(std::string_view part) {
    std::string json;
    if (part.empty() || !DecodeBase64Url(part, json)) return std::nullopt;
    boost::json::error_code ec;
    boost::json::value value = boost::json::parse(json, ec);
    if (ec || !value.is_object()) return std::nullopt;
    return std::move(value.get_object());
}

// RFC 7519 §4.1.3: "aud" is one string or an array of strings; ours must be among them.
bool NamesOurAudience(const boost::json::value* aud) {
    if (aud == nullptr) return false;
    if (aud->is_string()) return aud->get_string() == kTokenAudience;
    if (!aud->is_array()) return false;
    for (const boost::json::value& each : aud->get_array()) {
        if (each.is_string() && each.get_string() == kTokenAudience) return true;
    }
    return false;
}

std::optional<std::int64_t> IntClaim(const boost::json::object& claims, std::string_view name) {
    const boost::json::value* value = claims.if_contains(name);
    if (value == nullptr || !value->is_int64()) return std::nullopt;
    return value->get_int64();
}

}  // namespace

TokenSigner::TokenSigner(const TokenKey& key, std::chrono::seconds lifetime)
    : key_(key), lifetime_(lifetime), instance_id_(NextInstanceId()) {
    EnsureSodium();
}

TokenSigner::~TokenSigner() { sodium_memzero(key_.data(), key_.size()); }

Result<TokenSigner> TokenSigner::FromKeyFile(const std::string& path,
                                             std::chrono::seconds lifetime) {
    EnsureSodium();
    TokenKey fresh;
    randombytes_buf(fresh.data(), fresh.size());
    TokenKey key;
    const Status status = LoadOrCreateKeyFile(path, key, fresh, "the token key");
    sodium_memzero(fresh.data(), fresh.size());
    if (!status.ok()) {
        sodium_memzero(key.data(), key.size());
        return status;
    }
    TokenSigner signer(key, lifetime);
    sodium_memzero(key.data(), key.size());
    return signer;
}

Result<TokenSigner> TokenSigner::FromHexKey(std::string_view hex, std::chrono::seconds lifetime) {
    EnsureSodium();
    TokenKey key;
    std::size_t size = 0;
    const char* end = nullptr;
    if (hex.size() != kTokenKeyBytes * 2 ||
        sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &size, &end) != 0 ||
        size != kTokenKeyBytes || end != hex.data() + hex.size()) {
        return Status::InvalidArgument("token key must be 64 hex digits");
    }
    TokenSigner signer(key, lifetime);
    sodium_memzero(key.data(), key.size());
    return signer;
}

std::string TokenSigner::Sign(std::string_view signing_input) const {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(signing_input.data()),
                           signing_input.size(), key_.data());
    return Base64Url(mac, sizeof(mac));
}

std::string TokenSigner::Issue(UserId user_id, Role role, TimePoint now) const {
    const std::int64_t issued_at_s = ToUnixSeconds(now);
    boost::json::object claims;
    claims["iss"] = kTokenIssuer;
    claims["aud"] = kTokenAudience;
    claims["sub"] = std::to_string(user_id.value());
    claims["role"] = RoleName(role);
    claims["iat"] = issued_at_s;
    claims["exp"] = issued_at_s + lifetime_.count();
    std::string token = Base64Url(kHeaderJson) + "." + Base64Url(boost::json::serialize(claims));
    const std::string signature = Sign(token);
    token += ".";
    token += signature;
    return token;
}

std::uint64_t TokenSigner::NextInstanceId() {
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
}

VerifiedToken TokenSigner::Verify(std::string_view token, TimePoint now) const {
    VerifiedToken result;
    const std::size_t first_dot = token.find('.');
    const std::size_t last_dot = token.rfind('.');
    if (token.size() > kTokenBytesMax || first_dot == std::string_view::npos ||
        first_dot == last_dot || token.find('.', first_dot + 1) != last_dot) {
        return result;  // kMalformed
    }
    const std::string_view signing_input = token.substr(0, last_dot);
    const auto header = DecodeJsonPart(token.substr(0, first_dot));
    if (!header) return result;
    const boost::json::value* alg = header->if_contains("alg");
    const boost::json::value* typ = header->if_contains("typ");
    if (alg == nullptr || !alg->is_string() || alg->get_string() != "HS256" ||
        (typ != nullptr && (!typ->is_string() || typ->get_string() != "JWT")) ||
        header->contains("crit")) {
        result.verdict = TokenVerdict::kWrongAlgorithm;
        return result;
    }
    std::string mac;
    if (!DecodeBase64Url(token.substr(last_dot + 1), mac) ||
        mac.size() != crypto_auth_hmacsha256_BYTES) {
        return result;
    }
    if (crypto_auth_hmacsha256_verify(reinterpret_cast<const unsigned char*>(mac.data()),
                                      reinterpret_cast<const unsigned char*>(signing_input.data()),
                                      signing_input.size(), key_.data()) != 0) {
        result.verdict = TokenVerdict::kBadSignature;
        return result;
    }
    const auto claims = DecodeJsonPart(token.substr(first_dot + 1, last_dot - first_dot - 1));
    if (!claims) return result;

    result.verdict = TokenVerdict::kMissingClaims;
    const boost::json::value* sub = claims->if_contains("sub");
    const boost::json::value* role = claims->if_contains("role");
    const auto issued_at_s = IntClaim(*claims, "iat");
    const auto expires_at_s = IntClaim(*claims, "exp");
    if (sub == nullptr || !sub->is_string() || role == nullptr || !role->is_string() ||
        !issued_at_s || !expires_at_s) {
        return result;
    }
    const auto& sub_text = sub->get_string();
    std::uint64_t user_id = 0;
    const auto [end, ec] =
        std::from_chars(sub_text.data(), sub_text.data() + sub_text.size(), user_id);
    if (ec != std::errc() || end != sub_text.data() + sub_text.size() || user_id == 0) {
        return result;
    }
    const std::optional<Role> parsed_role = ParseRole(role->get_string());
    if (!parsed_role) return result;
    result.claims.role = *parsed_role;
    const boost::json::value* iss = claims->if_contains("iss");
    if (iss == nullptr || !iss->is_string() || iss->get_string() != kTokenIssuer) {
        result.verdict = TokenVerdict::kWrongIssuer;
        return result;
    }
    if (!NamesOurAudience(claims->if_contains("aud"))) {
        result.verdict = TokenVerdict::kWrongAudience;
        return result;
    }
    result.claims.user_id = UserId{user_id};
    result.claims.issued_at_s = *issued_at_s;
    result.claims.expires_at_s = *expires_at_s;
    // Compare in seconds: exp * 1000 could overflow for a hostile (but validly signed) exp.
    const bool expired = ToUnixSeconds(now) >= *expires_at_s;
    result.verdict = expired ? TokenVerdict::kExpired : TokenVerdict::kValid;
    return result;
}

}  // namespace tix::auth
