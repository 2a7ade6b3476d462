#include "bidding_config.h"

#include <cmath>

namespace tix::bench {
namespace {

// Opening sockets runs at a few thousand a second on this machine; a second per 1,000 is ample.
constexpr double kSocketsPerSecond = 1'000;
constexpr double kCampaignMarginSeconds = 5;

}  // namespace

Status ValidateBiddingConfig(const BiddingConfig& config) {
    if (config.bidders < 1 || config.bidders > kBiddersMax) {
        return Status::InvalidArgument("--bidders: 1.." + std::to_string(kBiddersMax));
    }
    if (config.stock < 1) return Status::InvalidArgument("--stock: at least 1");
    if (config.quota < 1 || config.quota > kBiddingQuotaMax) {
        return Status::InvalidArgument("--quota: 1.." + std::to_string(kBiddingQuotaMax));
    }
    if (config.campaign_seconds < 0 || !std::isfinite(config.campaign_seconds)) {
        return Status::InvalidArgument("--campaign-seconds: 0 (derived) or more");
    }
    if (config.redis.empty()) return Status::InvalidArgument("--redis: auto, off or HOST:PORT");
    return Status::Ok();
}

double CampaignSeconds(const BiddingConfig& config, double bidding_seconds) {
    if (config.campaign_seconds > 0) return config.campaign_seconds;
    return std::ceil(bidding_seconds + config.bidders / kSocketsPerSecond + kCampaignMarginSeconds);
}

}  // namespace tix::bench
