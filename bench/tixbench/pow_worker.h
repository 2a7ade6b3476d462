// PowWorker: solves the simulated users' proofs of work on a thread of its own, as each person's
// own device would, so that the io_context thread keeps serving every other connection while a
// join's hashes are found. Results come back to the io_context's thread. A user has at most one
// job at a time, so the queue is bounded by the users (`jobs_max`).
#pragma once

#include <boost/asio/io_context.hpp>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace tix::bench {

class PowWorker {
  public:
    using Solved = std::function<void(std::uint32_t user, std::string nonce)>;

    // Starts the thread. `solved` runs on `io`'s thread.
    PowWorker(boost::asio::io_context& io, std::size_t jobs_max, Solved solved);
    // Stops the thread; jobs not yet solved are dropped.
    ~PowWorker();
    PowWorker(const PowWorker&) = delete;
    PowWorker& operator=(const PowWorker&) = delete;

    // Any thread. REQUIRES: the user has no job waiting.
    void Solve(std::uint32_t user, std::string challenge, unsigned bits);

  private:
    struct Job {
        std::uint32_t user;
        std::string challenge;
        unsigned bits;
    };

    void Loop();

    boost::asio::io_context& io_;
    std::size_t jobs_max_;
    Solved solved_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> jobs_;   // guarded by mutex_
    bool stopping_ = false;  // guarded by mutex_
    std::thread thread_;
};

}  // namespace tix::bench
