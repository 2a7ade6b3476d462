// QueueShoppers: what every simulated user of the queue scenario does, request by request: ask
// for a challenge, have the proof of work solved, join, poll (humans as poll_after_ms says, bots
// at once), wait out 429s, and once admitted hold and confirm tickets. It writes each user's
// next request when its lane has a free connection and reads the answer; the Port moves users
// between lanes, the agenda and the proof-of-work worker. Counts and the user records stay here
// until Collect. Runs on the io_context's thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "address_lane.h"
#include "onsale_workload.h"
#include "outcome_counter.h"
#include "queue_sale_result.h"
#include "queue_user_policy.h"

namespace tix::bench {

class QueueShoppers final : public AddressLane::Owner {
  public:
    using Clock = std::chrono::steady_clock;

    class Port {
      public:
        virtual void Enqueue(std::uint32_t user) = 0;  // on the user's lane, now
        virtual void Later(std::uint32_t user, Clock::time_point when) = 0;
        virtual void Solve(std::uint32_t user, const std::string& challenge, unsigned bits) = 0;
        virtual void AllDone() = 0;  // every user's part has ended

      protected:
        ~Port() = default;
    };

    QueueShoppers(const QueuePlan& plan, Port& port);

    // Schedules every user's arrival; `sale_start` is the sale's start on the steady clock.
    void Start(Clock::time_point sale_start);
    // The proof of work of the user's challenge is done: it joins.
    void OnSolved(std::uint32_t user, std::string nonce);
    // Moves the records, orders and counts out. Call after the run.
    void Collect(QueueSaleResult& result);

    void SendFor(std::uint32_t user, HttpConnection& connection) override;
    void OnAnswerFor(std::uint32_t user, const HttpAnswer& answer) override;

  private:
    enum class Step : std::uint8_t { kChallenge, kJoin, kPoll, kHold, kConfirm };

    struct Shopper {
        Step step = Step::kChallenge;
        std::string challenge;
        std::string nonce;
        Clock::time_point sent{};  // the request in flight
        double sent_at_s = 0;
        std::vector<BuyAttempt> attempts;
        std::uint32_t attempt = 0;
        std::size_t order = 0;  // ledger index of the held order
    };

    void Count(std::uint32_t user, const HttpAnswer& answer);
    void OnChallenge(std::uint32_t user, const HttpAnswer& answer);
    void OnJoin(std::uint32_t user, const HttpAnswer& answer);
    void OnStatus(std::uint32_t user, const StatusAnswer& status);
    void OnHold(std::uint32_t user, const HttpAnswer& answer);
    void OnConfirm(std::uint32_t user, const HttpAnswer& answer);
    bool RecordOrder(std::uint32_t user, std::string_view body);
    void StartBuying(std::uint32_t user);
    void Next(std::uint32_t user, Step step, std::chrono::milliseconds delay);
    void Unexpected(std::uint32_t user);
    void Finish(std::uint32_t user, UserEnd end);
    double NowSeconds() const;

    const QueuePlan& plan_;
    Port& port_;
    std::string challenge_path_;
    std::string queue_path_;
    std::string me_path_;
    std::string body_;    // reused: the request's JSON
    std::string target_;  // reused: a confirm's path
    ZipfPicker zones_;
    std::mt19937_64 rng_;
    std::vector<Shopper> shoppers_;
    std::vector<UserRecord> records_;
    std::uint32_t finished_ = 0;
    OrderLedger ledger_;
    RunStats stats_;
    OutcomeCounter outcomes_;
};

}  // namespace tix::bench
