// SimJournal: an engine::Journal on a simulated disk, for the durable-path simulator
// (durable_path_simulation_test.cpp). Tests only; single-threaded, like the writer it stands for.
//
// The disk is modelled on SQLite's WAL with synchronous=FULL, which store/sqlite_journal uses:
// Append writes the batch as one frame into the page cache, then fsyncs the file, which makes
// every frame written so far durable. A frame ends with a checksum of its batch (the commit
// record); Load replays the frames in order and stops at the first whose checksum does not match
// (a torn write), discarding it and everything after it, as SQLite's WAL recovery does; then it
// syncs what it replayed (Journal::Load's contract, which SqliteJournal keeps by checkpointing:
// frames a SIGKILL left in the page cache would otherwise be served but not be on disk). Synced
// frames are folded into a checkpoint now and then (SQLite's auto-checkpoint), so Load stays
// cheap. Load folds the way the SQLite upsert does: an order's later records supersede its
// status and deadlines, while its idempotency key and request kind stay those of the record that
// created it, and every other column is written once; waiting rooms fold as SimQueueTables;
// payments as their upsert (the latest snapshot of each) and applied events as inserts; tickets
// and bidding as SimTicketTables and SimBiddingTables.
//
// Faults, armed for the next Append (ArmFault) or applied between appends (PowerLoss):
//   - a failed write: Append returns an error and nothing reached the file;
//   - a failed fsync: Append returns an error; the frame is in the page cache, not on disk;
//   - SIGKILL between write and fsync: the process dies (Append returns an error the caller
//     must treat as death); the page cache survives, so the frame will reach the disk;
//   - power loss between write and fsync, or at any time: the page cache is gone, so every
//     unsynced frame is lost, or the first of them is torn (partly on disk, its checksum wrong).
//
// Beside the disk the journal keeps the bookkeeping the simulator checks against: every batch it
// was handed (its sequence number, checksum and size), how far the log is durable, and which
// frames the last Load returned. on_durable sees each batch once, in log order, as it becomes
// durable.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "engine/journal.h"
#include "service/sim_bidding_tables.h"
#include "service/sim_payment_tables.h"
#include "service/sim_queue_tables.h"
#include "service/sim_ticket_tables.h"

namespace tix::service {

enum class AppendFault : std::uint8_t {
    kNone,
    kWriteFails,           // error; nothing written
    kSyncFails,            // error; the frame stays in the page cache, unsynced
    kKillBeforeSync,       // the process dies after the write; the frame stays in the page cache
    kPowerLossBeforeSync,  // power fails after the write: unsynced frames lost or torn
};

class SimJournal final : public engine::Journal {
  public:
    // What the last Load replayed: frames [first_seq, end_seq) after the checkpoint of the
    // frames below first_seq, each with the size it was read with.
    struct LoadReport {
        std::uint64_t checkpoint_end = 0;
        struct Frame {
            std::uint64_t seq = 0;
            std::size_t events = 0;
            std::size_t orders = 0;
            std::size_t queue_records = 0;
            std::size_t payment_records = 0;
            std::size_t ticket_records = 0;
            std::size_t bidding_records = 0;
        };
        std::vector<Frame> frames;
        std::uint64_t end_seq = 0;       // the next Append gets this sequence number
        std::size_t torn_discarded = 0;  // frames dropped for a bad checksum
        std::size_t synced_on_load = 0;  // frames a SIGKILL or failed fsync left unsynced
    };

    // What an Append was handed, by sequence number.
    struct Handed {
        std::uint64_t checksum = 0;
        std::size_t events = 0;
        std::size_t orders = 0;
        std::size_t queue_records = 0;
        std::size_t payment_records = 0;
        std::size_t ticket_records = 0;
        std::size_t bidding_records = 0;
    };

    using OnDurable = std::function<void(std::uint64_t seq, const engine::JournalBatch& batch)>;

    explicit SimJournal(std::uint64_t seed) : rng_(seed) {}

    Status Append(const engine::JournalBatch& batch) override;
    Status Load(engine::RecoveredState& state) override;

    // The next non-empty Append fails this way.
    void ArmFault(AppendFault fault) { armed_ = fault; }
    // Power fails now: unsynced frames are lost; with `tear`, the first of them is left torn.
    void PowerLoss(bool tear);

    void set_on_durable(OnDurable on_durable) { on_durable_ = std::move(on_durable); }

    // Bookkeeping.
    std::uint64_t durable_end() const { return durable_end_; }  // frames below it are durable
    const Handed& handed(std::uint64_t seq) const { return handed_.at(seq); }
    const LoadReport& last_load() const { return last_load_; }
    // Frames in the page cache, not yet on disk.
    std::size_t unsynced_frames() const;
    // Things a correct log never holds (an event journaled twice): empty unless a bug.
    const std::vector<std::string>& problems() const { return problems_; }

    struct Stats {
        std::uint64_t appends = 0;  // non-empty ones that reached the page cache
        std::uint64_t empty_appends = 0;
        std::uint64_t fsyncs = 0;
        std::uint64_t checkpoints = 0;
        std::uint64_t faults = 0;
        std::uint64_t power_losses = 0;
        std::uint64_t frames_lost = 0;  // unsynced frames a power loss took
        std::uint64_t frames_torn = 0;
        std::uint64_t torn_discarded = 0;  // torn frames Load found and dropped
    };
    const Stats& stats() const { return stats_; }

  private:
    struct Frame {
        std::uint64_t seq = 0;
        engine::JournalBatch batch;  // as it reached the file: whole, or a torn prefix
        std::uint64_t checksum = 0;  // the commit record: of the whole batch, unless torn
        bool synced = false;
    };

    void Sync();
    void Checkpoint();
    void Tear(Frame& frame);
    // Folds one batch into events and orders (by order id; order_id 0: none) the way the
    // SQLite upsert does.
    void Fold(const engine::JournalBatch& batch, std::map<EventId, engine::EventSpec>& events,
              std::vector<engine::OrderRecord>& orders, SimQueueTables& queues,
              SimPaymentTables& payments, SimTicketTables& tickets, SimBiddingTables& bidding);

    std::mt19937_64 rng_;
    AppendFault armed_ = AppendFault::kNone;
    OnDurable on_durable_;

    // The disk (and page cache): a checkpoint of the frames below checkpoint_end_, then frames.
    std::map<EventId, engine::EventSpec> checkpoint_events_;
    std::vector<engine::OrderRecord> checkpoint_orders_;  // by order id; order_id 0: none
    SimQueueTables checkpoint_queues_;
    SimPaymentTables checkpoint_payments_;
    SimTicketTables checkpoint_tickets_;
    SimBiddingTables checkpoint_bidding_;
    std::uint64_t checkpoint_end_ = 0;
    std::vector<Frame> frames_;
    std::uint64_t next_seq_ = 0;

    std::vector<Handed> handed_;  // by sequence number; a sequence number lost is handed again
    std::uint64_t durable_end_ = 0;
    LoadReport last_load_;
    std::vector<std::string> problems_;
    Stats stats_;
};

// A checksum of everything a batch carries (FNV-1a over its fields).
std::uint64_t BatchChecksum(const engine::JournalBatch& batch);

}  // namespace tix::service
