#include "agenda.h"

namespace tix::bench {

Agenda::Agenda(boost::asio::io_context& io, std::function<void(std::uint32_t)> wake)
    : wake_(std::move(wake)), timer_(io) {}

void Agenda::At(Clock::time_point when, std::uint32_t user) {
    heap_.push({when, user});
    Arm();
}

void Agenda::Clear() {
    heap_ = {};
    armed_.reset();
    timer_.cancel();
}

void Agenda::Arm() {
    if (heap_.empty()) return;
    const Clock::time_point next = heap_.top().when;
    if (armed_ && *armed_ <= next) return;
    armed_ = next;
    // Re-arming cancels the pending wait, whose handler then sees operation_aborted.
    timer_.expires_at(next);
    timer_.async_wait([this](boost::system::error_code error) {
        if (!error) OnTimer();
    });
}

void Agenda::OnTimer() {
    armed_.reset();
    const Clock::time_point now = Clock::now();
    // Users woken here may add entries (never due before now), which the loop also takes.
    while (!heap_.empty() && heap_.top().when <= now) {
        const std::uint32_t user = heap_.top().user;
        heap_.pop();
        wake_(user);
    }
    Arm();
}

}  // namespace tix::bench
