#include "pay_config.h"

#include "bench_config.h"

namespace tix::bench {

Status ValidatePayConfig(const PayConfig& config) {
    if (config.tixpay_target.empty()) {
        return Status::InvalidArgument("--scenario pay needs --tixpay host:port");
    }
    if (config.api_key.empty() || config.webhook_secret.empty()) {
        return Status::InvalidArgument(
            "--scenario pay needs --tixpay-api-key and --webhook-secret (tixd's)");
    }
    if (!(config.redelivered_share >= 0 && config.redelivered_share <= 1)) {
        return Status::InvalidArgument("--redelivered-share: 0..1");
    }
    if (config.buyers > kUsersMax) {
        return Status::InvalidArgument("--buyers: 0.." + std::to_string(kUsersMax));
    }
    if (config.buyer_connections < 1 || config.buyer_connections > kConnectionsMax) {
        return Status::InvalidArgument("--buyer-connections: 1.." +
                                       std::to_string(kConnectionsMax));
    }
    if (config.poll_ms < 1 || config.poll_ms > kPayPollMsMax) {
        return Status::InvalidArgument("--poll-ms: 1.." + std::to_string(kPayPollMsMax));
    }
    return Status::Ok();
}

}  // namespace tix::bench
