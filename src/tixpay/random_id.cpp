#include "tixpay/random_id.h"

#include <sodium.h>

#include <array>

namespace tix::tixpay {

std::string RandomId(std::string_view prefix) {
    // libsodium must be initialised before use; a function-local static does it once, safely
    // from any thread, whoever asks first (main, a test).
    [[maybe_unused]] static const int initialised = sodium_init();
    std::array<unsigned char, kRandomHexDigits / 2> bytes;
    randombytes_buf(bytes.data(), bytes.size());
    std::array<char, kRandomHexDigits + 1> hex;
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    std::string id(prefix);
    id.append(hex.data(), kRandomHexDigits);
    return id;
}

}  // namespace tix::tixpay
