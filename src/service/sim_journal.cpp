#include "service/sim_journal.h"

#include <algorithm>
#include <bit>
#include <string_view>
#include <utility>

namespace tix::service {
namespace {

// Synced frames are folded into the checkpoint once this many pile up: Load stays cheap, and
// both paths of Load (checkpoint and frames) are exercised.
constexpr std::size_t kCheckpointFrames = 64;

class Fnv {
  public:
    void Add(std::uint64_t value) {
        for (int i = 0; i < 8; ++i) {
            hash_ = (hash_ ^ ((value >> (8 * i)) & 0xff)) * 0x100000001b3;
        }
    }
    void Add(std::string_view text) {
        Add(text.size());
        for (const char c : text) hash_ = (hash_ ^ static_cast<unsigned char>(c)) * 0x100000001b3;
    }
    std::uint64_t value() const { return hash_; }

  private:
    std::uint64_t hash_ = 0xcbf29ce484222325;
};

std::uint64_t Millis(TimePoint t) { return static_cast<std::uint64_t>(ToUnixMillis(t)); }

void AddPayments(Fnv& fnv, const engine::PaymentChanges& payments) {
    fnv.Add(payments.payments.size());
    for (const engine::Payment& p : payments.payments) {
        fnv.Add(p.order_id.value());
        fnv.Add(p.payment_id);
        fnv.Add(p.client_secret);
        fnv.Add(static_cast<std::uint64_t>(p.amount_minor));
        fnv.Add(p.currency);
        fnv.Add(static_cast<std::uint64_t>(p.state));
        fnv.Add(p.refund_id);
        fnv.Add(Millis(p.created_at));
        fnv.Add(Millis(p.updated_at));
    }
    fnv.Add(payments.events.size());
    for (const engine::AppliedPaymentEvent& applied : payments.events) {
        fnv.Add(applied.event.event_id);
        fnv.Add(static_cast<std::uint64_t>(applied.outcome));
        fnv.Add(Millis(applied.applied_at));
    }
}

void AddTickets(Fnv& fnv, const engine::TicketChanges& tickets) {
    fnv.Add(tickets.tickets.size());
    for (const engine::Ticket& t : tickets.tickets) {
        for (const std::uint8_t byte : t.ticket_id.bytes) fnv.Add(byte);
        fnv.Add(t.issue_seq);
        fnv.Add(t.holder.value());
        fnv.Add(t.version);
        fnv.Add(static_cast<std::uint64_t>(t.status));
        fnv.Add(t.bundle_version);
    }
    fnv.Add(tickets.scans.size());
    for (const engine::Scan& scan : tickets.scans) {
        for (const std::uint8_t byte : scan.ticket_id.bytes) fnv.Add(byte);
        fnv.Add(scan.gate);
        fnv.Add(Millis(scan.scanned_at));
    }
}

void AddQueues(Fnv& fnv, const engine::QueueChanges& queues) {
    fnv.Add(queues.rooms.size());
    for (const engine::QueueRoomRecord& room : queues.rooms) {
        const engine::QueueConfig& c = room.config;
        fnv.Add(room.event_id.value());
        fnv.Add(Millis(c.opens_at));
        fnv.Add(Millis(c.sale_starts_at));
        fnv.Add(c.admit_per_minute);
        fnv.Add(c.active_max);
        fnv.Add(static_cast<std::uint64_t>(c.admission.count()));
        fnv.Add(c.pow_bits);
        fnv.Add(c.paused);
        for (const std::uint8_t byte : c.seed) fnv.Add(byte);
        fnv.Add(room.drawn);
        fnv.Add(static_cast<std::uint64_t>(room.next_admission_at.time_since_epoch().count()));
    }
    fnv.Add(queues.entries.size());
    for (const engine::QueueEntryRecord& entry : queues.entries) {
        fnv.Add(entry.event_id.value());
        fnv.Add(entry.entry_id.value());
        fnv.Add(entry.user_id.value());
        fnv.Add(Millis(entry.joined_at));
        fnv.Add(static_cast<std::uint64_t>(entry.status));
        fnv.Add(entry.in_draw);
        fnv.Add(entry.admission.has_value());
        if (entry.admission) {
            fnv.Add(Millis(entry.admission->admitted_at));
            fnv.Add(Millis(entry.admission->expires_at));
        }
    }
    fnv.Add(queues.challenges.size());
    for (const engine::QueueChallengeRecord& challenge : queues.challenges) {
        fnv.Add(challenge.event_id.value());
        fnv.Add(challenge.challenge);
        fnv.Add(Millis(challenge.expires_at));
    }
}

std::uint64_t Bits(double value) { return std::bit_cast<std::uint64_t>(value); }

void AddBidding(Fnv& fnv, const engine::BiddingChanges& bidding) {
    fnv.Add(bidding.products.size());
    for (const engine::Product& p : bidding.products) {
        fnv.Add(p.product_id.value());
        fnv.Add(p.name);
        fnv.Add(p.initial_stock);
        fnv.Add(p.stock);
        fnv.Add(static_cast<std::uint64_t>(p.min_price_minor));
        fnv.Add(Millis(p.created_at));
    }
    fnv.Add(bidding.campaigns.size());
    for (const engine::Campaign& c : bidding.campaigns) {
        fnv.Add(c.campaign_id.value());
        fnv.Add(c.product_id.value());
        fnv.Add(Millis(c.start_time));
        fnv.Add(Millis(c.end_time));
        fnv.Add(Bits(c.weights.alpha));
        fnv.Add(Bits(c.weights.beta));
        fnv.Add(Bits(c.weights.gamma));
        fnv.Add(c.quota);
        fnv.Add(c.settled);
        fnv.Add(Millis(c.settled_at));
        fnv.Add(c.winners);
        fnv.Add(c.final_sha256);
    }
    fnv.Add(bidding.bids.size());
    for (const engine::Bid& b : bidding.bids) {
        fnv.Add(b.bid_id.value());
        fnv.Add(b.campaign_id.value());
        fnv.Add(b.user_id.value());
        fnv.Add(static_cast<std::uint64_t>(b.price_minor));
        fnv.Add(static_cast<std::uint64_t>(b.elapsed_ms));
        fnv.Add(Bits(b.member_weight));
        fnv.Add(Bits(b.score));
        fnv.Add(b.bid_number);
        fnv.Add(Millis(b.placed_at));
    }
    fnv.Add(bidding.orders.size());
    for (const engine::CampaignOrder& o : bidding.orders) {
        fnv.Add(o.order_id.value());
        fnv.Add(o.campaign_id.value());
        fnv.Add(o.user_id.value());
        fnv.Add(o.bid_id.value());
        fnv.Add(Bits(o.final_score));
        fnv.Add(o.final_rank);
    }
}

}  // namespace

std::uint64_t BatchChecksum(const engine::JournalBatch& batch) {
    Fnv fnv;
    fnv.Add(batch.events.size());
    for (const engine::EventSpec& spec : batch.events) {
        fnv.Add(spec.event_id.value());
        fnv.Add(spec.name);
        fnv.Add(static_cast<std::uint64_t>(ToUnixMillis(spec.sale_starts_at)));
        fnv.Add(static_cast<std::uint64_t>(ToUnixMillis(spec.sale_ends_at)));
        fnv.Add(spec.max_per_user);
        fnv.Add(spec.hold.count());
        fnv.Add(spec.zones.size());
        for (const engine::ZoneSpec& zone : spec.zones) {
            fnv.Add(zone.zone_id);
            fnv.Add(zone.capacity);
            fnv.Add(static_cast<std::uint64_t>(zone.price_minor));
        }
    }
    fnv.Add(batch.orders.size());
    for (const engine::OrderRecord& record : batch.orders) {
        const engine::Order& o = record.order;
        fnv.Add(o.order_id.value());
        fnv.Add(o.user_id.value());
        fnv.Add(o.event_id.value());
        fnv.Add(o.zone_index);
        fnv.Add(o.quantity);
        fnv.Add(static_cast<std::uint64_t>(o.status));
        fnv.Add(static_cast<std::uint64_t>(ToUnixMillis(o.created_at)));
        fnv.Add(static_cast<std::uint64_t>(ToUnixMillis(o.expires_at)));
        fnv.Add(static_cast<std::uint64_t>(ToUnixMillis(o.payment_expires_at)));
        fnv.Add(static_cast<std::uint64_t>(ToUnixMillis(o.updated_at)));
        fnv.Add(static_cast<std::uint64_t>(o.amount_minor));
        for (const std::uint32_t seat : o.seats) fnv.Add(seat);
        fnv.Add(record.idempotency_key);
        fnv.Add(static_cast<std::uint64_t>(record.request_kind));
    }
    AddQueues(fnv, batch.queues);
    AddPayments(fnv, batch.payments);
    AddTickets(fnv, batch.tickets);
    AddBidding(fnv, batch.bidding);
    return fnv.value();
}

Status SimJournal::Append(const engine::JournalBatch& batch) {
    // As SqliteJournal: an empty batch opens no transaction and syncs nothing.
    if (batch.empty()) {
        ++stats_.empty_appends;
        return Status::Ok();
    }
    const AppendFault fault = std::exchange(armed_, AppendFault::kNone);
    if (fault != AppendFault::kNone) ++stats_.faults;
    if (fault == AppendFault::kWriteFails) return Status::IoError("simulated write failure");

    const std::uint64_t seq = next_seq_++;
    const std::uint64_t checksum = BatchChecksum(batch);
    if (handed_.size() <= seq) handed_.resize(seq + 1);
    handed_[seq] = {checksum,
                    batch.events.size(),
                    batch.orders.size(),
                    QueueRecordCount(batch.queues),
                    PaymentRecordCount(batch.payments),
                    TicketRecordCount(batch.tickets),
                    BiddingRecordCount(batch.bidding)};
    frames_.push_back({seq, batch, checksum, false});
    ++stats_.appends;
    switch (fault) {
        case AppendFault::kSyncFails:
            return Status::IoError("simulated fsync failure");
        case AppendFault::kKillBeforeSync:
            return Status::IoError("simulated SIGKILL between write and fsync");
        case AppendFault::kPowerLossBeforeSync:
            PowerLoss(rng_() % 2 == 0);
            return Status::IoError("simulated power loss between write and fsync");
        default:
            break;
    }
    Sync();
    if (frames_.size() >= kCheckpointFrames) Checkpoint();
    return Status::Ok();
}

void SimJournal::Sync() {
    ++stats_.fsyncs;
    // fsync flushes the whole file: frames an earlier SIGKILL left in the page cache too.
    for (Frame& frame : frames_) {
        if (frame.synced) continue;
        frame.synced = true;
        durable_end_ = frame.seq + 1;
        if (on_durable_) on_durable_(frame.seq, frame.batch);
    }
}

void SimJournal::Checkpoint() {
    ++stats_.checkpoints;
    for (const Frame& frame : frames_) {
        Fold(frame.batch, checkpoint_events_, checkpoint_orders_, checkpoint_queues_,
             checkpoint_payments_, checkpoint_tickets_, checkpoint_bidding_);
    }
    checkpoint_end_ = frames_.back().seq + 1;
    frames_.clear();
}

void SimJournal::PowerLoss(bool tear) {
    ++stats_.power_losses;
    auto first_unsynced =
        std::find_if(frames_.begin(), frames_.end(), [](const Frame& f) { return !f.synced; });
    if (first_unsynced == frames_.end()) return;
    if (tear) {
        Tear(*first_unsynced);
        ++stats_.frames_torn;
        ++first_unsynced;
    }
    stats_.frames_lost += static_cast<std::uint64_t>(frames_.end() - first_unsynced);
    frames_.erase(first_unsynced, frames_.end());
}

void SimJournal::Tear(Frame& frame) {
    // Some prefix of the frame's pages reached the disk (perhaps all of them but the commit
    // record), the last of them perhaps half-written; what is left of the checksum is noise.
    // Records reach the file in the order SQLite writes them: events, orders, then the rooms'.
    engine::JournalBatch& batch = frame.batch;
    engine::QueueChanges& queues = batch.queues;
    std::size_t kept =
        rng_() % (batch.events.size() + batch.orders.size() + QueueRecordCount(queues) +
                  PaymentRecordCount(batch.payments) + TicketRecordCount(batch.tickets) +
                  BiddingRecordCount(batch.bidding) + 1);
    const auto keep = [&kept](auto& records) {
        const std::size_t here = std::min(kept, records.size());
        records.resize(here);
        kept -= here;
    };
    keep(batch.events);
    keep(batch.orders);
    keep(queues.rooms);
    keep(queues.entries);
    keep(queues.challenges);
    keep(batch.payments.payments);
    keep(batch.payments.events);
    keep(batch.tickets.tickets);
    keep(batch.tickets.scans);
    keep(batch.bidding.products);
    keep(batch.bidding.campaigns);
    keep(batch.bidding.bids);
    keep(batch.bidding.orders);
    if (!batch.orders.empty() && rng_() % 2 == 0) batch.orders.back().order.quantity ^= 0x5a;
    frame.checksum = rng_();
}

Status SimJournal::Load(engine::RecoveredState& state) {
    std::map<EventId, engine::EventSpec> events = checkpoint_events_;
    std::vector<engine::OrderRecord> orders = checkpoint_orders_;
    SimQueueTables queues = checkpoint_queues_;
    SimPaymentTables payments = checkpoint_payments_;
    SimTicketTables tickets = checkpoint_tickets_;
    SimBiddingTables bidding = checkpoint_bidding_;
    LoadReport report;
    report.checkpoint_end = checkpoint_end_;
    std::size_t valid = 0;
    for (; valid < frames_.size(); ++valid) {
        const Frame& frame = frames_[valid];
        if (BatchChecksum(frame.batch) != frame.checksum) break;  // torn: the log ends here
        Fold(frame.batch, events, orders, queues, payments, tickets, bidding);
        report.frames.push_back(
            {frame.seq, frame.batch.events.size(), frame.batch.orders.size(),
             QueueRecordCount(frame.batch.queues), PaymentRecordCount(frame.batch.payments),
             TicketRecordCount(frame.batch.tickets), BiddingRecordCount(frame.batch.bidding)});
    }
    for (std::size_t i = valid; i < frames_.size(); ++i) {
        if (frames_[i].synced) {
            problems_.push_back("Load discarded synced frame " + std::to_string(frames_[i].seq));
        }
    }
    report.torn_discarded = frames_.size() - valid;
    stats_.torn_discarded += report.torn_discarded;
    // The next write goes where the valid log ends, over whatever is torn.
    frames_.erase(frames_.begin() + static_cast<std::ptrdiff_t>(valid), frames_.end());
    next_seq_ = frames_.empty() ? checkpoint_end_ : frames_.back().seq + 1;
    report.end_seq = next_seq_;
    report.synced_on_load = unsynced_frames();
    last_load_ = std::move(report);
    // What Load returns is served at once (a replay, a read), so it must be durable: frames a
    // SIGKILL or a failed fsync left in the page cache are synced first (Journal::Load's
    // contract; SqliteJournal checkpoints, which syncs the WAL).
    if (unsynced_frames() > 0) Sync();

    for (auto& [id, spec] : events) state.events.push_back(std::move(spec));
    std::erase_if(orders, [](const engine::OrderRecord& r) { return !r.order.order_id; });
    state.orders = std::move(orders);
    state.queues = queues.Snapshots();
    state.payments = payments.Snapshot();
    state.tickets = tickets.Snapshot();
    state.bidding = bidding.Snapshot();
    return Status::Ok();
}

void SimJournal::Fold(const engine::JournalBatch& batch,
                      std::map<EventId, engine::EventSpec>& events,
                      std::vector<engine::OrderRecord>& orders, SimQueueTables& queues,
                      SimPaymentTables& payments, SimTicketTables& tickets,
                      SimBiddingTables& bidding) {
    for (const engine::EventSpec& spec : batch.events) {
        // events.event_id is the PRIMARY KEY: SQLite would fail the insert.
        if (!events.try_emplace(spec.event_id, spec).second) {
            problems_.push_back("event " + std::to_string(spec.event_id.value()) +
                                " journaled twice");
        }
    }
    for (const engine::OrderRecord& record : batch.orders) {
        const std::uint64_t id = record.order.order_id.value();  // orders are indexed by id
        if (orders.size() <= id) orders.resize(id + 1);
        engine::OrderRecord& kept = orders[id];
        if (!kept.order.order_id) {
            kept = record;
            continue;
        }
        // ON CONFLICT DO UPDATE SET status, expires_at, updated_at, payment_expires_at, and the
        // key and kind only if this record has them (coalesce).
        kept.order.status = record.order.status;
        kept.order.expires_at = record.order.expires_at;
        kept.order.updated_at = record.order.updated_at;
        kept.order.payment_expires_at = record.order.payment_expires_at;
        kept.order.refund_reason = record.order.refund_reason;
        if (!record.idempotency_key.empty()) {
            kept.idempotency_key = record.idempotency_key;
            kept.request_kind = record.request_kind;
        }
    }
    queues.Fold(batch.queues, problems_);
    payments.Fold(batch.payments, problems_);
    tickets.Fold(batch.tickets, problems_);
    bidding.Fold(batch.bidding, problems_);
}

std::size_t SimJournal::unsynced_frames() const {
    return static_cast<std::size_t>(
        std::count_if(frames_.begin(), frames_.end(), [](const Frame& f) { return !f.synced; }));
}

}  // namespace tix::service
