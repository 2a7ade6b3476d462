// The demo accounts' credentials: the demo admin's published password is for a tixd that only
// loopback clients can reach. On any other listen address `--demo` gives the admin a random
// password, printed once at start-up, since anyone who can reach the server can read the README.
// Pure functions (GeneratePassword reads libsodium's randomness); any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tix::app {

// 20 characters of a 56-letter alphabet: log2(56^20) ≈ 116 bits, beyond guessing at any rate.
inline constexpr std::size_t kGeneratedPasswordChars = 20;
// Letters and digits without the ones people misread (0/O/o, 1/l/I): the password is printed to
// be typed or pasted.
inline constexpr std::string_view kGeneratedPasswordAlphabet =
    "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
static_assert(kGeneratedPasswordAlphabet.size() == 56);

// Whether only this machine can reach a server listening on `host` (a --listen host):
// 127.0.0.0/8, ::1, an IPv4-mapped 127.0.0.0/8, or "localhost". Not 0.0.0.0 or ::, which take
// connections from every network.
bool IsLoopbackHost(std::string_view host);

// A random password of kGeneratedPasswordChars characters of kGeneratedPasswordAlphabet, drawn
// uniformly (libsodium randombytes_uniform), that the account rules accept.
std::string GeneratePassword();

struct DemoAdminCredentials {
    std::string password;
    bool published = true;  // the README's password (loopback), or a generated one
};

// The published password on a loopback host, a fresh GeneratePassword() otherwise.
DemoAdminCredentials DemoAdminCredentialsFor(std::string_view listen_host);

}  // namespace tix::app
