#include "push/local_push_hub.h"

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "push/outbound_queue.h"

namespace tix::push {
namespace {

Frame Text(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

// A connection that never writes (the slowest reader there is): what it was offered waits in an
// OutboundQueue, as in a WebSocketSession whose write is stuck; it "closes" when the queue
// overflows.
class FakeSocket final : public Subscriber {
  public:
    void Offer(Slot slot, Frame frame) override {
        std::lock_guard lock(mutex_);
        ++offers;
        queue.PushLatest(slot, std::move(frame));
    }
    void OfferPersonal(Frame frame) override {
        std::lock_guard lock(mutex_);
        ++offers;
        if (!queue.PushPersonal(std::move(frame))) closed = true;
    }
    // Everything waiting, in the order it would be written.
    std::vector<Frame> Drain() {
        std::lock_guard lock(mutex_);
        std::vector<Frame> frames;
        while (Frame frame = queue.Pop()) frames.push_back(std::move(frame));
        return frames;
    }

    std::mutex mutex_;
    OutboundQueue queue;
    int offers = 0;
    bool closed = false;
};

const Topic kCampaign = "campaign:7";
const UserId kAna{1};
const UserId kBo{2};

TEST(LocalPushHub, PublishOffersTheSameBufferToEverySubscriber) {
    LocalPushHub hub;
    std::vector<std::shared_ptr<FakeSocket>> sockets;
    std::vector<Subscription> subscriptions;
    for (int i = 0; i < 3; ++i) {
        sockets.push_back(std::make_shared<FakeSocket>());
        subscriptions.push_back(hub.Subscribe(kCampaign, UserId{}, sockets.back()));
    }
    const Frame ranking = Text(R"({"event":"ranking_update"})");
    hub.Publish(kCampaign, Slot::kRanking, ranking);
    for (const auto& socket : sockets) {
        const std::vector<Frame> frames = socket->Drain();
        ASSERT_EQ(frames.size(), 1u);
        EXPECT_EQ(frames[0].get(), ranking.get());  // shared, not copied
    }
    EXPECT_EQ(hub.SubscriberCount(kCampaign), 3u);
    EXPECT_EQ(hub.Topics(), std::vector<Topic>{kCampaign});
}

TEST(LocalPushHub, SlowSocketGetsOnlyTheLatestRanking) {
    LocalPushHub hub;
    auto slow = std::make_shared<FakeSocket>();
    const Subscription subscription = hub.Subscribe(kCampaign, kAna, slow);
    for (int tick = 1; tick <= 50; ++tick) {
        hub.Publish(kCampaign, Slot::kRanking, Text("ranking " + std::to_string(tick)));
    }
    const std::vector<Frame> frames = slow->Drain();
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(*frames[0], "ranking 50");
    EXPECT_EQ(slow->offers, 50);
}

TEST(LocalPushHub, PersonalFramesQueueUpToTheBoundThenTheSocketCloses) {
    LocalPushHub hub;
    auto slow = std::make_shared<FakeSocket>();
    const Subscription subscription = hub.Subscribe(kCampaign, kAna, slow);
    for (std::size_t i = 0; i < kPersonalFramesMax; ++i) {
        hub.SendTo(kCampaign, kAna, Text("bid_accepted " + std::to_string(i)));
    }
    EXPECT_FALSE(slow->closed);
    EXPECT_EQ(slow->queue.personal_count(), kPersonalFramesMax);
    hub.SendTo(kCampaign, kAna, Text("one too many"));
    EXPECT_TRUE(slow->closed);
    const std::vector<Frame> frames = slow->Drain();
    ASSERT_EQ(frames.size(), kPersonalFramesMax);
    EXPECT_EQ(*frames.front(), "bid_accepted 0");  // in order, none dropped
    EXPECT_EQ(*frames.back(), "bid_accepted 15");
}

TEST(LocalPushHub, SendToReachesEveryTabOfThatUserOnly) {
    LocalPushHub hub;
    auto ana_phone = std::make_shared<FakeSocket>();
    auto ana_laptop = std::make_shared<FakeSocket>();
    auto bo = std::make_shared<FakeSocket>();
    auto anonymous = std::make_shared<FakeSocket>();
    const Subscription s1 = hub.Subscribe(kCampaign, kAna, ana_phone);
    const Subscription s2 = hub.Subscribe(kCampaign, kAna, ana_laptop);
    const Subscription s3 = hub.Subscribe(kCampaign, kBo, bo);
    const Subscription s4 = hub.Subscribe(kCampaign, UserId{}, anonymous);
    hub.SendTo(kCampaign, kAna, Text("campaign_ended"));
    hub.SendTo("campaign:8", kBo, Text("another campaign"));
    EXPECT_EQ(ana_phone->Drain().size(), 1u);
    EXPECT_EQ(ana_laptop->Drain().size(), 1u);
    EXPECT_TRUE(bo->Drain().empty());
    EXPECT_TRUE(anonymous->Drain().empty());
}

TEST(LocalPushHub, FramesLeaveInArrivalOrderAcrossSlotsAndPersonal) {
    LocalPushHub hub;
    auto socket = std::make_shared<FakeSocket>();
    const Subscription subscription = hub.Subscribe(kCampaign, kAna, socket);
    hub.Publish(kCampaign, Slot::kRanking, Text("ranking 1"));
    hub.SendTo(kCampaign, kAna, Text("bid_accepted"));
    hub.Publish(kCampaign, Slot::kRanking, Text("ranking 2"));  // replaces ranking 1, later
    hub.SendTo(kCampaign, kAna, Text("campaign_ended"));
    std::vector<std::string> texts;
    for (const Frame& frame : socket->Drain()) texts.push_back(*frame);
    EXPECT_EQ(texts, (std::vector<std::string>{"bid_accepted", "ranking 2", "campaign_ended"}));
}

TEST(LocalPushHub, ClosingUnsubscribesAndForgetsAnUnwatchedTopic) {
    LocalPushHub hub;
    auto socket = std::make_shared<FakeSocket>();
    auto other = std::make_shared<FakeSocket>();
    std::optional<Subscription> subscription = hub.Subscribe(kCampaign, kAna, socket);
    std::optional<Subscription> other_subscription = hub.Subscribe(kCampaign, kBo, other);
    subscription.reset();  // the socket closed
    EXPECT_EQ(hub.SubscriberCount(kCampaign), 1u);
    hub.Publish(kCampaign, Slot::kRanking, Text("ranking"));
    hub.SendTo(kCampaign, kAna, Text("bid_accepted"));
    EXPECT_EQ(socket->offers, 0);
    EXPECT_EQ(other->offers, 1);
    other_subscription.reset();
    EXPECT_EQ(hub.SubscriberCount(kCampaign), 0u);
    EXPECT_TRUE(hub.Topics().empty());
}

TEST(LocalPushHub, ASocketThatIsGoingAwayIsOfferedNothing) {
    LocalPushHub hub;
    auto socket = std::make_shared<FakeSocket>();
    const Subscription subscription = hub.Subscribe(kCampaign, kAna, socket);
    std::weak_ptr<FakeSocket> weak = socket;
    socket.reset();  // its owner let go; its Subscription has not been destroyed yet
    ASSERT_TRUE(weak.expired());
    hub.Publish(kCampaign, Slot::kRanking, Text("ranking"));  // must not touch it
    EXPECT_EQ(hub.SubscriberCount(kCampaign), 1u);
}

TEST(LocalPushHub, ALateSubscriberGetsTheRetainedFramesOfEachSlot) {
    LocalPushHub hub;
    auto first = std::make_shared<FakeSocket>();
    const Subscription keep = hub.Subscribe(kCampaign, kAna, first);
    hub.Publish(kCampaign, Slot::kRanking, Text("ranking 1"));
    hub.Publish(kCampaign, Slot::kRanking, Text("ranking 2"));
    hub.SendTo(kCampaign, kAna, Text("personal, not retained"));
    auto late = std::make_shared<FakeSocket>();
    const Subscription subscription = hub.Subscribe(kCampaign, kBo, late);
    const std::vector<Frame> frames = late->Drain();
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(*frames[0], "ranking 2");
}

TEST(LocalPushHub, PublishingToAnUnwatchedTopicRetainsNothing) {
    LocalPushHub hub;
    hub.Publish(kCampaign, Slot::kRanking, Text("nobody listens"));
    auto socket = std::make_shared<FakeSocket>();
    const Subscription subscription = hub.Subscribe(kCampaign, kAna, socket);
    EXPECT_TRUE(socket->Drain().empty());
}

// For ThreadSanitizer: publishers, personal senders and sockets that come and go, at once.
TEST(LocalPushHub, ConcurrentPublishSubscribeAndClose) {
    LocalPushHub hub;
    constexpr int kRounds = 2'000;
    std::vector<std::thread> threads;
    threads.emplace_back([&] {
        for (int i = 0; i < kRounds; ++i) hub.Publish(kCampaign, Slot::kRanking, Text("r"));
    });
    threads.emplace_back([&] {
        for (int i = 0; i < kRounds; ++i) hub.SendTo(kCampaign, kAna, Text("p"));
    });
    for (int t = 0; t < 2; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kRounds / 4; ++i) {
                auto socket = std::make_shared<FakeSocket>();
                const Subscription subscription = hub.Subscribe(kCampaign, kAna, socket);
                (void)hub.Topics();
                socket->Drain();
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(hub.SubscriberCount(kCampaign), 0u);
}

}  // namespace
}  // namespace tix::push
