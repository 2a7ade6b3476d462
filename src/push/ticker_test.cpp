#include "push/ticker.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <future>
#include <thread>

namespace tix::push {
namespace {

TEST(Ticker, TicksEveryPeriodUntilStopped) {
    boost::asio::io_context io;
    int ticks = 0;
    std::promise<void> third_tick;
    Ticker ticker(io.get_executor(), std::chrono::milliseconds(5), [&] {
        if (++ticks == 3) third_tick.set_value();
    });
    std::future<void> reached = third_tick.get_future();
    ticker.Start();
    std::thread runner([&] { io.run(); });
    const bool in_time = reached.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
    ticker.Stop();  // the io_context then runs out of work and run() returns
    runner.join();
    ASSERT_TRUE(in_time) << "no third tick within 10 s";
    EXPECT_GE(ticks, 3);  // a fourth may have fired before Stop; none after run() returned
}

}  // namespace
}  // namespace tix::push
