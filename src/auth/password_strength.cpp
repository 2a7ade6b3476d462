#include "auth/password_strength.h"

#include <array>
#include <cstddef>
#include <string>

#include "auth/common_passwords.h"

namespace tix::auth {
namespace {

// Runs of keys a lazy password walks along. The digits wrap around ("7890123"), as on a clock;
// the alphabet and the keyboard rows do not.
struct KeyRun {
    std::string_view keys;
    bool cyclic;
};
constexpr std::array kKeyRuns = {
    KeyRun{"0123456789", true},  KeyRun{"abcdefghijklmnopqrstuvwxyz", false},
    KeyRun{"qwertyuiop", false}, KeyRun{"asdfghjkl", false},
    KeyRun{"zxcvbnm", false},
};

std::string LowerAscii(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

// The bytes of the first UTF-8 character of a non-empty string.
std::size_t FirstCharacterBytes(std::string_view text) {
    std::size_t bytes = 1;
    while (bytes < text.size() && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) {
        ++bytes;
    }
    return bytes;
}

bool IsOneCharacterRepeated(std::string_view text) {
    if (text.empty()) return false;
    const std::string_view first = text.substr(0, FirstCharacterBytes(text));
    if (text.size() % first.size() != 0) return false;
    for (std::size_t at = first.size(); at < text.size(); at += first.size()) {
        if (text.substr(at, first.size()) != first) return false;
    }
    return true;
}

// Whether each character of `lower` is the key `step` places after the one before it in `run`.
bool WalksAlong(std::string_view lower, const KeyRun& run, int step) {
    const auto size = static_cast<std::ptrdiff_t>(run.keys.size());
    for (std::size_t i = 1; i < lower.size(); ++i) {
        const std::size_t from = run.keys.find(lower[i - 1]);
        const std::size_t to = run.keys.find(lower[i]);
        if (from == std::string_view::npos || to == std::string_view::npos) return false;
        std::ptrdiff_t expected = static_cast<std::ptrdiff_t>(from) + step;
        if (run.cyclic) expected = (expected + size) % size;
        if (static_cast<std::ptrdiff_t>(to) != expected) return false;
    }
    return true;
}

bool IsSequence(std::string_view lower) {
    if (lower.size() < 2) return false;
    for (const KeyRun& run : kKeyRuns) {
        if (WalksAlong(lower, run, 1) || WalksAlong(lower, run, -1)) return true;
    }
    return false;
}

}  // namespace

PasswordWeakness FindPasswordWeakness(std::string_view password) {
    if (IsCommonPassword(password)) return PasswordWeakness::kCommon;
    const std::string lower = LowerAscii(password);
    if (IsOneCharacterRepeated(lower)) return PasswordWeakness::kRepeated;
    if (IsSequence(lower)) return PasswordWeakness::kSequence;
    return PasswordWeakness::kNone;
}

}  // namespace tix::auth
