// The sequencer's two steps, without threads or clocks: apply a run of commands to the engine
// (engine step), then make their changes durable and answer them (commit step). The production
// Sequencer's threads call these; the durable-path simulator calls them itself, with a simulated
// clock and journal, in any interleaving it likes.
#pragma once

#include <deque>
#include <functional>
#include <span>
#include <vector>

#include "common/limits.h"
#include "common/status.h"
#include "common/types.h"
#include "engine/command.h"
#include "engine/engine.h"
#include "engine/journal.h"
#include "engine/reply.h"
#include "service/completion_home.h"

namespace tix::service {

// Called once the command's batch is durable (true) or can never be (false), with the engine's
// reply: on the submitting thread's CompletionHome if it had one, else on the committing thread.
using Completion = std::function<void(engine::Reply&& reply, bool durable)>;

struct Submitted {
    engine::Command command;
    Completion completion;
    CompletionHome* home = nullptr;
};

// Applied commands waiting for their changes to be durable.
struct AppliedBatch {
    struct Answer {
        engine::Reply reply;
        Completion completion;
        CompletionHome* home = nullptr;
    };
    engine::JournalBatch records;
    std::vector<Answer> answers;
};

using limits::kParkedCommandsMax;

// A cancel or a second confirm that finds its order payment_pending waits here, unanswered, until
// the order changes (the payment's answer, or its deadline), and then runs again: the client gets
// the answer it would have had if the payment had been instant, and no second charge starts.
// Engine thread only.
class ParkedCommands {
  public:
    // Keeps `command` until `order_id` changes. False when full: answer the command as it is.
    bool Park(OrderId order_id, Submitted& command);
    // Where a step's records begin in a batch: its ticket and its campaign order records.
    struct Mark {
        std::size_t orders = 0;
        std::size_t campaign_orders = 0;
    };
    static Mark MarkOf(const engine::JournalBatch& records) {
        return {records.orders.size(), records.bidding.orders.size()};
    }
    // Moves the commands waiting for any order recorded since `first` to the back of `ready`.
    void Release(const engine::JournalBatch& records, Mark first, std::vector<Submitted>& ready);
    // Takes every parked command and parks no more: they are answered as they stand (the
    // sequencer is stopping).
    std::vector<Submitted> Close();
    bool empty() const { return waiting_.empty(); }
    std::size_t size() const { return waiting_.size(); }

  private:
    void ReleaseOrder(OrderId changed, std::vector<Submitted>& ready);

    std::vector<std::pair<OrderId, Submitted>> waiting_;  // few: a linear scan is enough
    bool closed_ = false;
};

// Engine step: expires what is due at `now` (and pumps the waiting rooms), then applies each
// command in order, draining the engine's changes into batch.records after each one, then pumps
// the waiting rooms again (the commands may have changed what they can admit). Moves the
// commands' completions into batch.answers, except for commands `parked` keeps; commands it
// releases run in this step too.
void ApplyCommands(engine::Engine& engine, std::span<Submitted> commands, TimePoint now,
                   AppliedBatch& batch, ParkedCommands& parked);

// Commit step: appends every batch in `batches` with one Journal::Append (one fsync for all),
// then completes them in order with durable = the append's success. `batches` is left empty.
// REQUIRES: batches is not empty.
Status CommitBatches(engine::Journal& journal, std::deque<AppliedBatch>& batches);
// The append alone: merges `batches` into the first and appends it; completes nothing.
Status AppendBatches(engine::Journal& journal, std::deque<AppliedBatch>& batches);

// Completes every answer of `batches` without appending (the sequencer has already failed).
void CompleteBatches(std::deque<AppliedBatch>& batches, bool durable);

}  // namespace tix::service
