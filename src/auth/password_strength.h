// Which passwords registration refuses beyond the minimum length: those an attacker tries first.
// A password is weak when it is on the built-in list of the most common ones (common_passwords.h),
// or is one character repeated ("aaaaaaaa"), or a plain sequence up or down the digits (cyclic:
// "78901234"), the alphabet or a keyboard row ("12345678", "87654321", "abcdefgh", "qwertyui",
// "lkjhgfds"). Comparisons ignore ASCII case. Pure functions; any thread.
#pragma once

#include <cstdint>
#include <string_view>

namespace tix::auth {

enum class PasswordWeakness : std::uint8_t {
    kNone,
    kCommon,    // on the list of the most common passwords
    kRepeated,  // one character, repeated
    kSequence,  // consecutive digits, letters or keys, in one direction
};

PasswordWeakness FindPasswordWeakness(std::string_view password);

}  // namespace tix::auth
