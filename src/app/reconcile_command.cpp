#include "app/reconcile_command.h"

#include <boost/json.hpp>
#include <iostream>

#include "app/password_input.h"
#include "payments/provider_http_client.h"

namespace tix::app {
namespace {

namespace json = boost::json;

constexpr int kExitFailed = 1;
constexpr int kExitMismatches = 3;
// A reconciliation lists everything the provider has: give it time.
constexpr std::chrono::milliseconds kReconcileTimeout{600'000};

Result<payments::ProviderHttpClient*> Client(const std::string& url, const std::string& token,
                                             std::unique_ptr<payments::ProviderHttpClient>& out) {
    auto endpoint = payments::ParseProviderUrl(url);
    if (!endpoint.ok()) return endpoint.status();
    payments::ProviderHttpOptions options;
    options.endpoint = *endpoint;
    options.api_key = token;
    options.timeout = kReconcileTimeout;
    out = std::make_unique<payments::ProviderHttpClient>(options);
    return out.get();
}

// An access token for the admin, or an error to print.
Result<std::string> LogIn(const ReconcileConfig& config) {
    std::unique_ptr<payments::ProviderHttpClient> client;
    auto made = Client(config.url, "none", client);
    if (!made.ok()) return made.status();
    const std::string body =
        json::serialize(json::object{{"email", config.email}, {"password", config.password}});
    auto response = client->Send({payments::HttpMethod::kPost, "/api/v1/auth/login", body});
    if (!response.ok()) return response.status();
    if (response->status != 200) {
        return Status::InvalidArgument("login: HTTP " + std::to_string(response->status) + " " +
                                       response->body);
    }
    boost::system::error_code ec;
    const json::value answer = json::parse(response->body, ec);
    const json::value* token = ec ? nullptr : answer.as_object().if_contains("access_token");
    if (token == nullptr || !token->is_string()) {
        return Status::Corruption("login: no access_token in the answer");
    }
    return std::string(token->as_string());
}

}  // namespace

int RunReconcileCommand(const ReconcileConfig& given) {
    ReconcileConfig config = given;
    Result<std::string> password = ReadPasswordLine(std::cin);
    if (!password.ok()) {
        std::cerr << "reconcile: " << password.status().message() << "\n";
        return kExitFailed;
    }
    config.password = std::move(password).value();
    const Result<std::string> token = LogIn(config);
    if (!token.ok()) {
        std::cerr << "reconcile: " << token.status().ToString() << "\n";
        return kExitFailed;
    }
    std::unique_ptr<payments::ProviderHttpClient> client;
    auto made = Client(config.url, *token, client);
    if (!made.ok()) {
        std::cerr << "reconcile: " << made.status().ToString() << "\n";
        return kExitFailed;
    }
    payments::ProviderRequest request{payments::HttpMethod::kPost, "/api/v1/admin/reconcile", "{}"};
    request.response_bytes_max = 64 * 1024 * 1024;
    auto response = client->Send(request);
    if (!response.ok() || response->status != 200) {
        std::cerr << "reconcile: "
                  << (response.ok()
                          ? "HTTP " + std::to_string(response->status) + " " + response->body
                          : response.status().ToString())
                  << "\n";
        return kExitFailed;
    }
    std::cout << response->body << "\n";
    boost::system::error_code ec;
    const json::value report = json::parse(response->body, ec);
    if (ec || !report.is_object()) return kExitFailed;
    const json::value* mismatches = report.as_object().if_contains("mismatches");
    const bool clean = mismatches != nullptr && mismatches->is_array() &&
                       mismatches->as_array().empty() && !report.as_object().contains("error");
    return clean ? 0 : kExitMismatches;
}

}  // namespace tix::app
