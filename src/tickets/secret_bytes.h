// SecretBytes<Tag, N>: fixed-size secret key material that wipes itself (sodium_memzero) when
// destroyed, so a key does not linger in freed memory. The Tag makes each kind of key a type of
// its own: a rotation key cannot be passed where a signing key is wanted. A plain value: copies
// are independent (each wipes itself); any thread, no sharing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace tix::tickets {

namespace detail {
// sodium_memzero, kept out of this header so that users of a key do not include sodium.h.
void WipeBytes(std::uint8_t* data, std::size_t size);
// sodium_memcmp: constant time, so that comparing secrets tells nothing of where they differ.
bool SameBytes(const std::uint8_t* a, const std::uint8_t* b, std::size_t size);
}  // namespace detail

template <typename Tag, std::size_t N>
class SecretBytes {
  public:
    static constexpr std::size_t kSize = N;

    SecretBytes() = default;  // all zero: a placeholder, not a key
    SecretBytes(const SecretBytes&) = default;
    SecretBytes& operator=(const SecretBytes&) = default;
    ~SecretBytes() { detail::WipeBytes(bytes_.data(), N); }

    std::uint8_t* data() { return bytes_.data(); }
    const std::uint8_t* data() const { return bytes_.data(); }
    std::span<const std::uint8_t, N> bytes() const { return bytes_; }
    static constexpr std::size_t size() { return N; }

    friend bool operator==(const SecretBytes& a, const SecretBytes& b) {
        return detail::SameBytes(a.data(), b.data(), N);
    }

  private:
    std::array<std::uint8_t, N> bytes_{};
};

}  // namespace tix::tickets
