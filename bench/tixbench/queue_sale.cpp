#include "queue_sale.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <vector>

#include "address_lane.h"
#include "agenda.h"
#include "pow_worker.h"
#include "queue_monitor.h"
#include "queue_shoppers.h"

namespace tix::bench {
namespace {

using Clock = std::chrono::steady_clock;

class QueueSale final : public QueueShoppers::Port {
  public:
    QueueSale(const QueuePlan& plan, boost::asio::ip::tcp::endpoint server,
              std::chrono::milliseconds timeout)
        : plan_(plan),
          shoppers_(plan, *this),
          agenda_(io_, [this](std::uint32_t user) { Enqueue(user); }),
          pow_(io_, plan.tokens.size(),
               [this](std::uint32_t user, std::string nonce) {
                   shoppers_.OnSolved(user, std::move(nonce));
               }),
          monitor_(io_, server, plan.event_id, plan.sale_starts_at),
          time_limit_(io_) {
        for (const SimAddress& address : plan.population.addresses) {
            lanes_.push_back(std::make_unique<AddressLane>(
                io_, server, timeout, address.ip, address.connections, address.users, shoppers_));
        }
    }

    QueueSaleResult Run(std::ostream& log) {
        std::uint32_t failed = 0;
        for (auto& lane : lanes_) {
            lane->Connect([&failed](boost::beast::error_code error) { failed += error ? 1 : 0; });
        }
        io_.run();
        io_.restart();
        if (failed > 0) log << failed << " connections failed to open; they will retry\n";

        // The sale's start on the steady clock, which the agenda runs on.
        const Clock::time_point sale_start =
            Clock::now() + (plan_.sale_starts_at - std::chrono::system_clock::now());
        shoppers_.Start(sale_start);
        monitor_.Start();
        time_limit_.expires_at(sale_start +
                               std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(plan_.config.time_limit_s)));
        time_limit_.async_wait([this](boost::system::error_code error) {
            if (!error) AllDone();
        });
        io_.run();

        QueueSaleResult result;
        result.ended_at_s = ended_at_s_;
        result.samples = monitor_.samples();
        shoppers_.Collect(result);
        result.stats.errors += monitor_.errors();
        return result;
    }

    void Enqueue(std::uint32_t user) override {
        lanes_[plan_.population.users[user].address]->Enqueue(user);
    }
    void Later(std::uint32_t user, Clock::time_point when) override { agenda_.At(when, user); }
    void Solve(std::uint32_t user, const std::string& challenge, unsigned bits) override {
        pow_.Solve(user, challenge, bits);
    }
    // The end: requests still in flight are left unanswered.
    void AllDone() override {
        ended_at_s_ =
            std::chrono::duration<double>(std::chrono::system_clock::now() - plan_.sale_starts_at)
                .count();
        agenda_.Clear();
        monitor_.Stop();
        time_limit_.cancel();
        io_.stop();
    }

  private:
    const QueuePlan& plan_;
    boost::asio::io_context io_{1};
    QueueShoppers shoppers_;
    std::vector<std::unique_ptr<AddressLane>> lanes_;
    Agenda agenda_;
    PowWorker pow_;  // after io_: its thread stops before the io_context goes
    QueueMonitor monitor_;
    boost::asio::steady_timer time_limit_;
    double ended_at_s_ = 0;
};

}  // namespace

QueueSaleResult RunQueueSale(const QueuePlan& plan, boost::asio::ip::tcp::endpoint server,
                             std::chrono::milliseconds timeout, std::ostream& log) {
    QueueSale sale(plan, server, timeout);
    return sale.Run(log);
}

}  // namespace tix::bench
