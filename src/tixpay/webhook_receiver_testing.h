// Test helper: a webhook receiver on 127.0.0.1 (the project's HttpServer on its own thread) that
// records every POST and answers with the status a test chooses per request. It can listen on a
// given port, so a test can take a receiver down and bring it back where the deliverer expects
// it. Tests only; Received/WaitFor from the test's thread.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/router.h"
#include "http/server.h"

namespace tix::tixpay::test_support {

struct ReceivedWebhook {
    std::string body;
    std::string signature;  // the Tix-Signature header
    std::string content_type;
    std::chrono::steady_clock::time_point at;
};

class WebhookReceiver {
  public:
    // Answers request n (0-based) with answer(n); nullopt leaves it unanswered (a hung receiver).
    using Answer = std::function<std::optional<unsigned>(std::size_t n)>;

    explicit WebhookReceiver(
        std::uint16_t port = 0, Answer answer = [](std::size_t) { return 200u; })
        : answer_(std::move(answer)),
          server_(io_, {boost::asio::ip::make_address("127.0.0.1"), port}, MakeRouter()) {
        const auto bound = server_.Start();
        if (!bound.ok()) std::abort();
        port_ = *bound;
        thread_ = std::thread([this] { io_.run(); });
    }
    ~WebhookReceiver() {
        server_.Stop();
        thread_.join();
        // While io_ still exists: a held responder keeps its session, whose strand needs it.
        const std::lock_guard lock(mutex_);
        unanswered_.clear();
    }

    std::uint16_t port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }

    std::vector<ReceivedWebhook> Received() const {
        const std::lock_guard lock(mutex_);
        return received_;
    }

    // Waits until at least `count` requests have come, or fails the test after `timeout`.
    std::vector<ReceivedWebhook> WaitFor(std::size_t count,
                                         std::chrono::milliseconds timeout = kWaitTimeout) const {
        std::unique_lock lock(mutex_);
        const bool arrived =
            arrived_.wait_for(lock, timeout, [&] { return received_.size() >= count; });
        EXPECT_TRUE(arrived) << "waited " << timeout.count() << " ms for " << count
                             << " webhooks, got " << received_.size();
        return received_;
    }

    static constexpr std::chrono::milliseconds kWaitTimeout{10'000};

  private:
    std::shared_ptr<http::Router> MakeRouter() {
        auto router = std::make_shared<http::Router>();
        router->Add(http::beast_http::verb::post, "/hook", http::Access::kPublic,
                    [this](http::RequestContext& context, http::Responder respond) {
                        std::optional<unsigned> status;
                        {
                            const std::lock_guard lock(mutex_);
                            status = answer_(received_.size());
                            received_.push_back({context.request.body(),
                                                 std::string(context.Header("Tix-Signature")),
                                                 std::string(context.Header("Content-Type")),
                                                 std::chrono::steady_clock::now()});
                            // Hung: kept unanswered (a dropped responder would answer 500) until
                            // the client's timeout ends it.
                            if (!status) unanswered_.push_back(std::move(respond));
                        }
                        arrived_.notify_all();
                        if (!status) return;
                        http::Response response(static_cast<http::beast_http::status>(*status), 11);
                        // 204 and 304 have no body.
                        if (*status != 204 && *status != 304) {
                            response.set(http::beast_http::field::content_type, "application/json");
                            response.body() = R"({"received":true})";
                        }
                        response.prepare_payload();
                        respond(std::move(response));
                    });
        return router;
    }

    Answer answer_;
    mutable std::mutex mutex_;
    mutable std::condition_variable arrived_;
    std::vector<ReceivedWebhook> received_;    // guarded by mutex_
    std::vector<http::Responder> unanswered_;  // guarded by mutex_
    boost::asio::io_context io_;
    http::HttpServer server_;
    std::uint16_t port_ = 0;
    std::thread thread_;
};

}  // namespace tix::tixpay::test_support
