#include "engine/order_id_list.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace tix::engine {
namespace {

TEST(OrderIdList, KeepsOrderAcrossTheMoveToTheHeap) {
    OrderIdList list;
    EXPECT_TRUE(list.ids().empty());
    std::vector<OrderId> expected;
    for (std::uint64_t value = 10; value < 20; ++value) {
        const OrderId id{value};
        list.push_back(id);
        expected.push_back(id);
        const auto ids = list.ids();
        ASSERT_EQ(std::vector<OrderId>(ids.begin(), ids.end()), expected) << "after " << id;
    }
    EXPECT_EQ(list.size(), 10u);
}

TEST(OrderIdList, MovesKeepTheIds) {
    OrderIdList a;
    for (std::uint64_t id = 1; id <= 9; ++id) a.push_back(OrderId{id});
    OrderIdList b = std::move(a);
    b.push_back(OrderId{10});
    ASSERT_EQ(b.size(), 10u);
    EXPECT_EQ(b.ids().front(), OrderId{1});
    EXPECT_EQ(b.ids().back(), OrderId{10});
}

}  // namespace
}  // namespace tix::engine
