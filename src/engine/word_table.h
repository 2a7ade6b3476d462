// An insert-only open-addressing (linear probing) table of nonzero 64-bit words: 8 bytes a slot,
// half of FlatTable's, for the waiting room's two indexes of a million entries (users, used
// challenges). The caller packs key and value into the word; its high 32 bits must be a
// well-mixed hash of the key (they place the word and filter probes), and `match` decides.
// Tables are dropped whole, never erased from (no tombstones). Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/tix_assert.h"

namespace tix::engine {

class WordTable {
  public:
    // The word with these high 32 bits for which match(word) holds, or 0.
    template <typename Match>
    std::uint64_t Find(std::uint32_t high, Match match) const {
        if (slots_.empty()) return 0;
        for (std::size_t i = high & mask_;; i = (i + 1) & mask_) {
            const std::uint64_t word = slots_[i];
            if (word == 0) return 0;
            if (word >> 32 == high && match(word)) return word;
        }
    }

    // REQUIRES: word != 0; no word for this key (Find returned 0).
    void Insert(std::uint64_t word) {
        TIX_ASSERT(word != 0, "0 marks an empty slot");
        if ((size_ + 1) * 4 > slots_.size() * 3) Grow();  // load at most 3/4
        ++size_;
        Place(word);
    }

    template <typename Visit>
    void ForEach(Visit visit) const {
        for (const std::uint64_t word : slots_) {
            if (word != 0) visit(word);
        }
    }

    std::size_t size() const { return size_; }
    std::size_t bytes() const { return slots_.capacity() * sizeof(std::uint64_t); }

  private:
    void Place(std::uint64_t word) {
        std::size_t i = (word >> 32) & mask_;
        while (slots_[i] != 0) i = (i + 1) & mask_;
        slots_[i] = word;
    }

    void Grow() {
        std::vector<std::uint64_t> old;
        old.swap(slots_);
        const std::size_t capacity = old.empty() ? 16 : old.size() * 2;
        TIX_ASSERT(capacity <= (std::size_t{1} << 32), "placed by 32 bits of hash");
        slots_.resize(capacity);
        mask_ = capacity - 1;
        for (const std::uint64_t word : old) {
            if (word != 0) Place(word);
        }
    }

    std::vector<std::uint64_t> slots_;  // 0: empty
    std::size_t mask_ = 0;
    std::size_t size_ = 0;
};

}  // namespace tix::engine
