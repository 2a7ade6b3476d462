// End-to-end tests that take as long as the server's timeouts (10 s to read a request header):
// stalled clients are cut off with 408 or a close, and never hold up other clients meanwhile.
#include <gtest/gtest.h>

#include <future>
#include <string>
#include <vector>

#include "support/tix_test.h"

namespace tix::test {
namespace {

// The server's read timeout is 10 s; allow 5 s for a loaded 2-core CI machine.
constexpr auto kCutOffWithin = std::chrono::seconds(15);
constexpr int kStalledClients = 20;
// An answer to a well-behaved client slower than this means it was made to wait for the stalls.
constexpr auto kPromptAnswer = std::chrono::milliseconds(3'000);

using SlowClient = TixTest;

TEST_F(SlowClient, StalledHeadersAreCutOffWhileOtherClientsAreServed) {
    TestUser user = server().NewUser("patient");
    ASSERT_TRUE(user.ok());

    std::vector<std::unique_ptr<RawConnection>> stalled;
    std::vector<std::future<RawConnection::ReadResult>> answers;
    for (int i = 0; i < kStalledClients; ++i) {
        stalled.push_back(std::make_unique<RawConnection>(server().port()));
        ASSERT_TRUE(stalled.back()->connected());
        // Half a request header, then nothing.
        ASSERT_TRUE(
            stalled.back()->Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Sta"));
        answers.push_back(std::async(std::launch::async, [connection = stalled.back().get()] {
            return connection->ReadUntilClosed(kCutOffWithin + std::chrono::seconds(5));
        }));
    }

    // Meanwhile a normal client keeps being served promptly, on one keep-alive connection.
    int served = 0;
    while (answers.front().wait_for(std::chrono::milliseconds(250)) != std::future_status::ready) {
        const auto start = std::chrono::steady_clock::now();
        const Response me = user.http().Get("/api/v1/auth/me");
        const auto took = std::chrono::steady_clock::now() - start;
        ASSERT_EQ(me.status, 200) << me;
        EXPECT_LT(took, kPromptAnswer) << "request " << served << " waited for the stalled clients";
        ++served;
    }
    EXPECT_GE(served, 10) << "the stalled clients were cut off before anything was tested";

    for (std::size_t i = 0; i < answers.size(); ++i) {
        const RawConnection::ReadResult answer = answers[i].get();
        EXPECT_TRUE(answer.closed) << "stalled client " << i << " still connected after "
                                   << answer.elapsed.count() << " ms";
        EXPECT_LE(answer.elapsed, kCutOffWithin) << "stalled client " << i;
        EXPECT_TRUE(answer.data.empty() || answer.data.starts_with("HTTP/1.1 408"))
            << "stalled client " << i << " got: " << answer.data;
    }
    EXPECT_EQ(user.http().Get("/api/v1/auth/me").status, 200);
}

TEST_F(SlowClient, StalledBodyIsCutOff) {
    TestUser user = server().NewUser("trickle");
    ASSERT_TRUE(user.ok());
    RawConnection connection(server().port());
    ASSERT_TRUE(connection.connected());
    ASSERT_TRUE(
        connection.Send("POST /api/v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Authorization: Bearer " +
                        user.client->token() +
                        "\r\nContent-Type: application/json\r\nContent-Length: 60\r\n\r\n"
                        "{\"event_id\": 1,"));
    const RawConnection::ReadResult answer =
        connection.ReadUntilClosed(kCutOffWithin + std::chrono::seconds(5));
    EXPECT_TRUE(answer.closed);
    EXPECT_LE(answer.elapsed, kCutOffWithin);
    EXPECT_TRUE(answer.data.empty() || answer.data.starts_with("HTTP/1.1 408")) << answer.data;
}

}  // namespace
}  // namespace tix::test
