// Id<Tag>: a 64-bit identifier whose Tag makes it a type of its own, so that a user id cannot be
// passed where an event id is wanted (issue 7). Plain value, safe to copy between threads.
//
// Construction from an integer is explicit; the integer comes back through value() only at the
// edges (JSON, SQL, hashing, indexing). A value-initialized id is 0, which every id type reserves
// for "none". Trivially copyable and exactly 8 bytes: the engine stores millions of them.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <ostream>

namespace tix {

template <typename Tag>
class Id {
  public:
    constexpr Id() = default;
    explicit constexpr Id(std::uint64_t value) : value_(value) {}

    constexpr std::uint64_t value() const { return value_; }
    // True for any id but the reserved 0 (= none).
    explicit constexpr operator bool() const { return value_ != 0; }

    friend constexpr bool operator==(Id, Id) = default;
    friend constexpr auto operator<=>(Id, Id) = default;

    friend std::ostream& operator<<(std::ostream& out, Id id) { return out << id.value_; }

  private:
    std::uint64_t value_ = 0;
};

}  // namespace tix

template <typename Tag>
struct std::hash<tix::Id<Tag>> {
    std::size_t operator()(tix::Id<Tag> id) const noexcept {
        return std::hash<std::uint64_t>{}(id.value());
    }
};
