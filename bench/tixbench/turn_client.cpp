#include "turn_client.h"

#include <boost/json/value.hpp>
#include <cassert>
#include <cstdio>

#include "problem_code.h"

namespace tix::bench {

namespace asio = boost::asio;

namespace {

// After a transport error the connection reconnects; a short pause keeps a dead server from
// turning the bench into a busy loop of failed connects.
constexpr std::chrono::milliseconds kErrorBackoff{20};
constexpr std::uint64_t kSeedStride = 0x9E3779B97F4A7C15ULL;  // distinct stream per connection

std::uint64_t Micros(std::chrono::steady_clock::duration d) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
    return us < 0 ? 0 : static_cast<std::uint64_t>(us);
}

}  // namespace

TurnClient::TurnClient(asio::io_context& io, asio::ip::tcp::endpoint server,
                       std::chrono::milliseconds timeout, const RunPlan& plan, RunShared& shared,
                       std::uint32_t index, Owner& owner)
    : connection_(io, server, timeout, *this),
      plan_(plan),
      shared_(shared),
      owner_(owner),
      workload_(plan.shape,
                static_cast<std::uint32_t>(std::max<std::size_t>(1, plan.zone_ids.size())),
                plan.seed + kSeedStride * (index + 1)),
      backoff_(io) {}

void TurnClient::Connect(std::function<void(boost::beast::error_code)> done) {
    connection_.Connect(std::move(done));
}

bool TurnClient::StartTurn(Clock::time_point intended) {
    measure_from_ = intended;
    if (plan_.scenario == Scenario::kCeiling) {
        step_ = Step::kHealth;
        connection_.Send("GET", "/health", {}, {});
        return true;
    }
    const std::optional<std::uint32_t> user = shared_.users.Acquire();
    if (!user) return false;
    user_ = *user;
    attempt_ = workload_.Next();
    zone_ = attempt_.zone_index;
    tried_fallback_ = false;
    SendHold();
    return true;
}

void TurnClient::SendHold() {
    step_ = Step::kHold;
    const int length = std::snprintf(
        body_.data(), body_.size(), R"({"event_id":%lld,"zone_id":"%s","quantity":%u})",
        static_cast<long long>(plan_.event_id), plan_.zone_ids[zone_].c_str(), attempt_.quantity);
    connection_.Send("POST", "/api/v1/orders", plan_.tokens[user_],
                     std::string_view(body_.data(), static_cast<std::size_t>(length)));
}

void TurnClient::SendFollowUp(Step step) {
    step_ = step;
    measure_from_ = Clock::now();
    const std::int64_t order_id = ledger_.orders()[order_].order_id;
    const int length = std::snprintf(target_.data(), target_.size(), "/api/v1/orders/%lld/%s",
                                     static_cast<long long>(order_id),
                                     step == Step::kConfirm ? "confirm" : "cancel");
    connection_.Send("POST", std::string_view(target_.data(), static_cast<std::size_t>(length)),
                     plan_.tokens[user_], {});
}

void TurnClient::OnAnswer(const HttpAnswer& answer) {
    const Clock::time_point now = Clock::now();
    const std::uint64_t micros = Micros(now - measure_from_);
    if (!answer.error) {
        ++stats_.requests;
        stats_.all_latency.Record(micros);
    }
    switch (step_) {
        case Step::kHealth:
            if (answer.error) {
                CountTransportError(answer);
            } else {
                outcomes_.CountStatus(answer.status, {});
                if (answer.status != 200) ++stats_.errors;
            }
            return EndTurn(static_cast<bool>(answer.error));
        case Step::kHold:
            if (!answer.error) stats_.hold_latency.Record(micros);
            return OnHoldAnswer(answer, now);
        case Step::kConfirm:
        case Step::kCancel:
            return OnFollowUpAnswer(answer);
        case Step::kIdle:
            break;
    }
    assert(false && "answer with no request in flight");
}

void TurnClient::OnHoldAnswer(const HttpAnswer& answer, Clock::time_point now) {
    if (answer.error) {
        CountTransportError(answer);
        ledger_.CountUnansweredHold();  // the server may have made an order we never saw
        return EndTurn(true);
    }
    const std::string_view code =
        answer.status == 201 ? std::string_view{} : ProblemCode(answer.body);
    outcomes_.CountStatus(answer.status, code);
    if (answer.status == 201) {
        if (!RecordOrder(answer.body)) {
            ++stats_.errors;
            outcomes_.Count("error: unreadable order");
            ledger_.CountUnansweredHold();
            return EndTurn(false);
        }
        switch (attempt_.follow_up) {
            case FollowUp::kConfirm:
                return SendFollowUp(Step::kConfirm);
            case FollowUp::kCancel:
                return SendFollowUp(Step::kCancel);
            case FollowUp::kLeave:
                return EndTurn(false);
        }
    }
    const bool sold_out = answer.status == 409 && code == "sold_out";
    if (sold_out) shared_.sold_out.Record(zone_, now - shared_.start);
    if (sold_out || (answer.status == 409 && code == "no_adjacent_seats")) {
        if (plan_.fallback && !tried_fallback_ && plan_.zone_ids.size() > 1) {
            tried_fallback_ = true;
            zone_ = workload_.FallbackZone(zone_);
            measure_from_ = now;
            return SendHold();
        }
        return EndTurn(false);
    }
    // Refusals the contract allows under load; anything else is the server misbehaving.
    const bool expected = (answer.status == 422 && code == "limit_exceeded") ||
                          (answer.status == 503 && code == "overloaded");
    if (!expected) ++stats_.errors;
    EndTurn(false);
}

void TurnClient::OnFollowUpAnswer(const HttpAnswer& answer) {
    const bool confirm = step_ == Step::kConfirm;
    if (answer.error) {
        CountTransportError(answer);
    } else {
        outcomes_.CountStatus(answer.status,
                              answer.status == 200 ? std::string_view{} : ProblemCode(answer.body));
    }
    if (!answer.error && answer.status == 200) {
        ++(confirm ? stats_.confirms_ok : stats_.cancels_ok);
        ledger_.SetState(order_, confirm ? OrderState::kPaid : OrderState::kCancelled);
    } else {
        if (!answer.error) ++stats_.errors;
        ledger_.SetState(order_, OrderState::kUnknown);
    }
    EndTurn(static_cast<bool>(answer.error));
}

// Reads order_id, quantity and seats from a 201 into the ledger. The JSON lives in the
// client's own memory block: no heap allocation unless an order is unusually large.
bool TurnClient::RecordOrder(std::string_view body) {
    json_resource_.release();  // back to the start of the client's block
    json_parser_.reset(&json_resource_);
    boost::system::error_code error;
    json_parser_.write(body.data(), body.size(), error);
    if (error) return false;
    const boost::json::value order = json_parser_.release();
    const auto* object = order.if_object();
    const auto* id = object ? object->if_contains("order_id") : nullptr;
    const auto* quantity = object ? object->if_contains("quantity") : nullptr;
    const auto* seats = object ? object->if_contains("seats") : nullptr;
    if (!id || !id->is_int64() || !quantity || !quantity->is_int64() || !seats ||
        !seats->is_array()) {
        return false;
    }
    OrderRecord record{.order_id = id->as_int64(),
                       .user = user_,
                       .zone_index = zone_,
                       .quantity = static_cast<std::uint32_t>(quantity->as_int64()),
                       .state = OrderState::kHeld};
    record.seats.reserve(seats->as_array().size());
    for (const boost::json::value& seat : seats->as_array()) {
        if (!seat.is_string()) return false;
        record.seats.emplace_back(seat.as_string().c_str(), seat.as_string().size());
    }
    ++stats_.holds_ok;
    stats_.tickets_held += record.quantity;
    order_ = ledger_.Add(std::move(record));
    return true;
}

void TurnClient::CountTransportError(const HttpAnswer& answer) {
    ++stats_.errors;
    char key[96];
    const int length = std::snprintf(key, sizeof key, "error: %s", answer.error.message().c_str());
    outcomes_.Count(std::string_view(key, static_cast<std::size_t>(length)));
}

void TurnClient::EndTurn(bool after_error) {
    step_ = Step::kIdle;
    if (plan_.scenario != Scenario::kCeiling) shared_.users.Release(user_);
    if (!after_error) return owner_.OnTurnDone(*this);
    backoff_.expires_after(kErrorBackoff);
    backoff_.async_wait([this](boost::system::error_code) { owner_.OnTurnDone(*this); });
}

void TurnClient::CollectInto(RunStats& stats, OrderLedger& ledger) {
    outcomes_.AddTo(stats);
    stats.Merge(stats_);
    ledger.Merge(std::move(ledger_));
}

}  // namespace tix::bench
