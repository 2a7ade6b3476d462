#include "service/sequencer_steps.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "engine/dispatch.h"

namespace tix::service {
namespace {

// The order a cancel or confirm waits for, if its reply says a payment is under way.
std::optional<OrderId> WaitsForPayment(const engine::Command& command, const engine::Reply& reply) {
    const auto* order_reply = std::get_if<engine::OrderReply>(&reply);
    if (order_reply == nullptr || order_reply->outcome != engine::OrderOutcome::kPaymentPending) {
        return std::nullopt;
    }
    if (const auto* cancel = std::get_if<engine::CancelOrder>(&command)) return cancel->order_id;
    if (const auto* confirm = std::get_if<engine::BeginPayment>(&command)) return confirm->order_id;
    return std::nullopt;
}

}  // namespace

bool ParkedCommands::Park(OrderId order_id, Submitted& command) {
    if (closed_ || waiting_.size() >= kParkedCommandsMax) return false;
    waiting_.emplace_back(order_id, std::move(command));
    return true;
}

void ParkedCommands::Release(const engine::JournalBatch& records, Mark first,
                             std::vector<Submitted>& ready) {
    for (std::size_t i = first.orders; i < records.orders.size() && !waiting_.empty(); ++i) {
        ReleaseOrder(records.orders[i].order.order_id, ready);
    }
    const std::vector<engine::CampaignOrder>& won = records.bidding.orders;
    for (std::size_t i = first.campaign_orders; i < won.size() && !waiting_.empty(); ++i) {
        ReleaseOrder(won[i].order_id, ready);
    }
}

void ParkedCommands::ReleaseOrder(OrderId changed, std::vector<Submitted>& ready) {
    auto waits = [&](const auto& entry) { return entry.first == changed; };
    for (auto& entry : waiting_) {
        if (waits(entry)) ready.push_back(std::move(entry.second));
    }
    std::erase_if(waiting_, waits);
}

std::vector<Submitted> ParkedCommands::Close() {
    closed_ = true;
    std::vector<Submitted> all;
    for (auto& entry : waiting_) all.push_back(std::move(entry.second));
    waiting_.clear();
    return all;
}

void ApplyCommands(engine::Engine& engine, std::span<Submitted> commands, TimePoint now,
                   AppliedBatch& batch, ParkedCommands& parked) {
    static thread_local std::vector<OrderId> expired;  // reused: no allocation per step
    expired.clear();
    engine.ExpireDue(now, expired);
    std::vector<Submitted> released;
    if (!parked.empty()) {
        const ParkedCommands::Mark first = ParkedCommands::MarkOf(batch.records);
        engine.DrainChanges(batch.records);
        parked.Release(batch.records, first, released);
    } else {
        engine.DrainChanges(batch.records);
    }
    batch.answers.reserve(batch.answers.size() + commands.size());
    auto apply = [&](Submitted& submitted) {
        engine::Reply reply = engine::Apply(engine, submitted.command, now);
        const ParkedCommands::Mark first = ParkedCommands::MarkOf(batch.records);
        engine.DrainChanges(batch.records);
        if (!parked.empty()) parked.Release(batch.records, first, released);
        if (const std::optional<OrderId> order_id = WaitsForPayment(submitted.command, reply)) {
            if (parked.Park(*order_id, submitted)) return;
        }
        batch.answers.push_back(
            {std::move(reply), std::move(submitted.completion), submitted.home});
    };
    for (Submitted& submitted : commands) apply(submitted);
    // Released commands may release others in turn; each order changes finitely often.
    for (std::size_t i = 0; i < released.size(); ++i) {
        Submitted next = std::move(released[i]);
        apply(next);
    }
    // Holds, cancels, payments, joins and queue changes may let a waiting room admit (or stop
    // it): pump now rather than at the next deadline, which a room blocked on seats has not.
    // Only admissions change here, so no parked command waits on them.
    if (!commands.empty()) {
        engine.PumpQueues(now);
        engine.DrainChanges(batch.records);
    }
}

Status AppendBatches(engine::Journal& journal, std::deque<AppliedBatch>& batches) {
    AppliedBatch& merged = batches.front();
    for (std::size_t i = 1; i < batches.size(); ++i) {
        merged.records.Append(std::move(batches[i].records));
    }
    return journal.Append(merged.records);
}

Status CommitBatches(engine::Journal& journal, std::deque<AppliedBatch>& batches) {
    Status status = AppendBatches(journal, batches);
    CompleteBatches(batches, status.ok());
    return status;
}

void CompleteBatches(std::deque<AppliedBatch>& batches, bool durable) {
    // Few homes (one per IO thread): a linear scan beats a map. Each home gets its answers in
    // one post, in batch order: one wake-up per IO thread per commit, not one per request.
    using HomeAnswers = std::vector<AppliedBatch::Answer>;
    std::vector<std::pair<CompletionHome*, HomeAnswers>> by_home;
    for (AppliedBatch& batch : batches) {
        for (AppliedBatch::Answer& answer : batch.answers) {
            if (!answer.completion) continue;
            if (answer.home == nullptr) {
                answer.completion(std::move(answer.reply), durable);
                continue;
            }
            auto it = std::find_if(by_home.begin(), by_home.end(),
                                   [&](const auto& entry) { return entry.first == answer.home; });
            if (it == by_home.end()) it = by_home.insert(by_home.end(), {answer.home, {}});
            it->second.push_back(std::move(answer));
        }
    }
    for (auto& [home, answers] : by_home) {
        home->Post([answers = std::move(answers), durable]() mutable {
            for (AppliedBatch::Answer& answer : answers) {
                answer.completion(std::move(answer.reply), durable);
            }
        });
    }
    batches.clear();
}

}  // namespace tix::service
