#include "push/ticker.h"

#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

namespace tix::push {

struct Ticker::State : std::enable_shared_from_this<Ticker::State> {
    State(boost::asio::any_io_executor executor, std::chrono::milliseconds every,
          std::function<void()> on_tick)
        : timer(std::move(executor)), period(every), tick(std::move(on_tick)) {}

    void Arm() {
        timer.expires_after(period);
        timer.async_wait([self = shared_from_this()](boost::system::error_code ec) {
            if (ec || self->stopped.load(std::memory_order_acquire)) return;
            self->tick();
            self->Arm();
        });
    }

    boost::asio::steady_timer timer;  // on its executor only
    const std::chrono::milliseconds period;
    const std::function<void()> tick;
    std::atomic<bool> stopped{false};
};

Ticker::Ticker(boost::asio::any_io_executor executor, std::chrono::milliseconds period,
               std::function<void()> tick)
    : state_(std::make_shared<State>(std::move(executor), period, std::move(tick))) {}

Ticker::~Ticker() { Stop(); }

void Ticker::Start() {
    boost::asio::post(state_->timer.get_executor(), [state = state_] {
        if (!state->stopped.load(std::memory_order_acquire)) state->Arm();
    });
}

void Ticker::Stop() {
    if (state_->stopped.exchange(true, std::memory_order_acq_rel)) return;
    boost::asio::post(state_->timer.get_executor(), [state = state_] { state->timer.cancel(); });
}

}  // namespace tix::push
