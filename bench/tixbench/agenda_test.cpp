#include "agenda.h"

#include <gtest/gtest.h>

#include <vector>

namespace tix::bench {
namespace {

using std::chrono::milliseconds;

TEST(Agenda, WakesUsersInTimeOrder) {
    boost::asio::io_context io;
    std::vector<std::uint32_t> woken;
    Agenda agenda(io, [&](std::uint32_t user) { woken.push_back(user); });
    const auto now = Agenda::Clock::now();
    agenda.At(now - milliseconds(3), 1);
    agenda.At(now - milliseconds(1), 2);
    agenda.At(now - milliseconds(2), 3);
    io.run();
    EXPECT_EQ(woken, (std::vector<std::uint32_t>{1, 3, 2}));
    EXPECT_EQ(agenda.size(), 0u);
}

TEST(Agenda, AnEarlierEntryReArmsTheTimer) {
    boost::asio::io_context io;
    std::vector<std::uint32_t> woken;
    Agenda agenda(io, [&](std::uint32_t user) {
        woken.push_back(user);
        agenda.Clear();  // the first wake ends the test: the hour-long entry never comes
    });
    agenda.At(Agenda::Clock::now() + std::chrono::hours(1), 7);
    agenda.At(Agenda::Clock::now() - milliseconds(1), 8);
    io.run();
    EXPECT_EQ(woken, (std::vector<std::uint32_t>{8}));
}

TEST(Agenda, AUserWokenMayComeBackAtOnce) {
    boost::asio::io_context io;
    std::vector<std::uint32_t> woken;
    Agenda agenda(io, [&](std::uint32_t user) {
        woken.push_back(user);
        if (woken.size() < 3) agenda.At(Agenda::Clock::now(), user);
    });
    agenda.At(Agenda::Clock::now(), 4);
    io.run();
    EXPECT_EQ(woken, (std::vector<std::uint32_t>{4, 4, 4}));
}

TEST(Agenda, ClearForgetsEveryone) {
    boost::asio::io_context io;
    int woken = 0;
    Agenda agenda(io, [&](std::uint32_t) { ++woken; });
    agenda.At(Agenda::Clock::now() + milliseconds(1), 1);
    agenda.Clear();
    io.run();
    EXPECT_EQ(woken, 0);
    EXPECT_EQ(agenda.size(), 0u);
}

}  // namespace
}  // namespace tix::bench
