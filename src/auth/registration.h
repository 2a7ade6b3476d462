// The rules a new account must satisfy, shared by POST /auth/register and the offline
// `tixd admin create-user` command. Pure functions plus one blocking helper; any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "auth/password_hasher.h"
#include "auth/user_directory.h"
#include "common/status.h"
#include "common/types.h"

namespace tix::auth {

inline constexpr std::size_t kEmailBytesMax = 254;      // RFC 5321 path limit
inline constexpr std::size_t kEmailLocalBytesMax = 64;  // RFC 5321 local-part limit
inline constexpr std::size_t kPasswordCharsMin = 8;
inline constexpr std::size_t kPasswordCharsMax = 1024;  // bounds the hashing input
inline constexpr std::size_t kNameCharsMax = 200;

enum class CredentialProblem : std::uint8_t {
    kNone,
    kInvalidEmail,     // -> 400 invalid_email
    kWeakPassword,     // under kPasswordCharsMin -> 400 weak_password
    kCommonPassword,   // on the list of the most common passwords -> 400 weak_password
    kSimplePassword,   // one character repeated, or a plain sequence -> 400 weak_password
    kPasswordTooLong,  // over kPasswordCharsMax -> 400 invalid_field
    kInvalidName,      // empty, over kNameCharsMax, or control characters -> 400 invalid_field
};

// Basic syntax only: one '@', a non-empty local part of at most 64 bytes, a domain with a dot
// and no empty labels, at most 254 bytes, no spaces or control characters.
bool IsValidEmail(std::string_view email);

// The first problem with a new account's fields (lengths in code points), or kNone.
CredentialProblem CheckNewUser(std::string_view email, std::string_view password,
                               std::string_view name);
// A sentence for the user, e.g. "password must be at least 8 characters".
std::string_view Describe(CredentialProblem problem);

// Validates, hashes (synchronously, slow) and stores a user: for the command line, which has no
// event loop. InvalidArgument names the broken rule; AlreadyExists when the email is taken.
Result<User> CreateUserOffline(UserDirectory& users, const PasswordHasher& hasher,
                               std::string_view email, std::string_view password,
                               std::string_view name, Role role, TimePoint now);

}  // namespace tix::auth
