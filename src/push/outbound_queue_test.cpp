#include "push/outbound_queue.h"

#include <gtest/gtest.h>

#include <string>

namespace tix::push {
namespace {

Frame Text(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

TEST(OutboundQueue, EmptyPopsNull) {
    OutboundQueue queue;
    EXPECT_TRUE(queue.empty());
    EXPECT_EQ(queue.Pop(), nullptr);
}

TEST(OutboundQueue, EachSlotKeepsOnlyItsLatestFrame) {
    OutboundQueue queue;
    queue.PushLatest(Slot::kRanking, Text("ranking 1"));
    queue.PushLatest(Slot::kAvailability, Text("availability 1"));
    queue.PushLatest(Slot::kRanking, Text("ranking 2"));
    EXPECT_EQ(*queue.Pop(), "availability 1");
    EXPECT_EQ(*queue.Pop(), "ranking 2");
    EXPECT_TRUE(queue.empty());
}

TEST(OutboundQueue, PersonalFramesAreBoundedAndTheOneOverIsRefused) {
    OutboundQueue queue;
    for (std::size_t i = 0; i < kPersonalFramesMax; ++i) {
        ASSERT_TRUE(queue.PushPersonal(Text(std::to_string(i))));
    }
    EXPECT_FALSE(queue.PushPersonal(Text("over")));
    EXPECT_EQ(queue.personal_count(), kPersonalFramesMax);
    EXPECT_EQ(*queue.Pop(), "0");
    EXPECT_TRUE(queue.PushPersonal(Text("room again")));  // one left, one may come
}

TEST(OutboundQueue, FramesLeaveInArrivalOrder) {
    OutboundQueue queue;
    ASSERT_TRUE(queue.PushPersonal(Text("a")));
    queue.PushLatest(Slot::kPong, Text("b"));
    ASSERT_TRUE(queue.PushPersonal(Text("c")));
    EXPECT_EQ(*queue.Pop(), "a");
    EXPECT_EQ(*queue.Pop(), "b");
    EXPECT_EQ(*queue.Pop(), "c");
    EXPECT_EQ(queue.Pop(), nullptr);
}

}  // namespace
}  // namespace tix::push
