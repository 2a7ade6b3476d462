// Idempotency keys: each user's keys, to the order each one placed, and what makes a retry "the
// same request". The key text lives in a KeyArena; the order's OrderExtra has its reference.
// Owned by Engine::State; single-threaded. Keys are kept for good.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "common/types.h"
#include "engine/engine.h"
#include "engine/event_table.h"
#include "engine/flat_table.h"
#include "engine/key_arena.h"
#include "engine/order_book.h"

namespace tix::engine {

class IdempotencyIndex {
  public:
    // The order the user placed with this key, or nullptr.
    const Order* Find(const OrderBook& orders, UserId user_id, std::string_view key) const {
        const KeyEntry* entry = index_.Find(KeyHash(user_id, key), [&](const KeyEntry& e) {
            return orders.Get(e.order_id).user_id == user_id && KeyOf(orders, e.order_id) == key;
        });
        return entry == nullptr ? nullptr : &orders.Get(entry->order_id);
    }

    // Stores the key of the user's order and returns its reference for the OrderExtra.
    // REQUIRES: key is not empty, and Find(user_id, key) is nullptr.
    std::uint64_t Add(UserId user_id, std::string_view key, OrderId order_id) {
        const std::uint64_t key_ref = keys_.Add(key);
        index_.Insert(KeyHash(user_id, key), {order_id});
        return key_ref;
    }

    // Aborts unless every indexed key names an order with a key, and every such order is indexed.
    void CheckAll(const OrderBook& orders) const;

  private:
    struct KeyEntry {
        OrderId order_id{};  // the order has the user; keys_ has the key
    };

    static std::uint64_t KeyHash(UserId user_id, std::string_view key) {
        return MixHash(user_id.value(), std::hash<std::string_view>{}(key));
    }

    std::string_view KeyOf(const OrderBook& orders, OrderId order_id) const {
        const std::uint64_t ref = orders.ExtraOf(order_id).key_ref();
        return ref == 0 ? std::string_view() : keys_.Get(ref);
    }

    KeyArena keys_;
    FlatTable<KeyEntry> index_;
};

// Whether a hold with the key of `original` (placed as `kind`) asks for what it got: a replay.
bool SameRequest(const Order& original, RequestKind kind, const EventTable& events,
                 const HoldByQuantity& request);
bool SameRequest(const Order& original, RequestKind kind, const EventTable& events,
                 const HoldBySeats& request);

}  // namespace tix::engine
