#include "app/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <vector>

#include "common/temp_dir.h"

namespace tix::app {
namespace {

Command Parse(std::vector<std::string> args) {
    args.insert(args.begin(), "tixd");
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    return ParseCommandLine(static_cast<int>(argv.size()), argv.data());
}

TEST(Config, ServeIsTheDefaultWithSafeDefaults) {
    const auto config = std::get<ServeConfig>(Parse({}));
    EXPECT_EQ(config.listen_host, "127.0.0.1");
    EXPECT_EQ(config.listen_port, 8080);
    EXPECT_EQ(config.data_dir, "./var");
    EXPECT_EQ(config.password_cost, "standard");
    EXPECT_FALSE(config.demo);
    EXPECT_TRUE(config.web_root.empty()) << "no web front end unless asked";
}

TEST(Config, ReadsServeOptionsWithOrWithoutTheSubcommand) {
    for (const bool with_subcommand : {false, true}) {
        std::vector<std::string> args{"--listen", "127.0.0.1:0", "--data",  "/tmp/x",
                                      "--demo",   "--web-root",  "web/dist"};
        if (with_subcommand) args.insert(args.begin(), "serve");
        const auto config = std::get<ServeConfig>(Parse(args));
        EXPECT_EQ(config.listen_port, 0);
        EXPECT_EQ(config.data_dir, "/tmp/x");
        EXPECT_TRUE(config.demo);
        EXPECT_EQ(config.web_root, "web/dist");
    }
}

TEST(Config, ReadsEnvironmentAndConfigFileAndRejectsUnknownKeys) {
    TempDir dir;
    std::ofstream(dir.File("tixd.toml")) << "data = \"/srv/tix\"\nthreads = 3\n";
    ::setenv("TIXD_LISTEN", "0.0.0.0:9000", 1);
    const auto config = std::get<ServeConfig>(Parse({"--config", dir.File("tixd.toml")}));
    ::unsetenv("TIXD_LISTEN");
    EXPECT_EQ(config.listen_host, "0.0.0.0");
    EXPECT_EQ(config.listen_port, 9000);
    EXPECT_EQ(config.data_dir, "/srv/tix");
    EXPECT_EQ(config.io_threads, 3u);

    std::ofstream(dir.File("bad.toml")) << "datta = \"/srv/tix\"\n";
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"--config", dir.File("bad.toml")})));
}

TEST(Config, RejectsBadValues) {
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"--listen", "nonsense"})));
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"--listen", "127.0.0.1:70000"})));
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"--password-cost", "none"})));
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"--frobnicate"})));
    EXPECT_NE(std::get<ExitNow>(Parse({"--frobnicate"})).code, 0);
}

TEST(Config, RefreshTokensLiveThirtyDaysUnlessToldOneToAYear) {
    EXPECT_EQ(std::get<ServeConfig>(Parse({})).refresh_token_days, 30u);
    for (const char* days : {"1", "365"}) {
        EXPECT_EQ(std::get<ServeConfig>(Parse({"--refresh-token-days", days})).refresh_token_days,
                  static_cast<unsigned>(std::stoul(days)));
    }
    for (const char* days : {"0", "366", "-1", "a week"}) {
        EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"--refresh-token-days", days}))) << days;
    }
    ::setenv("TIXD_REFRESH_TOKEN_DAYS", "7", 1);
    const auto config = std::get<ServeConfig>(Parse({}));
    ::unsetenv("TIXD_REFRESH_TOKEN_DAYS");
    EXPECT_EQ(config.refresh_token_days, 7u);
}

TEST(Config, RateLimitsDefaultToLevelsAFanNeverMeets) {
    const auto config = std::get<ServeConfig>(Parse({}));
    const RateLimitConfig& limits = config.rate_limits;
    EXPECT_EQ(limits.requests.per_ip, http::kDefaultPerIpRates);
    EXPECT_EQ(limits.requests.per_account, http::kDefaultPerAccountRates);
    EXPECT_TRUE(limits.requests.trusted_proxies.empty());
    EXPECT_FALSE(limits.requests.limit_loopback);
    EXPECT_FALSE(limits.logins.limit_loopback);
    EXPECT_EQ(limits.logins.failed_logins_per_account, auth::kDefaultFailedLoginsPerAccount);
    EXPECT_EQ(limits.logins.failed_logins_per_ip, auth::kDefaultFailedLoginsPerIp);
    EXPECT_EQ(limits.logins.registrations_per_ip, auth::kDefaultRegistrationsPerIp);
    EXPECT_EQ(DescribeRateLimits(limits),
              "per address (loopback exempt): auth 120/min, orders 600/min, queue 1200/min, "
              "reads 3000/min, webhooks 120000/min, checkin 60000/min, bids 1200/min, static "
              "6000/min; per account: auth 60/min, orders 120/min, queue 300/min, reads "
              "600/min, webhooks 600/min, checkin 30000/min, bids 120/min, static 600/min; "
              "failed logins: 10/hour per "
              "email, 100/hour per address; sign-ups: 30/hour per address; trusted proxies: "
              "none");
}

TEST(Config, ReadsRateLimitsFromTheCommandLine) {
    const auto config = std::get<ServeConfig>(
        Parse({"--rate-limit-orders-per-ip", "10/min,burst=5", "--rate-limit-reads-per-account",
               "off", "--rate-limit-failed-logins-per-account", "5/hour", "--trusted-proxy",
               "10.0.0.2", "--trusted-proxy", "::1", "--rate-limit-loopback"}));
    const RateLimitConfig& limits = config.rate_limits;
    constexpr auto kOrders = static_cast<std::size_t>(http::EndpointClass::kOrders);
    constexpr auto kReads = static_cast<std::size_t>(http::EndpointClass::kReads);
    EXPECT_EQ(limits.requests.per_ip[kOrders], (guard::Rate{10, std::chrono::minutes{1}, 5}));
    EXPECT_FALSE(limits.requests.per_account[kReads].enabled());
    EXPECT_EQ(limits.requests.per_ip[kReads], http::kDefaultPerIpRates[kReads]);
    EXPECT_EQ(limits.logins.failed_logins_per_account, guard::Rate::PerHour(5));
    ASSERT_EQ(limits.requests.trusted_proxies.size(), 2u);
    EXPECT_EQ(limits.requests.trusted_proxies[0].to_string(), "10.0.0.2");
    EXPECT_EQ(limits.requests.trusted_proxies[1].to_string(), "::1");
    EXPECT_TRUE(limits.requests.limit_loopback);
    EXPECT_TRUE(limits.logins.limit_loopback);
}

TEST(Config, ReadsRateLimitsFromTheConfigFile) {
    TempDir dir;
    std::ofstream(dir.File("tixd.toml")) << "rate-limit-auth-per-ip = \"30/min\"\n"
                                         << "rate-limit-registrations-per-ip = \"5/hour,burst=2\"\n"
                                         << "trusted-proxy = [\"10.0.0.2\", \"10.0.0.3\"]\n"
                                         << "rate-limit-loopback = true\n";
    const auto config = std::get<ServeConfig>(Parse({"--config", dir.File("tixd.toml")}));
    const RateLimitConfig& limits = config.rate_limits;
    EXPECT_EQ(limits.requests.per_ip[static_cast<std::size_t>(http::EndpointClass::kAuth)],
              guard::Rate::PerMinute(30));
    EXPECT_EQ(limits.logins.registrations_per_ip, (guard::Rate{5, std::chrono::hours{1}, 2}));
    EXPECT_EQ(limits.requests.trusted_proxies.size(), 2u);
    EXPECT_TRUE(limits.requests.limit_loopback);

    std::ofstream(dir.File("typo.toml")) << "rate-limit-order-per-ip = \"30/min\"\n";
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"--config", dir.File("typo.toml")})));
}

TEST(Config, RejectsBadRatesAndProxies) {
    for (const char* rate : {"10/fortnight", "0/min", "10", "ten/min", "10/min,burst=0"}) {
        const Command command = Parse({"--rate-limit-orders-per-ip", rate});
        ASSERT_TRUE(std::holds_alternative<ExitNow>(command)) << rate;
        EXPECT_NE(std::get<ExitNow>(command).code, 0) << rate;
    }
    const Command proxy = Parse({"--trusted-proxy", "proxy.example.com"});
    ASSERT_TRUE(std::holds_alternative<ExitNow>(proxy));
    EXPECT_EQ(std::get<ExitNow>(proxy).code, 2);
}

TEST(Config, CreateUserNeedsEmailAndPassword) {
    const auto create =
        std::get<CreateUserConfig>(Parse({"admin", "create-user", "--data", "d", "--email",
                                          "a@b.co", "--password", "longpassword", "--admin"}));
    EXPECT_EQ(create.email, "a@b.co");
    EXPECT_EQ(create.name, "a@b.co");
    EXPECT_TRUE(create.admin);
    EXPECT_FALSE(create.password_from_stdin);
    EXPECT_EQ(create.password, "longpassword");
    EXPECT_EQ(create.password_cost, "standard");
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"admin", "create-user", "--email", "x"})));
}

TEST(Config, CreateUserHashesAtTheServersCost) {
    const auto create =
        std::get<CreateUserConfig>(Parse({"admin", "create-user", "--email", "a@b.co",
                                          "--password-stdin", "--password-cost", "interactive"}));
    EXPECT_EQ(create.password_cost, "interactive");
    EXPECT_TRUE(
        std::holds_alternative<ExitNow>(Parse({"admin", "create-user", "--email", "a@b.co",
                                               "--password-stdin", "--password-cost", "x"})));
}

TEST(Config, CreateUserTakesThePasswordFromStandardInputInstead) {
    const auto create = std::get<CreateUserConfig>(
        Parse({"admin", "create-user", "--email", "a@b.co", "--password-stdin"}));
    EXPECT_TRUE(create.password_from_stdin);
    EXPECT_EQ(create.password, "");
    // One source of the password, not both.
    EXPECT_TRUE(
        std::holds_alternative<ExitNow>(Parse({"admin", "create-user", "--email", "a@b.co",
                                               "--password", "longpassword", "--password-stdin"})));
    EXPECT_NE(std::get<ExitNow>(Parse({"admin", "create-user", "--email", "a@b.co"})).code, 0);
}

TEST(Config, PaymentsAreInstantUnlessAProviderIsConfigured) {
    const auto instant = std::get<ServeConfig>(Parse({}));
    EXPECT_FALSE(instant.payments.provider());
    EXPECT_EQ(instant.payments.grace_seconds, 300u);

    TempDir dir;
    std::ofstream(dir.File("tixd.toml"))
        << "payments = \"provider\"\npayment-provider-url = \"http://127.0.0.1:8090\"\n"
           "payment-api-key = \"sk_from_the_file\"\n"
           "payment-webhook-secret = [\"whsec_old_0123456789\", \"whsec_new_0123456789\"]\n";
    const auto provider = std::get<ServeConfig>(Parse({"--config", dir.File("tixd.toml")}));
    EXPECT_TRUE(provider.payments.provider());
    EXPECT_EQ(provider.payments.provider_url, "http://127.0.0.1:8090");
    EXPECT_EQ(provider.payments.api_key, "sk_from_the_file");
    EXPECT_EQ(provider.payments.webhook_secrets,
              (std::vector<std::string>{"whsec_old_0123456789", "whsec_new_0123456789"}));
}

TEST(Config, ProviderPaymentsNeedTheirUrlKeyAndALongEnoughSecret) {
    const std::vector<std::string> whole{
        "--payments",        "provider", "--payment-provider-url",   "http://127.0.0.1:8090",
        "--payment-api-key", "sk_test",  "--payment-webhook-secret", "whsec_0123456789abcdef"};
    EXPECT_TRUE(std::holds_alternative<ServeConfig>(Parse(whole)));
    for (std::size_t drop = 2; drop < whole.size(); drop += 2) {
        std::vector<std::string> missing = whole;
        missing.erase(missing.begin() + static_cast<std::ptrdiff_t>(drop),
                      missing.begin() + static_cast<std::ptrdiff_t>(drop) + 2);
        EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse(missing))) << whole[drop];
    }
    std::vector<std::string> short_secret = whole;
    short_secret.back() = "short";
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse(short_secret)));
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"--payments", "sometimes"})));
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"--payment-grace-seconds", "0"})));
}

TEST(Config, AdminReconcileReadsWhereAndWho) {
    const auto reconcile = std::get<ReconcileConfig>(
        Parse({"admin", "reconcile", "--url", "http://127.0.0.1:9000", "--email", "a@b.co"}));
    EXPECT_EQ(reconcile.url, "http://127.0.0.1:9000");
    EXPECT_EQ(reconcile.email, "a@b.co");
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"admin", "reconcile"})));
}

}  // namespace
}  // namespace tix::app
