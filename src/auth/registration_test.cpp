#include "auth/registration.h"

#include <gtest/gtest.h>

#include "common/temp_dir.h"

namespace tix::auth {
namespace {

TEST(Registration, AcceptsOrdinaryEmails) {
    for (const char* email : {"ana@example.com", "a.b+tag@sub.example.co.uk", "x@y.z",
                              "ANA@EXAMPLE.COM", "\xC3\xBC@b\xC3\xBC.de"}) {
        EXPECT_TRUE(IsValidEmail(email)) << email;
    }
}

TEST(Registration, RejectsBadEmails) {
    const std::string long_local = std::string(65, 'a') + "@example.com";
    const std::string too_long = "a@" + std::string(250, 'b') + ".com";
    for (const std::string& email :
         {std::string(), std::string("ana"), std::string("@example.com"), std::string("ana@"),
          std::string("ana@example"), std::string("ana@@example.com"), std::string("a@b@c.com"),
          std::string("ana @example.com"), std::string("ana@exa mple.com"),
          std::string("ana@example.com\n"), std::string("ana\t@example.com"),
          std::string("ana@.example.com"), std::string("ana@example.com."),
          std::string("ana@example..com"), std::string("ana@ex\x7f.com"), long_local, too_long}) {
        EXPECT_FALSE(IsValidEmail(email)) << email;
    }
    EXPECT_TRUE(IsValidEmail(std::string(64, 'a') + "@example.com"));
}

TEST(Registration, ChecksPasswordAndNameLengths) {
    const auto check = [](std::string_view password, std::string_view name) {
        return CheckNewUser("ana@example.com", password, name);
    };
    constexpr std::string_view kStrong = "river-otter-42";
    EXPECT_EQ(check(kStrong, "Ana"), CredentialProblem::kNone);
    EXPECT_EQ(check("otter42", "Ana"), CredentialProblem::kWeakPassword);
    EXPECT_EQ(check("otter42!", "Ana"), CredentialProblem::kNone);
    EXPECT_EQ(check("", "Ana"), CredentialProblem::kWeakPassword);
    EXPECT_EQ(check("\u00fcber-m\u00e4t", "Ana"), CredentialProblem::kNone);  // 10 bytes, 8 chars
    EXPECT_EQ(check("\u00fcber-m\u00e4", "Ana"), CredentialProblem::kWeakPassword);  // 7 chars
    EXPECT_EQ(check("\xC3\xBC\xC3\xA4\xC3\xB6\xC3\x9F", "Ana"),  // 8 bytes, 4 characters
              CredentialProblem::kWeakPassword);
    EXPECT_EQ(check(std::string(1023, 'p') + "q", "Ana"), CredentialProblem::kNone);
    EXPECT_EQ(check(std::string(1024, 'p') + "q", "Ana"), CredentialProblem::kPasswordTooLong);
    EXPECT_EQ(check(kStrong, ""), CredentialProblem::kInvalidName);
    EXPECT_EQ(check(kStrong, std::string(200, 'n')), CredentialProblem::kNone);
    EXPECT_EQ(check(kStrong, std::string(201, 'n')), CredentialProblem::kInvalidName);
    EXPECT_EQ(check(kStrong, "Ana\nBob"), CredentialProblem::kInvalidName);
    EXPECT_EQ(CheckNewUser("nope", kStrong, "Ana"), CredentialProblem::kInvalidEmail);
}

TEST(Registration, RefusesCommonAndSimplePasswordsAsWeak) {
    const auto check = [](std::string_view password) {
        return CheckNewUser("ana@example.com", password, "Ana");
    };
    EXPECT_EQ(check("Password1"), CredentialProblem::kCommonPassword);
    EXPECT_EQ(check("iloveyou"), CredentialProblem::kCommonPassword);
    EXPECT_EQ(check("12345678"), CredentialProblem::kCommonPassword);
    EXPECT_EQ(check("23456789"), CredentialProblem::kSimplePassword);
    EXPECT_EQ(check("zzzzzzzz"), CredentialProblem::kCommonPassword);
    EXPECT_EQ(check("ZZZZZZZZZZZZ"), CredentialProblem::kSimplePassword);
    EXPECT_EQ(check(std::string(1024, 'p')), CredentialProblem::kSimplePassword);
    EXPECT_EQ(Describe(CredentialProblem::kCommonPassword),
              "password is one of the most common passwords; choose another");
    EXPECT_EQ(Describe(CredentialProblem::kSimplePassword),
              "password is one character repeated or a plain sequence; choose another");
}

TEST(Registration, CreatesUsersOffline) {
    TempDir dir;
    auto users = UserDirectory::Open(dir.File("tix.db"));
    ASSERT_TRUE(users.ok());
    PasswordHasher::Options options;
    options.cost = HashCost::kMinimum;
    const PasswordHasher hasher(options);

    auto admin = CreateUserOffline(**users, hasher, "Root@Example.com", "correct horse", "Root",
                                   Role::kAdmin, FromUnixMillis(1000));
    ASSERT_TRUE(admin.ok()) << admin.status().ToString();
    EXPECT_EQ(admin->role, Role::kAdmin);
    EXPECT_TRUE(hasher.Verify(admin->password_hash, "correct horse"));

    auto again = CreateUserOffline(**users, hasher, "root@example.com", "correct horse", "Root",
                                   Role::kUser, FromUnixMillis(1000));
    EXPECT_EQ(again.status().code(), Status::Code::kAlreadyExists);
    auto weak = CreateUserOffline(**users, hasher, "x@example.com", "short", "X", Role::kUser,
                                  FromUnixMillis(1));
    EXPECT_EQ(weak.status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(weak.status().message(), "password must be at least 8 characters");
    EXPECT_EQ((*users)->size(), 1u);
}

}  // namespace
}  // namespace tix::auth
