#include "redis_lua_store.h"

#include <hiredis/hiredis.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "redis_lua_scripts.h"

namespace tix::bench {
namespace {

constexpr int kConnectTimeoutS = 10;
constexpr std::uint64_t kUsersPerMget = 1000;  // bounds one reply while reading counts back

struct ContextFree {
    void operator()(redisContext* context) const { redisFree(context); }
};
struct ReplyFree {
    void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using ContextPtr = std::unique_ptr<redisContext, ContextFree>;
using ReplyPtr = std::unique_ptr<redisReply, ReplyFree>;

Result<ContextPtr> Open(const std::string& host, int port) {
    const timeval timeout{.tv_sec = kConnectTimeoutS, .tv_usec = 0};
    ContextPtr context(redisConnectWithTimeout(host.c_str(), port, timeout));
    if (context == nullptr) return {.error = "redis: out of memory"};
    if (context->err != 0) return {.error = std::string("redis: ") + context->errstr};
    return {.value = std::move(context)};
}

// Sends one command; a null reply means a transport error (see context->errstr).
ReplyPtr Command(redisContext& context, const std::vector<std::string>& args) {
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    for (const std::string& arg : args) {
        argv.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    return ReplyPtr(static_cast<redisReply*>(
        redisCommandArgv(&context, static_cast<int>(argv.size()), argv.data(), lengths.data())));
}

std::string Describe(const redisContext& context, const redisReply* reply) {
    if (reply == nullptr) return context.errstr[0] != '\0' ? context.errstr : "no reply";
    if (reply->type == REDIS_REPLY_ERROR) return std::string(reply->str, reply->len);
    return "unexpected reply type " + std::to_string(reply->type);
}

std::string StockKey(std::uint32_t zone) { return "stock:" + std::to_string(zone); }
std::string UserKey(std::uint64_t user) { return "user:" + std::to_string(user); }
std::string HoldKey(std::int64_t hold_id) { return "hold:" + std::to_string(hold_id); }

class RedisLuaConnection final : public AltConnection {
  public:
    RedisLuaConnection(ContextPtr context, const RedisLuaStore::ScriptShas& shas,
                       std::uint32_t serial)
        : context_(std::move(context)), shas_(shas), serial_(serial) {}

    HoldReply Hold(std::uint64_t user, std::uint32_t zone, std::uint32_t quantity) override {
        const std::int64_t hold_id = (static_cast<std::int64_t>(serial_) << 32) | ++holds_sent_;
        const auto result =
            Eval(shas_.hold, {StockKey(zone), UserKey(user), HoldKey(hold_id)},
                 {std::to_string(quantity), std::to_string(kTicketsPerUserMax),
                  std::to_string(kHoldTtlS), std::to_string(user), std::to_string(zone)});
        if (!result) return {};
        switch (*result) {
            case redis_lua::kHeld:
                return {.outcome = StoreOutcome::kHeld, .hold_id = hold_id};
            case redis_lua::kSoldOut:
                return {.outcome = StoreOutcome::kSoldOut};
            case redis_lua::kLimitExceeded:
                return {.outcome = StoreOutcome::kLimitExceeded};
        }
        Unexpected(*result);
        return {};
    }

    StoreOutcome Confirm(const HoldRef& hold) override {
        const auto result = Eval(shas_.confirm, {HoldKey(hold.hold_id)}, {});
        return FollowUpOutcome(result);
    }

    StoreOutcome Cancel(const HoldRef& hold) override {
        const auto result =
            Eval(shas_.cancel, {HoldKey(hold.hold_id), StockKey(hold.zone), UserKey(hold.user)},
                 {std::to_string(hold.zone), std::to_string(hold.user)});
        return FollowUpOutcome(result);
    }

    const std::string& last_error() const override { return last_error_; }

  private:
    // The script's integer result, or nullopt with last_error_ set.
    std::optional<long long> Eval(const std::string& sha, std::vector<std::string> keys,
                                  const std::vector<std::string>& args) {
        std::vector<std::string> command{"EVALSHA", sha, std::to_string(keys.size())};
        command.insert(command.end(), std::make_move_iterator(keys.begin()),
                       std::make_move_iterator(keys.end()));
        command.insert(command.end(), args.begin(), args.end());
        const ReplyPtr reply = Command(*context_, command);
        if (reply == nullptr || reply->type != REDIS_REPLY_INTEGER) {
            last_error_ = Describe(*context_, reply.get());
            return std::nullopt;
        }
        return reply->integer;
    }

    StoreOutcome FollowUpOutcome(std::optional<long long> result) {
        if (!result) return StoreOutcome::kError;
        if (*result == redis_lua::kDone) return StoreOutcome::kDone;
        if (*result == redis_lua::kNotHeld) return StoreOutcome::kNotHeld;
        return Unexpected(*result);
    }

    StoreOutcome Unexpected(long long result) {
        last_error_ = "unexpected script result " + std::to_string(result);
        return StoreOutcome::kError;
    }

    ContextPtr context_;
    const RedisLuaStore::ScriptShas& shas_;
    std::uint32_t serial_;
    std::uint32_t holds_sent_ = 0;
    std::string last_error_;
};

}  // namespace

std::string RedisLuaStore::Setup(const Scenario& scenario, std::uint64_t /*users*/) {
    auto context = Open(host_, port_);
    if (!context.ok()) return context.error;
    redisContext& redis = **context.value;
    auto run = [&](const std::vector<std::string>& args, std::string* out) -> std::string {
        const ReplyPtr reply = Command(redis, args);
        if (reply == nullptr || reply->type == REDIS_REPLY_ERROR) {
            return args[0] + ": " + Describe(redis, reply.get());
        }
        if (out != nullptr) out->assign(reply->str, reply->len);
        return {};
    };
    // Users need no keys: a missing user:<id> counts as 0 tickets.
    std::string error = run({"FLUSHALL"}, nullptr);
    if (error.empty()) error = run({"SCRIPT", "LOAD", redis_lua::kHoldScript}, &shas_.hold);
    if (error.empty()) error = run({"SCRIPT", "LOAD", redis_lua::kConfirmScript}, &shas_.confirm);
    if (error.empty()) error = run({"SCRIPT", "LOAD", redis_lua::kCancelScript}, &shas_.cancel);
    for (std::uint32_t zone = 0; error.empty() && zone < scenario.zones.size(); ++zone) {
        error =
            run({"SET", StockKey(zone), std::to_string(scenario.zones[zone].capacity)}, nullptr);
    }
    return error;
}

Result<std::unique_ptr<AltConnection>> RedisLuaStore::Connect() {
    auto context = Open(host_, port_);
    if (!context.ok()) return {.error = context.error};
    const std::uint32_t serial = next_connection_serial_.fetch_add(1);
    return {.value =
                std::make_unique<RedisLuaConnection>(std::move(*context.value), shas_, serial)};
}

Result<StoreSnapshot> RedisLuaStore::Snapshot(const Scenario& scenario, std::uint64_t users) {
    auto context = Open(host_, port_);
    if (!context.ok()) return {.error = context.error};
    redisContext& redis = **context.value;
    StoreSnapshot snapshot;
    for (std::uint32_t zone = 0; zone < scenario.zones.size(); ++zone) {
        const ReplyPtr reply = Command(redis, {"GET", StockKey(zone)});
        if (reply == nullptr || reply->type != REDIS_REPLY_STRING) {
            return {.error = "GET stock: " + Describe(redis, reply.get())};
        }
        snapshot.zone_taken.push_back(scenario.zones[zone].capacity -
                                      std::stoll(std::string(reply->str, reply->len)));
    }
    for (std::uint64_t first = 0; first < users; first += kUsersPerMget) {
        std::vector<std::string> command{"MGET"};
        const std::uint64_t end = std::min(users, first + kUsersPerMget);
        for (std::uint64_t user = first; user < end; ++user) command.push_back(UserKey(user));
        const ReplyPtr reply = Command(redis, command);
        if (reply == nullptr || reply->type != REDIS_REPLY_ARRAY) {
            return {.error = "MGET users: " + Describe(redis, reply.get())};
        }
        for (std::size_t i = 0; i < reply->elements; ++i) {
            const redisReply* count = reply->element[i];
            if (count->type != REDIS_REPLY_STRING) continue;
            snapshot.user_tickets[first + i] = std::stoll(std::string(count->str, count->len));
        }
    }
    return {.value = std::move(snapshot)};
}

}  // namespace tix::bench
