#include "tixscan/checkin_client.h"

#include "tixscan/checkin_bundle.h"

namespace tix::tixscan {
namespace {

// How much of an error answer's body goes into the message (a problem+json is ~200 bytes).
constexpr std::size_t kErrorBodyShown = 300;
constexpr std::string_view kProviderPrefix = "payment provider unavailable: ";
// An upload's answer: ~60 bytes per scan result.
constexpr std::size_t kUploadAnswerBytesMax = 1024 * 1024;

std::string EventPath(EventId event_id, std::string_view what) {
    return "/api/v1/events/" + std::to_string(event_id.value()) + "/checkin/" + std::string(what);
}

bool IsPrintableToken(std::string_view token) {
    if (token.empty()) return false;
    for (const char c : token) {
        if (c <= ' ' || c >= 127) return false;
    }
    return true;
}

}  // namespace

Result<std::unique_ptr<CheckinClient>> CheckinClient::Create(std::string_view server_url,
                                                             std::string token,
                                                             std::chrono::milliseconds timeout) {
    auto endpoint = payments::ParseProviderUrl(server_url);
    if (!endpoint.ok()) {
        return Status::InvalidArgument(
            "--server: expected http://<ip address or localhost>"
            "[:port], got '" +
            std::string(server_url) + "'");
    }
    if (!IsPrintableToken(token)) {
        return Status::InvalidArgument("--token: must be printable ASCII without spaces");
    }
    if (timeout <= std::chrono::milliseconds::zero()) {
        return Status::InvalidArgument("--timeout-ms: must be positive");
    }
    return std::make_unique<CheckinClient>(payments::ProviderHttpOptions{
        .endpoint = std::move(endpoint).value(), .api_key = std::move(token), .timeout = timeout});
}

Result<std::string> CheckinClient::Call(const payments::ProviderRequest& request) {
    auto response = http_.Send(request);
    if (!response.ok()) {
        // The client was written for the payment provider and says so; here it is tixd.
        std::string message = response.status().message();
        if (message.starts_with(kProviderPrefix)) message.erase(0, kProviderPrefix.size());
        return Status(response.status().code() == Status::Code::kIoError
                          ? Status::IoError("tixd unreachable: " + message)
                          : response.status());
    }
    if (response->status != 200) {
        return Status::InvalidArgument("tixd answered " + std::to_string(response->status) +
                                       " to " + std::string(request.target) + ": " +
                                       response->body.substr(0, kErrorBodyShown));
    }
    return std::move(response->body);
}

Result<std::string> CheckinClient::FetchBundle(EventId event_id,
                                               std::optional<std::uint64_t> since) {
    std::string target = EventPath(event_id, "bundle");
    if (since) target += "?since=" + std::to_string(*since);
    return Call({.method = payments::HttpMethod::kGet,
                 .target = target,
                 .response_bytes_max = kBundleBytesMax});
}

Result<std::string> CheckinClient::Upload(EventId event_id, std::string_view body) {
    const std::string target = EventPath(event_id, "upload");
    return Call({.method = payments::HttpMethod::kPost,
                 .target = target,
                 .body = body,
                 .response_bytes_max = kUploadAnswerBytesMax});
}

}  // namespace tix::tixscan
