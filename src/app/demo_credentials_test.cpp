#include "app/demo_credentials.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "app/demo.h"
#include "auth/registration.h"

namespace tix::app {
namespace {

TEST(DemoCredentials, LoopbackHostsAreOnlyThoseOfThisMachine) {
    for (const char* host :
         {"127.0.0.1", "127.0.0.53", "127.255.255.254", "::1", "localhost", "::ffff:127.0.0.1"}) {
        EXPECT_TRUE(IsLoopbackHost(host)) << host;
    }
    for (const char* host :
         {"0.0.0.0", "::", "10.0.0.1", "192.168.1.10", "203.0.113.5", "128.0.0.1", "::2",
          "::ffff:10.0.0.1", "fe80::1", "", "127.0.0.1.example", "localhost.example", "LOCALHOST ",
          "tix.example"}) {
        EXPECT_FALSE(IsLoopbackHost(host)) << host;
    }
}

TEST(DemoCredentials, LoopbackGetsThePublishedPasswordAnyOtherAddressAGeneratedOne) {
    const DemoAdminCredentials loopback = DemoAdminCredentialsFor("127.0.0.1");
    EXPECT_TRUE(loopback.published);
    EXPECT_EQ(loopback.password, kDemoAdminPassword);
    for (const char* host : {"0.0.0.0", "::", "192.168.1.10"}) {
        const DemoAdminCredentials open = DemoAdminCredentialsFor(host);
        EXPECT_FALSE(open.published) << host;
        EXPECT_NE(open.password, kDemoAdminPassword) << host;
        EXPECT_EQ(open.password.size(), kGeneratedPasswordChars) << host;
    }
    EXPECT_NE(DemoAdminCredentialsFor("0.0.0.0").password,
              DemoAdminCredentialsFor("0.0.0.0").password)
        << "a new password for every start";
}

// Strength: each password is 20 characters of the 56-letter alphabet (~116 bits) that the
// account rules accept; over many draws every letter of the alphabet turns up (a draw from a
// smaller set, or a stuck generator, would not) and no password repeats.
TEST(DemoCredentials, GeneratedPasswordsAreLongUniformlyDrawnAndAccepted) {
    constexpr int kDraws = 500;
    std::set<std::string> seen;
    std::set<char> letters;
    for (int i = 0; i < kDraws; ++i) {
        const std::string password = GeneratePassword();
        ASSERT_EQ(password.size(), kGeneratedPasswordChars);
        for (const char c : password) {
            ASSERT_NE(kGeneratedPasswordAlphabet.find(c), std::string_view::npos) << password;
            letters.insert(c);
        }
        EXPECT_EQ(auth::CheckNewUser(kDemoAdminEmail, password, "Demo Admin"),
                  auth::CredentialProblem::kNone)
            << password;
        seen.insert(password);
    }
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(kDraws));
    // 10,000 draws of 56 letters: a given letter is missing with odds (55/56)^10000 ≈ 1e-78.
    EXPECT_EQ(letters.size(), kGeneratedPasswordAlphabet.size());
}

}  // namespace
}  // namespace tix::app
