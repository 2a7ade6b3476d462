// A vector that grows by fixed-size chunks. Elements never move: growing copies nothing, each
// page is touched once, and references stay valid. The engine keeps every order ever placed in
// one of these, so a million-order sale never pauses to copy 100 MB. Not thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace tix::engine {

template <typename T, std::size_t kChunkBits = 10>
class ChunkedVector {
  public:
    static constexpr std::size_t kChunkSize = std::size_t{1} << kChunkBits;

    std::size_t size() const { return size_; }
    T& operator[](std::size_t i) { return chunks_[i >> kChunkBits][i & (kChunkSize - 1)]; }
    const T& operator[](std::size_t i) const {
        return chunks_[i >> kChunkBits][i & (kChunkSize - 1)];
    }
    T& back() { return (*this)[size_ - 1]; }

    T& push_back(const T& value) {
        if ((size_ >> kChunkBits) == chunks_.size()) {
            chunks_.push_back(std::make_unique<T[]>(kChunkSize));
        }
        T& slot = (*this)[size_++];
        slot = value;
        return slot;
    }

    // Appends a default-constructed element (for move-only T).
    T& emplace_back() {
        if ((size_ >> kChunkBits) == chunks_.size()) {
            chunks_.push_back(std::make_unique<T[]>(kChunkSize));
        }
        return (*this)[size_++];
    }

    // Grows to `size` elements with default values. REQUIRES: size >= size().
    void GrowTo(std::size_t size) {
        while (size_ < size) push_back(T{});
    }

    std::size_t bytes() const {
        return chunks_.size() * kChunkSize * sizeof(T) +
               chunks_.capacity() * sizeof(std::unique_ptr<T[]>);
    }

  private:
    std::vector<std::unique_ptr<T[]>> chunks_;
    std::size_t size_ = 0;
};

}  // namespace tix::engine
