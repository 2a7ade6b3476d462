// TixTest: the GoogleTest fixture of the black-box tests. Every test gets a tixd of its own on a
// fresh data directory (ctest runs each test as its own process, so a per-suite server would not
// be shared anyway), an admin account, and assertions for the problem+json error contract.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/value.hpp>
#include <chrono>
#include <initializer_list>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "support/http_client.h"
#include "support/tix_api.h"
#include "support/tix_server.h"

namespace tix::test {

// The event most tests use: general admission "GA" (100 tickets at 1,000 TWD) and a seated zone
// "INF" of two rows of 11 seats (A in front, 2,500 TWD each), on sale now.
inline constexpr char kGa[] = "GA";
inline constexpr int kGaCapacity = 100;
inline constexpr std::int64_t kGaPrice = 1'000;
inline constexpr char kInf[] = "INF";
inline constexpr int kRowSeats = 11;
inline constexpr std::int64_t kInfPrice = 2'500;
EventDraft StandardEventDraft();

// Checks the error contract: `status`, Content-Type application/problem+json, a body whose
// `status` member repeats the HTTP status, and a `code` among `codes` (any non-empty code when
// `codes` is empty).
::testing::AssertionResult IsProblem(const Response& response, int status,
                                     std::set<std::string> codes = {});

// Polls `condition` every 50 ms until it holds or `timeout` passes. Only for behaviour that is
// time-based by contract (hold expiry); everything else is awaited through its answer.
template <typename Condition>
bool Eventually(Condition condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (condition()) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

class TixTest : public ::testing::Test {
  protected:
    void SetUp() override;
    void TearDown() override;
    // What SetUp passes to TixServer; override for --demo and the like.
    virtual TixServer::Options ServerOptions() const { return {}; }

    TixServer& server() { return *server_; }
    // Creates StandardEventDraft() (or `draft`) and returns its event_id; fails the test if not.
    boost::json::value CreateEvent(const EventDraft& draft = StandardEventDraft());

    std::unique_ptr<TixServer> server_;
};

}  // namespace tix::test
