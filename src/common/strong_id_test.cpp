#include "common/strong_id.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <sstream>
#include <type_traits>
#include <unordered_set>

#include "common/types.h"

namespace tix {
namespace {

// Issue 7: one kind of id never stands for another, nor does a bare integer stand for an id.
static_assert(!std::is_convertible_v<UserId, EventId>);
static_assert(!std::is_convertible_v<EventId, UserId>);
static_assert(!std::is_convertible_v<OrderId, EventId>);
static_assert(!std::is_constructible_v<EventId, UserId>);
static_assert(!std::is_convertible_v<std::uint64_t, OrderId>);
static_assert(!std::is_convertible_v<int, UserId>);
static_assert(!std::is_convertible_v<OrderId, std::uint64_t>);
static_assert(!std::is_convertible_v<OrderId, bool>);  // explicit: `if (id)` only
static_assert(std::is_constructible_v<OrderId, std::uint64_t>);
// The engine stores millions of ids inside engine::Order: no bigger, and copied as bytes.
static_assert(sizeof(OrderId) == 8 && sizeof(UserId) == 8 && sizeof(EventId) == 8);
static_assert(std::is_trivially_copyable_v<OrderId>);
static_assert(std::is_standard_layout_v<OrderId>);
static_assert(OrderId{}.value() == 0);
static_assert(OrderId{7} < OrderId{8} && OrderId{8} == OrderId{8});

TEST(StrongId, ValueInitializedIsNone) {
    const UserId none{};
    EXPECT_EQ(none.value(), 0U);
    EXPECT_FALSE(none);
    EXPECT_TRUE(UserId{1});
}

TEST(StrongId, RoundTripsItsValue) {
    EXPECT_EQ(EventId{0xffff'ffff'ffff'ffffULL}.value(), 0xffff'ffff'ffff'ffffULL);
}

TEST(StrongId, PrintsAsItsNumber) {
    std::ostringstream out;
    out << OrderId{42};
    EXPECT_EQ(out.str(), "42");
}

TEST(StrongId, HashesLikeItsValue) {
    EXPECT_EQ(std::hash<OrderId>{}(OrderId{5}), std::hash<std::uint64_t>{}(5));
    const std::unordered_set<UserId> users{UserId{1}, UserId{2}, UserId{1}};
    EXPECT_EQ(users.size(), 2U);
}

}  // namespace
}  // namespace tix
