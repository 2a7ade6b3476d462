// The text of every idempotency key, back to back in fixed-size blocks: one small reference per
// order instead of a std::string, and nothing moves or is copied as the arena grows.
// Owned by the Engine; single-threaded.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace tix::engine {

class KeyArena {
  public:
    // Stores `key` and returns its reference (never 0, so 0 can mean "no key").
    std::uint64_t Add(std::string_view key) {
        const std::size_t need = sizeof(std::uint32_t) + key.size();
        if (need > kBlockSize) {
            // Longer than a block (the edge caps keys far below): a block of its own.
            blocks_.push_back(std::make_unique_for_overwrite<char[]>(need));
            used_ = kBlockSize;  // the next key starts a new block
            return Write(blocks_.size() - 1, 0, key);
        }
        if (blocks_.empty() || used_ + need > kBlockSize) {
            blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlockSize));
            used_ = 0;
        }
        const std::uint64_t ref = Write(blocks_.size() - 1, used_, key);
        used_ += need;
        return ref;
    }

    // REQUIRES: ref came from Add.
    std::string_view Get(std::uint64_t ref) const {
        const std::uint64_t at = ref - 1;
        const char* data = blocks_[at >> kBlockBits].get() + (at & (kBlockSize - 1));
        std::uint32_t length = 0;
        std::memcpy(&length, data, sizeof(length));
        return {data + sizeof(length), length};
    }

    std::size_t bytes() const {
        std::size_t total = blocks_.capacity() * sizeof(blocks_[0]);
        for (std::size_t i = 0; i < blocks_.size(); ++i) total += kBlockSize;
        return total;
    }

  private:
    static constexpr std::size_t kBlockBits = 16;
    static constexpr std::size_t kBlockSize = std::size_t{1} << kBlockBits;

    std::uint64_t Write(std::size_t block, std::size_t offset, std::string_view key) {
        char* data = blocks_[block].get() + offset;
        const auto length = static_cast<std::uint32_t>(key.size());
        std::memcpy(data, &length, sizeof(length));
        if (!key.empty()) std::memcpy(data + sizeof(length), key.data(), key.size());
        return (std::uint64_t{block} << kBlockBits | offset) + 1;
    }

    std::vector<std::unique_ptr<char[]>> blocks_;
    std::size_t used_ = 0;  // bytes used in the last block
};

}  // namespace tix::engine
