#include "auth/password_strength.h"

#include <gtest/gtest.h>

#include <string>

#include "auth/common_passwords.h"

namespace tix::auth {
namespace {

TEST(PasswordStrength, TheListHoldsAboutTheTopThousand) {
    EXPECT_GE(CommonPasswordCount(), 900u);
    EXPECT_LE(CommonPasswordCount(), 1'200u);
    for (const char* common : {"password", "iloveyou", "sunshine", "princess", "football",
                               "qwertyuiop", "1q2w3e4r", "trustno1", "baseball", "superman",
                               "zaq12wsx", "password1", "welcome123", "starwars", "michelle"}) {
        EXPECT_TRUE(IsCommonPassword(common)) << common;
        EXPECT_EQ(FindPasswordWeakness(common), PasswordWeakness::kCommon) << common;
    }
}

TEST(PasswordStrength, TheListIgnoresAsciiCaseOnly) {
    EXPECT_TRUE(IsCommonPassword("PASSWORD"));
    EXPECT_TRUE(IsCommonPassword("PassWord123"));
    EXPECT_TRUE(IsCommonPassword("ILoveYou"));
    EXPECT_FALSE(IsCommonPassword("password-123"));
    EXPECT_FALSE(IsCommonPassword("passwor"));
    EXPECT_FALSE(IsCommonPassword("passwordd"));
    EXPECT_FALSE(IsCommonPassword(""));
    EXPECT_FALSE(IsCommonPassword(std::string(1024, 'x')));
}

TEST(PasswordStrength, OneCharacterRepeatedIsWeak) {
    for (const char* repeated :
         {"kkkkkkkk", "KkKkKkKk", "########", "1111111111111",
          "\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4"}) {
        EXPECT_EQ(FindPasswordWeakness(repeated), PasswordWeakness::kRepeated) << repeated;
    }
    for (const char* mixed : {"kkkkkkkj", "kkkkkkkkK1", "\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA5"}) {
        EXPECT_EQ(FindPasswordWeakness(mixed), PasswordWeakness::kNone) << mixed;
    }
}

TEST(PasswordStrength, PlainSequencesEitherWayAreWeak) {
    for (const char* sequence :
         {"23456789", "65432109", "3456789012", "2109876543", "bcdefghij", "ZYXWVUTS",
          "mnopqrstuvw", "wertyuio", "poiuytre", "sdfghjkl", "lkjhgfdsa", "xcvbnm", "mnbvcxz"}) {
        EXPECT_EQ(FindPasswordWeakness(sequence), PasswordWeakness::kSequence) << sequence;
    }
}

TEST(PasswordStrength, NearSequencesAndOrdinaryPasswordsPass) {
    for (const char* fine :
         {"river-otter-42", "correct horse", "tix-fan-2026", "24681357", "13572468", "abcdefgi",
          "yzabcdef", "qwertyuiopa", "asdfghjkl;", "12345678!", "zxcvbnm,", "otter42!",
          "user-password-42", "admin-password-42"}) {
        EXPECT_EQ(FindPasswordWeakness(fine), PasswordWeakness::kNone) << fine;
    }
}

}  // namespace
}  // namespace tix::auth
