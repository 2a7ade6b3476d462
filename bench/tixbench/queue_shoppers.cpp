#include "queue_shoppers.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cassert>
#include <cstdio>

#include "problem_code.h"

namespace tix::bench {
namespace {

using std::chrono::milliseconds;

// An answer the contract does not allow is retried after this, and counted as an error.
constexpr milliseconds kErrorBackoff{1'000};
constexpr std::uint64_t kSeedStride = 0x9E3779B97F4A7C15ULL;

const char* StepName(std::uint8_t step) {
    static constexpr const char* kNames[] = {"challenge", "join", "poll", "hold", "confirm"};
    return kNames[step];
}

UserEnd EndOf(const StatusAnswer& status) {
    if (status.status == "sold_out") return UserEnd::kSoldOut;
    if (status.status == "expired") return UserEnd::kExpired;
    return UserEnd::kOther;  // removed, or paid without a confirm of ours
}

}  // namespace

QueueShoppers::QueueShoppers(const QueuePlan& plan, Port& port)
    : plan_(plan),
      port_(port),
      challenge_path_("/api/v1/events/" + std::to_string(plan.event_id) + "/queue/challenge"),
      queue_path_("/api/v1/events/" + std::to_string(plan.event_id) + "/queue"),
      me_path_(queue_path_ + "/me"),
      zones_(static_cast<std::uint32_t>(plan.zone_ids.size()), WorkloadShape{}.zipf_exponent),
      rng_(plan.seed + kSeedStride),
      shoppers_(plan.tokens.size()),
      records_(plan.tokens.size()) {
    assert(plan.tokens.size() == plan.population.users.size());
    for (std::size_t user = 0; user < records_.size(); ++user) {
        records_[user].kind = plan.population.users[user].kind;
    }
}

void QueueShoppers::Start(Clock::time_point sale_start) {
    for (std::uint32_t user = 0; user < shoppers_.size(); ++user) {
        const double arrival_s = plan_.population.users[user].arrival_s;
        port_.Later(user, sale_start + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(arrival_s)));
    }
}

double QueueShoppers::NowSeconds() const {
    return std::chrono::duration<double>(std::chrono::system_clock::now() - plan_.sale_starts_at)
        .count();
}

void QueueShoppers::OnSolved(std::uint32_t user, std::string nonce) {
    shoppers_[user].nonce = std::move(nonce);
    Next(user, Step::kJoin, {});
}

void QueueShoppers::SendFor(std::uint32_t user, HttpConnection& connection) {
    Shopper& shopper = shoppers_[user];
    shopper.sent = Clock::now();
    shopper.sent_at_s = NowSeconds();
    const std::string& token = plan_.tokens[user];
    switch (shopper.step) {
        case Step::kChallenge:
            return connection.Send("GET", challenge_path_, token, {});
        case Step::kJoin:
            // A challenge is base64url and a nonce decimal: nothing to escape.
            body_ = R"({"challenge":")" + shopper.challenge + R"(","nonce":")" + shopper.nonce +
                    R"("})";
            return connection.Send("POST", queue_path_, token, body_);
        case Step::kPoll:
            return connection.Send("GET", me_path_, token, {});
        case Step::kHold: {
            const BuyAttempt& attempt = shopper.attempts[shopper.attempt];
            body_ = R"({"event_id":)" + std::to_string(plan_.event_id) + R"(,"zone_id":")" +
                    plan_.zone_ids[attempt.zone] + R"(","quantity":)" +
                    std::to_string(attempt.quantity) + "}";
            return connection.Send("POST", "/api/v1/orders", token, body_);
        }
        case Step::kConfirm:
            target_ = "/api/v1/orders/" + std::to_string(ledger_.orders()[shopper.order].order_id) +
                      "/confirm";
            return connection.Send("POST", target_, token, {});
    }
}

void QueueShoppers::OnAnswerFor(std::uint32_t user, const HttpAnswer& answer) {
    Shopper& shopper = shoppers_[user];
    Count(user, answer);
    if (answer.error) {
        if (shopper.step == Step::kHold) ledger_.CountUnansweredHold();
        return Next(user, shopper.step, kErrorBackoff);
    }
    // The rate limits and an overloaded server: wait as told, then send the same again.
    if (answer.status == 429 || answer.status == 503) {
        return Next(user, shopper.step, RetryDelay(answer.retry_after));
    }
    switch (shopper.step) {
        case Step::kChallenge:
            return OnChallenge(user, answer);
        case Step::kJoin:
            return OnJoin(user, answer);
        case Step::kPoll:
            if (const auto status = answer.status == 200 ? ReadStatus(answer.body) : std::nullopt) {
                return OnStatus(user, *status);
            }
            return Unexpected(user);
        case Step::kHold:
            return OnHold(user, answer);
        case Step::kConfirm:
            return OnConfirm(user, answer);
    }
}

// Counted by step and answer, bots apart ("poll 200", "bot poll 429 rate_limited").
void QueueShoppers::Count(std::uint32_t user, const HttpAnswer& answer) {
    const Shopper& shopper = shoppers_[user];
    const char* who = records_[user].kind == UserKind::kBot ? "bot " : "";
    const char* step = StepName(static_cast<std::uint8_t>(shopper.step));
    char key[128];
    int length = 0;
    if (answer.error) {
        length = std::snprintf(key, sizeof key, "%s%s error: %s", who, step,
                               answer.error.message().c_str());
        ++stats_.errors;
    } else {
        const std::string_view code = answer.status < 300 ? "" : ProblemCode(answer.body);
        length = std::snprintf(key, sizeof key, "%s%s %u%s%.*s", who, step, answer.status,
                               code.empty() ? "" : " ", static_cast<int>(code.size()), code.data());
        ++stats_.requests;
        const auto micros =
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - shopper.sent);
        stats_.all_latency.Record(
            static_cast<std::uint64_t>(std::max<std::int64_t>(0, micros.count())));
    }
    outcomes_.Count(std::string_view(
        key, std::min(sizeof key - 1, static_cast<std::size_t>(std::max(0, length)))));
}

void QueueShoppers::OnChallenge(std::uint32_t user, const HttpAnswer& answer) {
    const auto challenge = answer.status == 200 ? ReadChallenge(answer.body) : std::nullopt;
    if (!challenge) return Unexpected(user);
    shoppers_[user].challenge = challenge->challenge;
    port_.Solve(user, challenge->challenge, challenge->bits);
}

void QueueShoppers::OnJoin(std::uint32_t user, const HttpAnswer& answer) {
    const auto status =
        answer.status == 201 || answer.status == 200 ? ReadStatus(answer.body) : std::nullopt;
    if (!status) {
        // A spent or expired challenge: start again with a new one.
        if (answer.status == 403 && ProblemCode(answer.body) == "pow_invalid") {
            ++stats_.errors;
            return Next(user, Step::kChallenge, kErrorBackoff);
        }
        return Unexpected(user);
    }
    UserRecord& record = records_[user];
    if (answer.status == 201 && !record.joined_at_s) record.joined_at_s = shoppers_[user].sent_at_s;
    OnStatus(user, *status);
}

void QueueShoppers::OnStatus(std::uint32_t user, const StatusAnswer& status) {
    UserRecord& record = records_[user];
    record.entry_id = status.entry_id;
    if (status.draw_rank) record.draw_rank = status.draw_rank;
    if (status.admission_expires_at) {
        const TimePoint admitted =
            *status.admission_expires_at - std::chrono::seconds(plan_.config.admission_s);
        record.admitted_at_s =
            std::chrono::duration<double>(admitted - plan_.sale_starts_at).count();
    }
    const Decision decision = AfterStatus(record.kind, status);
    switch (decision.move) {
        case Move::kPoll:
            return Next(user, Step::kPoll, decision.delay);
        case Move::kBuy:
            return StartBuying(user);
        case Move::kStop:
            return Finish(user, EndOf(status));
    }
}

void QueueShoppers::StartBuying(std::uint32_t user) {
    Shopper& shopper = shoppers_[user];
    const std::uint32_t zone = zones_.Pick(rng_);
    const auto quantity = static_cast<std::uint32_t>(1 + rng_() % plan_.config.quantity_max);
    shopper.attempts =
        BuyAttempts(zone, static_cast<std::uint32_t>(plan_.zone_ids.size()), quantity);
    shopper.attempt = 0;
    Next(user, Step::kHold, {});
}

void QueueShoppers::OnHold(std::uint32_t user, const HttpAnswer& answer) {
    Shopper& shopper = shoppers_[user];
    if (answer.status == 201) {
        if (RecordOrder(user, answer.body)) return Next(user, Step::kConfirm, {});
        // An order it cannot read: holding again could hold twice, so the user stops.
        ++stats_.errors;
        ledger_.CountUnansweredHold();
        return Finish(user, UserEnd::kOther);
    }
    const std::string_view code = ProblemCode(answer.body);
    if (answer.status == 409 && code == "sold_out") {
        if (++shopper.attempt < shopper.attempts.size()) return Next(user, Step::kHold, {});
        return Finish(user, UserEnd::kNoTickets);
    }
    // The admission ended before the hold (it lapsed): the status will say so.
    if (answer.status == 403 && code == "not_admitted") return Next(user, Step::kPoll, {});
    Unexpected(user);
}

bool QueueShoppers::RecordOrder(std::uint32_t user, std::string_view body) {
    boost::json::error_code error;
    const boost::json::value order = boost::json::parse(body, error);
    const auto* object = error ? nullptr : order.if_object();
    const auto* id = object ? object->if_contains("order_id") : nullptr;
    const auto* quantity = object ? object->if_contains("quantity") : nullptr;
    if (id == nullptr || !id->is_int64() || quantity == nullptr || !quantity->is_int64()) {
        return false;
    }
    Shopper& shopper = shoppers_[user];
    const BuyAttempt& attempt = shopper.attempts[shopper.attempt];
    shopper.order = ledger_.Add({.order_id = id->as_int64(),
                                 .user = user,
                                 .zone_index = attempt.zone,
                                 .quantity = static_cast<std::uint32_t>(quantity->as_int64()),
                                 .state = OrderState::kHeld});
    ++stats_.holds_ok;
    stats_.tickets_held += static_cast<std::uint64_t>(quantity->as_int64());
    return true;
}

void QueueShoppers::OnConfirm(std::uint32_t user, const HttpAnswer& answer) {
    const Shopper& shopper = shoppers_[user];
    if (answer.status != 200) {
        ledger_.SetState(shopper.order, OrderState::kUnknown);
        ++stats_.errors;
        return Finish(user, UserEnd::kOther);
    }
    ledger_.SetState(shopper.order, OrderState::kPaid);
    ++stats_.confirms_ok;
    UserRecord& record = records_[user];
    record.paid_at_s = NowSeconds();
    record.tickets = ledger_.orders()[shopper.order].quantity;
    Finish(user, UserEnd::kPaid);
}

void QueueShoppers::Next(std::uint32_t user, Step step, milliseconds delay) {
    shoppers_[user].step = step;
    if (delay <= milliseconds(0)) return port_.Enqueue(user);
    port_.Later(user, Clock::now() + delay);
}

void QueueShoppers::Unexpected(std::uint32_t user) {
    ++stats_.errors;
    Next(user, shoppers_[user].step, kErrorBackoff);
}

void QueueShoppers::Finish(std::uint32_t user, UserEnd end) {
    assert(records_[user].end == UserEnd::kUnfinished);
    records_[user].end = end;
    if (++finished_ == records_.size()) port_.AllDone();
}

void QueueShoppers::Collect(QueueSaleResult& result) {
    result.users = std::move(records_);
    result.ledger.Merge(std::move(ledger_));
    outcomes_.AddTo(stats_);
    result.stats.Merge(stats_);
}

}  // namespace tix::bench
