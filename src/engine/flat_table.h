// An insert-only open-addressing (linear probing) hash table for the engine's integer-keyed indexes
// (event ids, users, per-user ticket counts, idempotency keys). Entries live inline in one array:
// no node allocation per insert, one cache miss per probe. The engine never erases (orders, users
// and keys are kept for good), so there are no tombstones. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/tix_assert.h"

namespace tix::engine {

// A well-mixed 64-bit hash of an integer (the murmur3 finalizer).
inline std::uint64_t MixHash(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

inline std::uint64_t MixHash(std::uint64_t a, std::uint64_t b) {
    return MixHash(a ^ MixHash(b + 0x9e3779b97f4a7c15ULL));
}

// Entry is a plain value. The caller computes the hash and says which entry it wants (`match`),
// so one table type serves exact keys and keys that need a second look (idempotency keys).
template <typename Entry>
class FlatTable {
  public:
    // The entry inserted with `hash` for which match(entry) holds, or nullptr. Valid until the
    // next Insert.
    template <typename Match>
    Entry* Find(std::uint64_t hash, Match match) {
        if (slots_.empty()) return nullptr;
        hash = Nonzero(hash);
        for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
            Slot& slot = slots_[i];
            if (slot.hash == 0) return nullptr;
            if (slot.hash == hash && match(slot.entry)) return &slot.entry;
        }
    }
    template <typename Match>
    const Entry* Find(std::uint64_t hash, Match match) const {
        return const_cast<FlatTable*>(this)->Find(hash, match);
    }

    // REQUIRES: no entry for this key (Find returned nullptr). Valid until the next Insert.
    Entry& Insert(std::uint64_t hash, const Entry& entry) {
        if ((size_ + 1) * 4 > slots_.size() * 3) Grow();  // load at most 3/4
        ++size_;
        return Place(Nonzero(hash), entry);
    }

    std::size_t size() const { return size_; }
    std::size_t bytes() const { return slots_.capacity() * sizeof(Slot); }

    template <typename Visit>
    void ForEach(Visit visit) const {
        for (const Slot& slot : slots_) {
            if (slot.hash != 0) visit(slot.entry);
        }
    }

  private:
    struct Slot {
        std::uint64_t hash = 0;  // 0: empty
        Entry entry{};
    };

    static std::uint64_t Nonzero(std::uint64_t hash) { return hash == 0 ? 1 : hash; }

    Entry& Place(std::uint64_t hash, const Entry& entry) {
        for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
            Slot& slot = slots_[i];
            if (slot.hash == 0) {
                slot.hash = hash;
                slot.entry = entry;
                return slot.entry;
            }
        }
    }

    void Grow() {
        std::vector<Slot> old;
        old.swap(slots_);
        const std::size_t capacity = old.empty() ? 16 : old.size() * 2;
        TIX_ASSERT(capacity > old.size(), "hash table size overflow");
        slots_.resize(capacity);
        mask_ = capacity - 1;
        for (const Slot& slot : old) {
            if (slot.hash != 0) Place(slot.hash, slot.entry);
        }
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::size_t size_ = 0;
};

}  // namespace tix::engine
