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
        if ((size_ >> kChunkBits) == chunks_.size()) AddChunk();
        T& slot = (*this)[size_++];
        slot = value;
        return slot;
    }

    // Appends a default-constructed element (for move-only T).
    T& emplace_back() {
        if ((size_ >> kChunkBits) == chunks_.size()) AddChunk();
        return (*this)[size_++];
    }

    // Grows to `size` elements with default values. Every whole chunk of them is one shared
    // chunk of defaults, so a jump costs a pointer per chunk, not the chunks: the engine restores
    // an order id far above the last one (a gap in a journal, or the last id, kMaxOrderId)
    // without filling 100 bytes for every id skipped. REQUIRES: size >= size(); elements skipped
    // are only read, never written (push_back and emplace_back always write to a chunk of
    // their own).
    void GrowTo(std::size_t size) {
        while (size_ < size && (size_ & (kChunkSize - 1)) != 0) push_back(T{});
        if (const std::size_t whole = size > size_ ? (size - size_) >> kChunkBits : 0) {
            if (defaults_ == nullptr) defaults_ = std::make_unique<T[]>(kChunkSize);
            chunks_.insert(chunks_.end(), whole, defaults_.get());
            size_ += whole << kChunkBits;
        }
        while (size_ < size) push_back(T{});
    }

    std::size_t bytes() const {
        return (owned_.size() + (defaults_ != nullptr)) * kChunkSize * sizeof(T) +
               chunks_.capacity() * sizeof(T*) + owned_.capacity() * sizeof(std::unique_ptr<T[]>);
    }

  private:
    void AddChunk() {
        owned_.push_back(std::make_unique<T[]>(kChunkSize));
        chunks_.push_back(owned_.back().get());
    }

    std::vector<T*> chunks_;                   // owned_ chunks, or defaults_ for skipped ones
    std::vector<std::unique_ptr<T[]>> owned_;  // in the order added
    std::unique_ptr<T[]> defaults_;            // made by the first GrowTo that skips a chunk
    std::size_t size_ = 0;
};

}  // namespace tix::engine
