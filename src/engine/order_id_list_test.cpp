#include "engine/order_id_list.h"

#include <gtest/gtest.h>

namespace tix::engine {
namespace {

TEST(OrderIdList, KeepsOrderAcrossTheMoveToTheHeap) {
    OrderIdList list;
    EXPECT_TRUE(list.ids().empty());
    std::vector<OrderId> expected;
    for (OrderId id = 10; id < 20; ++id) {
        list.push_back(id);
        expected.push_back(id);
        const auto ids = list.ids();
        ASSERT_EQ(std::vector<OrderId>(ids.begin(), ids.end()), expected) << "after " << id;
    }
    EXPECT_EQ(list.size(), 10u);
}

TEST(OrderIdList, MovesKeepTheIds) {
    OrderIdList a;
    for (OrderId id = 1; id <= 9; ++id) a.push_back(id);
    OrderIdList b = std::move(a);
    b.push_back(10);
    ASSERT_EQ(b.size(), 10u);
    EXPECT_EQ(b.ids().front(), 1u);
    EXPECT_EQ(b.ids().back(), 10u);
}

}  // namespace
}  // namespace tix::engine
