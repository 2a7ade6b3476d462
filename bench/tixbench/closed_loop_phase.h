// Running a closed-loop phase over a set of clients on one io_context (`tixbench auth`,
// `--scenario queue-load`): every client's connection opened first, then every client started
// together, and the phase lasts until its last answer. A Client has Connect(done),
// last_answer() and TakeStats() (a PhaseStats); how it is started is the caller's.
#pragma once

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/error.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "phase_stats.h"

namespace tix::bench {

// Opens every client's connection; returns how many failed. Blocks.
template <typename Client>
std::uint32_t ConnectAll(boost::asio::io_context& io,
                         std::vector<std::unique_ptr<Client>>& clients) {
    std::uint32_t failed = 0;
    for (auto& client : clients) {
        client->Connect([&failed](boost::beast::error_code error) { failed += error ? 1 : 0; });
    }
    io.run();
    io.restart();
    return failed;
}

// Starts every client with `start(client)` and runs until none has work left; the figures of all.
template <typename Client, typename Start>
PhaseStats RunClosedLoopPhase(boost::asio::io_context& io,
                              std::vector<std::unique_ptr<Client>>& clients, std::string name,
                              Start start) {
    const auto begin = std::chrono::steady_clock::now();
    for (auto& client : clients) start(*client);
    io.run();
    io.restart();
    PhaseStats stats;
    stats.phase = std::move(name);
    stats.connections = static_cast<std::uint32_t>(clients.size());
    auto end = begin;
    for (auto& client : clients) {
        end = std::max(end, client->last_answer());
        stats.Merge(client->TakeStats());
    }
    stats.seconds = std::chrono::duration<double>(end - begin).count();
    return stats;
}

}  // namespace tix::bench
