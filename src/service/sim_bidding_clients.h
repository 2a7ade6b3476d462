// SimBiddingClients: a merchant and shoppers of bidding flash-sales in the durable-path simulator
// (durable_path_simulation_test.cpp). Tests only; single-threaded.
//
// The merchant creates a few products and campaigns with short windows in simulated time (a few
// seconds, so the clock passes their end and settlements happen, some while the process is down);
// shoppers bid and bid again with random prices and member weights (some below the minimum price,
// some after the window), and read campaigns' orders and final rankings; winners pay (an instant
// charge, approved or declined), decline, or let their orders expire.
//
// Checked, from acknowledged answers: a final ranking's hash is the SHA-256 of its text; a settled
// campaign and its orders, once seen, never change (no second settlement, no order added, no
// term changed); a payment step answered kOk left the order in the status it names.
// After every recovery, against what Load returned and the recovered engine:
//   - every acknowledged bid is journaled, exactly;
//   - every campaign whose end has come is settled; none whose end is ahead is;
//   - every order acknowledged paid or cancelled still is;
//   - per product, replaying in time order its campaigns' settlements and the units its orders
//     gave back (expired or cancelled, at updated_at): each settled campaign has exactly min(K,
//     the stock left then, participants) winners and as many orders, and the stock is what the
//     replay leaves;
//   - the orders are the top of a plain sorted reference ranking of the journaled standing bids
//     (score descending, then elapsed_ms, then user id), and final_sha256 is the SHA-256 of that
//     ranking's FinalRankingText. (The journaled bids, not only the acknowledged ones: a bid whose
//     answer was lost may still be durable and stand.)
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "engine/command.h"
#include "engine/engine.h"
#include "engine/journal.h"
#include "engine/reply.h"

namespace tix::service {

class SimBiddingClients {
  public:
    using Problems = std::vector<std::string>;

    std::optional<engine::Command> NextCommand(std::mt19937_64& rng, TimePoint now);
    void OnAnswer(const engine::Command& sent, const engine::Reply& reply, bool durable,
                  Problems& problems);
    // A command refused (503), or every command in flight when the process died: never answered.
    void OnRefused(const engine::Command& sent) {
        if (std::holds_alternative<engine::CreateProduct>(sent)) creating_product_ = false;
    }
    void OnRestart() { creating_product_ = false; }
    void CheckRecovered(const engine::RecoveredState& loaded, const engine::Engine& engine,
                        TimePoint now, Problems& problems);

    const std::map<std::string, std::uint64_t>& stats() const { return stats_; }
    static std::string Describe(const engine::Command& command);

  private:
    using CampaignId = engine::CampaignId;

    engine::Command NewProduct(std::mt19937_64& rng);
    std::optional<engine::Command> NewCampaign(std::mt19937_64& rng, TimePoint now);
    std::optional<engine::Command> NewBid(std::mt19937_64& rng, TimePoint now);
    std::optional<CampaignId> AnyCampaign(std::mt19937_64& rng) const;
    std::optional<engine::Command> NextOrderStep(std::mt19937_64& rng);
    void OnOrderStep(const engine::Command& sent, const engine::OrderReply& reply,
                     Problems& problems);
    void OnBid(const engine::PlaceBid& sent, const engine::BidReply& reply, Problems& problems);
    void OnFinal(const engine::FinalRankingReply& reply, Problems& problems);
    // A settled campaign or its orders as seen now: the same as first seen, or a problem.
    void Seen(const engine::Campaign& campaign, Problems& problems);
    void Seen(CampaignId id, const std::vector<engine::CampaignOrder>& orders, Problems& problems);
    void CheckOrders(const engine::Engine& engine, Problems& problems) const;
    void CheckAcknowledged(const engine::RecoveredState& loaded, const engine::Engine& engine,
                           Problems& problems) const;
    void CheckSettlements(const engine::RecoveredState& loaded, const engine::Engine& engine,
                          TimePoint now, Problems& problems);

    std::vector<engine::ProductId> products_;  // acknowledged
    bool creating_product_ = false;
    std::map<CampaignId, engine::Campaign> campaigns_;  // acknowledged, as created
    std::map<engine::BidId, engine::Bid> acked_bids_;
    std::map<CampaignId, engine::Campaign> settled_;                   // as first seen settled
    std::map<CampaignId, std::vector<engine::CampaignOrder>> orders_;  // as first seen
    std::map<OrderId, engine::CampaignOrderStatus> won_;  // every order seen, as last answered
    std::map<OrderId, engine::CampaignOrderStatus> acked_final_;  // acknowledged paid, cancelled
    std::map<std::string, std::uint64_t> stats_;
};

}  // namespace tix::service
