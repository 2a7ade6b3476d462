#include "support/tix_server.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <thread>

namespace tix::test {
namespace {

namespace json = boost::json;

constexpr int kOverloadRetriesMax = 200;
constexpr std::chrono::milliseconds kOverloadPause{50};

}  // namespace

TixServer::TixServer() : TixServer(Options{}) {}

TixServer::TixServer(Options options) : options_(std::move(options)) {
    if (options_.create_admin) {
        const CommandResult created =
            RunTixdCommand({"admin", "create-user", "--data", data_.path().string(), "--email",
                            kAdminEmail, "--password", kAdminPassword, "--name", "Black-box Admin",
                            "--admin", "--password-cost", options_.password_cost});
        if (!created.status.Clean()) {
            error_ = "tixd admin create-user: " + created.status.ToString() + "\n" + created.output;
            return;
        }
    }
    Start();
}

TixServer::~TixServer() {
    admin_.reset();
    process_.reset();  // before the data directory goes
}

bool TixServer::Start() {
    admin_.reset();
    process_ = std::make_unique<TixdProcess>(TixdOptions{.data_dir = data_.path(),
                                                         .extra_args = options_.extra_args,
                                                         .password_cost = options_.password_cost});
    if (!process_->started()) error_ = "tixd did not start: " + process_->error();
    return ok();
}

ExitStatus TixServer::Crash() { return process_->Kill(SIGKILL); }

ExitStatus TixServer::Stop() { return process_->Terminate(); }

bool TixServer::Restart() {
    error_.clear();
    return Start();
}

std::unique_ptr<HttpClient> TixServer::NewClient() const {
    return std::make_unique<HttpClient>(port());
}

HttpClient& TixServer::admin() {
    if (!admin_) {
        admin_ = NewClient();
        admin_->Login(kAdminEmail, kAdminPassword);
    }
    return *admin_;
}

TestUser TixServer::NewUser(std::string_view tag) {
    TestUser user;
    user.email = std::string(tag) + "-" + std::to_string(::getpid()) + "-" +
                 std::to_string(next_user_.fetch_add(1)) + "@blackbox.tix";
    user.password = kUserPassword;
    auto client = NewClient();
    // 503 (overloaded: the password hashers are busy) promises nothing was done; retry shortly.
    Response response = client->Register(user.email, user.password, std::string(tag));
    for (int retry = 0; retry < kOverloadRetriesMax && response.status == 503; ++retry) {
        std::this_thread::sleep_for(kOverloadPause);
        response = client->Register(user.email, user.password, std::string(tag));
    }
    const json::value* user_id = Find(response.json, "user_id");
    if (response.status != 201 || user_id == nullptr || client->token().empty()) {
        ADD_FAILURE() << "registering " << user.email << " failed: " << response;
        return user;
    }
    user.user_id = *user_id;
    user.client = std::move(client);
    return user;
}

json::value TixServer::CreateEvent(const EventDraft& draft) {
    const Response response = admin().Post("/api/v1/events", draft.ToJson());
    if (response.status != 201 || Find(response.json, "event_id") == nullptr) {
        ADD_FAILURE() << "creating an event failed: " << response;
        return nullptr;
    }
    return response.json;
}

}  // namespace tix::test
