#include "address_lane.h"

#include <cassert>

namespace tix::bench {

// One connection of the lane and the user whose request is on it.
class AddressLane::Slot final : public HttpConnection::Listener {
  public:
    Slot(AddressLane& lane, boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
         std::chrono::milliseconds timeout, boost::asio::ip::address local)
        : lane_(lane), connection_(io, server, timeout, *this, local) {}

    HttpConnection& connection() { return connection_; }
    void Send(std::uint32_t user) {
        user_ = user;
        lane_.owner_.SendFor(user, connection_);
    }

  private:
    void OnAnswer(const HttpAnswer& answer) override {
        assert(user_.has_value());
        // The owner reads the answer while the connection is still ours: its body lives in it.
        lane_.owner_.OnAnswerFor(*user_, answer);
        user_.reset();
        lane_.idle_.push_back(this);
        lane_.SendWaiting();
    }

    AddressLane& lane_;
    HttpConnection connection_;
    std::optional<std::uint32_t> user_;
};

AddressLane::AddressLane(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server,
                         std::chrono::milliseconds timeout, boost::asio::ip::address local,
                         std::uint32_t connections, std::uint32_t users_max, Owner& owner)
    : owner_(owner), users_max_(users_max) {
    assert(connections >= 1);
    for (std::uint32_t i = 0; i < connections; ++i) {
        slots_.push_back(std::make_unique<Slot>(*this, io, server, timeout, local));
        idle_.push_back(slots_.back().get());
    }
}

AddressLane::~AddressLane() = default;

void AddressLane::Connect(const std::function<void(boost::beast::error_code)>& done) {
    for (auto& slot : slots_) slot->connection().Connect(done);
}

void AddressLane::Enqueue(std::uint32_t user) {
    assert(waiting_.size() < users_max_ && "a user waits in its lane at most once");
    waiting_.push_back(user);
    SendWaiting();
}

void AddressLane::SendWaiting() {
    while (!idle_.empty() && !waiting_.empty()) {
        Slot* slot = idle_.back();
        idle_.pop_back();
        const std::uint32_t user = waiting_.front();
        waiting_.pop_front();
        slot->Send(user);
    }
}

}  // namespace tix::bench
