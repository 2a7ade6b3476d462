#include "pow_worker.h"

#include <boost/asio/post.hpp>
#include <cassert>

#include "pow_solver.h"

namespace tix::bench {

PowWorker::PowWorker(boost::asio::io_context& io, std::size_t jobs_max, Solved solved)
    : io_(io), jobs_max_(jobs_max), solved_(std::move(solved)), thread_([this] { Loop(); }) {}

PowWorker::~PowWorker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void PowWorker::Solve(std::uint32_t user, std::string challenge, unsigned bits) {
    {
        std::lock_guard lock(mutex_);
        assert(jobs_.size() < jobs_max_ && "one job per user at most");
        jobs_.push_back({user, std::move(challenge), bits});
    }
    wake_.notify_one();
}

void PowWorker::Loop() {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (stopping_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        std::string nonce = SolveProofOfWork(job.challenge, job.bits);
        boost::asio::post(io_, [this, user = job.user, nonce = std::move(nonce)]() mutable {
            solved_(user, std::move(nonce));
        });
    }
}

}  // namespace tix::bench
