#include "auth/token_signer.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <fstream>

#include "common/temp_dir.h"

namespace tix::auth {
namespace {

using namespace std::chrono_literals;

constexpr TimePoint kNow = FromUnixMillis(1'796'467'800'000);  // 2026-12-05T10:50:00Z

TokenKey KeyOf(unsigned char fill) {
    TokenKey key;
    key.fill(fill);
    return key;
}

std::string B64(std::string_view text) {
    std::string out(
        sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()),
                      text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.pop_back();
    return out;
}

// header.payload.signature of `token`.
std::vector<std::string> Parts(const std::string& token) {
    const auto a = token.find('.');
    const auto b = token.rfind('.');
    return {token.substr(0, a), token.substr(a + 1, b - a - 1), token.substr(b + 1)};
}

TEST(TokenSigner, RoundTripsClaims) {
    const TokenSigner signer(KeyOf(7));
    const std::string token = signer.Issue(UserId{42}, Role::kAdmin, kNow);
    EXPECT_EQ(Parts(token)[0], B64(R"({"alg":"HS256","typ":"JWT"})"));
    const VerifiedToken verified = signer.Verify(token, kNow);
    ASSERT_TRUE(verified.ok());
    EXPECT_EQ(verified.claims.user_id, UserId{42});
    EXPECT_EQ(verified.claims.role, Role::kAdmin);
    EXPECT_EQ(verified.claims.issued_at_s, ToUnixSeconds(kNow));
    EXPECT_EQ(verified.claims.expires_at_s, ToUnixSeconds(kNow) + 3600);
}

TEST(TokenSigner, ExpiresAfterLifetime) {
    const TokenSigner signer(KeyOf(7), std::chrono::seconds(60));
    const std::string token = signer.Issue(UserId{1}, Role::kUser, kNow);
    EXPECT_TRUE(signer.Verify(token, kNow + 59'999ms).ok());
    EXPECT_EQ(signer.Verify(token, kNow + 60s).verdict, TokenVerdict::kExpired);
    EXPECT_EQ(signer.Verify(token, kNow + 86'400'000ms).verdict, TokenVerdict::kExpired);
}

TEST(TokenSigner, RejectsOtherKeysAndTampering) {
    const TokenSigner signer(KeyOf(7));
    const TokenSigner other(KeyOf(8));
    const std::string token = signer.Issue(UserId{42}, Role::kUser, kNow);
    EXPECT_EQ(other.Verify(token, kNow).verdict, TokenVerdict::kBadSignature);

    // Promote ourselves to admin without re-signing.
    auto parts = Parts(token);
    const std::string forged_claims =
        B64(R"({"sub":"42","role":"admin","iat":1796467800,"exp":1796471400})");
    EXPECT_EQ(signer.Verify(parts[0] + "." + forged_claims + "." + parts[2], kNow).verdict,
              TokenVerdict::kBadSignature);

    // Flip one character of the signature.
    std::string tampered = token;
    tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
    EXPECT_NE(signer.Verify(tampered, kNow).verdict, TokenVerdict::kValid);
}

TEST(TokenSigner, RefusesBytesOutsideTheBase64UrlAlphabet) {
    const TokenSigner signer(KeyOf(7));
    // Until a token's signature has an '_' to stand in for, issue more.
    std::string token;
    for (std::uint64_t user = 1; token.empty() || token.rfind('_') < token.rfind('.'); ++user) {
        token = signer.Issue(UserId{user}, Role::kUser, kNow);
    }
    ASSERT_EQ(signer.Verify(token, kNow).verdict, TokenVerdict::kValid);
    // libsodium 1.0.18 decodes a byte >= 0x80 as it would '_': the same signature, respelled.
    std::string respelled = token;
    respelled[token.rfind('_')] = static_cast<char>(0xC0);
    EXPECT_NE(signer.Verify(respelled, kNow).verdict, TokenVerdict::kValid);
}

TEST(TokenSigner, RejectsAlgNoneAndOtherAlgorithms) {
    const TokenSigner signer(KeyOf(7));
    const auto parts = Parts(signer.Issue(UserId{42}, Role::kUser, kNow));
    for (const char* header :
         {R"({"alg":"none","typ":"JWT"})", R"({"alg":"HS512"})", R"({"alg":"hs256"})",
          R"({"typ":"JWT"})", R"({"alg":["HS256"]})", R"({"alg":"HS256","typ":"JWE"})",
          R"({"alg":"HS256","crit":["exp"]})"}) {
        EXPECT_EQ(signer.Verify(B64(header) + "." + parts[1] + ".", kNow).verdict,
                  TokenVerdict::kWrongAlgorithm)
            << header;
        EXPECT_EQ(signer.Verify(B64(header) + "." + parts[1] + "." + parts[2], kNow).verdict,
                  TokenVerdict::kWrongAlgorithm)
            << header;
    }
}

TEST(TokenSigner, RejectsMalformedTokens) {
    const TokenSigner signer(KeyOf(7));
    const std::string token = signer.Issue(UserId{42}, Role::kUser, kNow);
    const auto parts = Parts(token);
    for (const std::string& bad :
         {std::string(), std::string("abc"), std::string("a.b"), std::string("..."),
          std::string("a.b.c.d"), parts[0] + "." + parts[1], token + ".", "." + token,
          parts[0] + "=." + parts[1] + "." + parts[2],
          B64("not json") + "." + parts[1] + "." + parts[2],
          B64("[1]") + "." + parts[1] + "." + parts[2], token + std::string(kTokenBytesMax, 'A')}) {
        EXPECT_EQ(signer.Verify(bad, kNow).verdict, TokenVerdict::kMalformed) << bad;
    }
}

// Signs arbitrary claims with the real key, to test claim validation behind the signature.
std::string SignClaims(const TokenKey& key, std::string_view claims_json) {
    const std::string input = B64(R"({"alg":"HS256","typ":"JWT"})") + "." + B64(claims_json);
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                           key.data());
    return input + "." + B64({reinterpret_cast<const char*>(mac), sizeof(mac)});
}

// The issuer and audience every valid token carries, before the claims a test varies.
constexpr std::string_view kOurs = R"("iss":"tixd","aud":"tix-api",)";

std::string Claims(std::string_view rest) { return "{" + std::string(kOurs) + std::string(rest); }

TEST(TokenSigner, RequiresWellTypedClaims) {
    const TokenKey key = KeyOf(7);
    const TokenSigner signer(key);
    EXPECT_TRUE(
        signer
            .Verify(
                SignClaims(key,
                           Claims(R"("sub":"5","role":"user","iat":1796467800,"exp":1796471400})")),
                kNow)
            .ok());
    for (const char* claims : {
             R"("role":"user","iat":1796467800,"exp":1796471400})",
             R"("sub":"5","iat":1796467800,"exp":1796471400})",
             R"("sub":"5","role":"user","exp":1796471400})",
             R"("sub":"5","role":"user","iat":1796467800})",
             R"("sub":5,"role":"user","iat":1796467800,"exp":1796471400})",
             R"("sub":"0","role":"user","iat":1796467800,"exp":1796471400})",
             R"("sub":"-5","role":"user","iat":1796467800,"exp":1796471400})",
             R"("sub":"5x","role":"user","iat":1796467800,"exp":1796471400})",
             R"("sub":"5","role":"root","iat":1796467800,"exp":1796471400})",
             R"("sub":"5","role":"user","iat":1796467800,"exp":1796471400.5})",
             R"("sub":"5","role":"user","iat":1796467800,"exp":"1796471400"})",
             R"("sub":"5","role":"user","iat":1796467800,"exp":18446744073709551615})",
         }) {
        EXPECT_EQ(signer.Verify(SignClaims(key, Claims(claims)), kNow).verdict,
                  TokenVerdict::kMissingClaims)
            << claims;
    }
}

TEST(TokenSigner, IssuesItsIssuerAndAudience) {
    const TokenSigner signer(KeyOf(7));
    const std::string token = signer.Issue(UserId{42}, Role::kUser, kNow);
    std::string payload(Parts(token)[1].size(), '\0');
    std::size_t size = 0;
    ASSERT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(payload.data()), payload.size(),
                                Parts(token)[1].data(), Parts(token)[1].size(), nullptr, &size,
                                nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
              0);
    payload.resize(size);
    EXPECT_NE(payload.find(R"("iss":"tixd")"), std::string::npos) << payload;
    EXPECT_NE(payload.find(R"("aud":"tix-api")"), std::string::npos) << payload;
}

TEST(TokenSigner, RefusesAnotherOrNoIssuerOrAudience) {
    const TokenKey key = KeyOf(7);
    const TokenSigner signer(key);
    constexpr std::string_view kRest =
        R"("sub":"5","role":"user","iat":1796467800,"exp":1796471400)";
    const auto verdict = [&](std::string_view iss_aud) {
        return signer
            .Verify(SignClaims(key, "{" + std::string(iss_aud) + std::string(kRest) + "}"), kNow)
            .verdict;
    };
    // An array of audiences that holds ours is ours too (RFC 7519 §4.1.3).
    EXPECT_EQ(verdict(R"("iss":"tixd","aud":["other","tix-api"],)"), TokenVerdict::kValid);
    for (const char* iss : {R"("aud":"tix-api",)", R"("iss":"tixd2","aud":"tix-api",)",
                            R"("iss":"","aud":"tix-api",)", R"("iss":["tixd"],"aud":"tix-api",)",
                            R"("iss":null,"aud":"tix-api",)"}) {
        EXPECT_EQ(verdict(iss), TokenVerdict::kWrongIssuer) << iss;
    }
    for (const char* aud : {R"("iss":"tixd",)", R"("iss":"tixd","aud":"tix-admin",)",
                            R"("iss":"tixd","aud":[],)", R"("iss":"tixd","aud":["tix-apis"],)",
                            R"("iss":"tixd","aud":7,)", R"("iss":"tixd","aud":"TIX-API",)"}) {
        EXPECT_EQ(verdict(aud), TokenVerdict::kWrongAudience) << aud;
    }
}

TEST(TokenSigner, CreatesKeyFileOnceWithMode0600) {
    TempDir dir;
    const std::string path = dir.File("secret.key");
    auto first = TokenSigner::FromKeyFile(path);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_EQ(info.st_size, 32);

    auto second = TokenSigner::FromKeyFile(path);  // same key: tokens survive a restart
    ASSERT_TRUE(second.ok());
    const std::string token = first->Issue(UserId{9}, Role::kUser, kNow);
    EXPECT_TRUE(second->Verify(token, kNow).ok());
}

TEST(TokenSigner, RefusesBadKeyFiles) {
    TempDir dir;
    const std::string short_key = dir.File("short.key");
    std::ofstream(short_key) << "too short";
    ::chmod(short_key.c_str(), 0600);
    EXPECT_EQ(TokenSigner::FromKeyFile(short_key).status().code(), Status::Code::kCorruption);

    const std::string open_key = dir.File("open.key");
    std::ofstream(open_key) << std::string(32, 'k');
    ::chmod(open_key.c_str(), 0644);
    EXPECT_FALSE(TokenSigner::FromKeyFile(open_key).ok());

    EXPECT_FALSE(TokenSigner::FromKeyFile(dir.File("missing-dir/secret.key")).ok());
}

TEST(TokenSigner, ReadsHexKeys) {
    const std::string hex(64, 'a');
    auto signer = TokenSigner::FromHexKey(hex);
    ASSERT_TRUE(signer.ok());
    const TokenSigner same(KeyOf(0xaa));
    EXPECT_TRUE(same.Verify(signer->Issue(UserId{3}, Role::kUser, kNow), kNow).ok());
    for (const std::string& bad : {std::string(63, 'a'), std::string(66, 'a'), std::string(64, 'g'),
                                   std::string(62, 'a') + "  "}) {
        EXPECT_EQ(TokenSigner::FromHexKey(bad).status().code(), Status::Code::kInvalidArgument);
    }
}

}  // namespace
}  // namespace tix::auth
