// Engine's bidding operations (issue 11): BiddingBook does the work; the engine gives it the
// order id sequence and settles campaigns in ExpireDue (engine.cpp).
#include "engine/engine.h"
#include "engine/engine_state.h"

namespace tix::engine {

const Product& Engine::AddProduct(Product product, TimePoint now) {
    return state_->bidding.AddProduct(std::move(product), now);
}

CampaignSetupOutcome Engine::AddCampaign(Campaign campaign, TimePoint now, CampaignId& id) {
    return state_->bidding.AddCampaign(std::move(campaign), now, id);
}

BidResult Engine::PlaceBid(const BidRequest& request, TimePoint now) {
    return state_->bidding.PlaceBid(request, now);
}

const BiddingBook& Engine::Bidding() const { return state_->bidding; }

void Engine::RestoreBidding(const BiddingSnapshot& snapshot) {
    state_->bidding.Restore(snapshot, state_->orders);
}

}  // namespace tix::engine
