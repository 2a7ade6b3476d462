// The ticketing state machine: events, zone inventory, holds, orders and per-user limits.
//
// Pure and single-threaded: no IO, no threads, no clock reads (every mutating call takes `now`),
// deterministic for a given sequence of calls. One thread owns an Engine (the sequencer in
// service/); nothing here is thread-safe. Results that point into the engine (const Order*) are
// valid until the next mutating call.
//
// Cost: every operation is O(1) or O(row length); expiry uses a deadline heap, never a scan.
// In builds with TIX_CHECK_INVARIANTS every mutating call ends by checking the invariants of what
// it touched (its order's zone counts and rows, the user's limit, the deadline heap), so checks
// cost O(row length), not O(engine); CheckInvariants() checks everything.
//
// Every status change sets the order's updated_at to the `now` of the call that made it (an
// expiry found by ExpireDue(now) or by a late Confirm/Cancel is dated `now`).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/types.h"
#include "engine/bidding_book.h"
#include "engine/event_spec.h"
#include "engine/journal.h"
#include "engine/order.h"
#include "engine/payment_ledger.h"
#include "engine/queue_config.h"
#include "engine/ticket_book.h"
#include "engine/waiting_room.h"

namespace tix::engine {

using limits::kMaxIdempotencyKeyLength;
using limits::kMaxOrderId;  // seat maps name a seat's order in 32 bits

enum class HoldOutcome : std::uint8_t {
    kOk,        // a new order was placed
    kReplayed,  // same user + idempotency key + request: the original order
    kUnknownEvent,
    kUnknownZone,
    kUnknownSeat,      // a seat id that names no seat of the event
    kInvalidQuantity,  // quantity or seat count outside 1..event.max_per_user
    kSaleNotOpen,      // now outside [sale_starts_at, sale_ends_at)
    kSoldOut,          // fewer seats available in the zone than requested
    kNoAdjacentSeats,  // enough seats, but no row has `quantity` adjacent ones (no allow_split)
    kSeatTaken,        // an explicit seat is held or sold
    kLimitExceeded,    // user's held + paid tickets for the event would exceed max_per_user
    kDuplicateSeat,    // the same seat twice in one request
    kSeatsSpanZones,   // explicit seats from more than one zone
    kNotSeated,        // explicit seats asked in a general-admission zone
    kIdempotencyKeyReused,  // key already used by this user for a different request
    kOrderIdsExhausted,     // every order id the seat maps can name is used (kMaxOrderId)
    kNotAdmitted,  // the event has a waiting room and the user holds no live admission to it
};

// Finding an event's waiting room.
enum class QueueLookup : std::uint8_t { kFound, kUnknownEvent, kNoQueue };

// ConfigureQueue.
enum class QueueSetupOutcome : std::uint8_t {
    kUpdated,
    kCreated,  // the event had no room: it has one now
    kUnknownEvent,
    kOpensAtRequired,      // a new room needs opens_at
    kOpensAfterSaleStart,  // opens_at must be before the event's sale_starts_at
    kScheduleFixed,        // opens_at cannot change once the room has opened or has entries
};

enum class OrderOutcome : std::uint8_t {
    kOk,         // the status changed
    kUnchanged,  // already in the asked-for status (confirm of paid, cancel of cancelled)
    kUnknownOrder,
    kExpired,             // the hold deadline passed (the order is expired now, if it was not yet)
    kCancelled,           // confirm of a cancelled order
    kPaid,                // cancel of a paid order
    kPaymentPending,      // a payment is under way: no second charge, no cancel
    kNotPaymentPending,   // a payment answer for an order with no payment under way
    kForbidden,           // the order belongs to another user
    kNotPaid,             // a refund of an order that is not paid
    kNoPayment,           // a refund of an order paid without the provider (nothing to give back)
    kRefundWindowClosed,  // its owner asks for a refund after the event started (admins may)
    kTicketsTransferred,  // its owner asks for a refund of tickets they gave away (admins may)
    kTicketsUsed,         // its owner asks for a refund of tickets used at a gate (admins may)
};

// TransferTicket.
enum class TransferOutcome : std::uint8_t {
    kOk,             // the recipient holds it, with the next version
    kUnknownTicket,  // no such ticket, or the sender does not hold it
    kSameHolder,     // to the one who holds it
    kCheckedIn,      // used at a gate already
    kRevoked,        // refunded
    kEventStarted,   // transfers close when the event starts
};

std::string_view ToString(HoldOutcome outcome);  // "ok", "sold_out", "no_adjacent_seats", ...
std::string_view ToString(OrderOutcome outcome);
std::string_view ToString(QueueSetupOutcome outcome);
std::string_view ToString(QueueLookup lookup);
std::string_view ToString(TransferOutcome outcome);

struct HoldByQuantity {
    UserId user_id{};
    EventId event_id{};
    std::string_view zone_id;
    std::uint32_t quantity = 0;
    bool allow_split = false;          // seated: take the best seats even if not adjacent
    std::string_view idempotency_key;  // empty: none
};

struct HoldBySeats {
    UserId user_id{};
    EventId event_id{};
    std::span<const std::string> seat_ids;  // "INF-A-12"; all in one seated zone; all or nothing
    std::string_view idempotency_key;
};

struct HoldResult {
    HoldOutcome outcome = HoldOutcome::kUnknownEvent;
    const Order* order = nullptr;  // set for kOk and kReplayed
};

struct QueueJoinResult {
    QueueLookup lookup = QueueLookup::kUnknownEvent;
    JoinResult join;  // when kFound
};

// RemoveUser: what a ban took away.
struct UserRemoval {
    std::uint32_t holds_cancelled = 0;        // held orders cancelled, their seats back on sale
    std::uint32_t queue_entries_removed = 0;  // rooms the account was waiting or admitted in
};

struct ZoneCounts {
    std::uint32_t capacity = 0;
    std::uint32_t available = 0;
    std::uint32_t held = 0;
    std::uint32_t sold = 0;
};

enum class SeatState : char { kAvailable = 'A', kHeld = 'H', kSold = 'S' };

class Engine {
  public:
    Engine();
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Adds an event and returns its id: the next free id (spec.event_id is ignored). Recorded.
    // REQUIRES: ValidateEventSpec(spec) is nullopt.
    EventId AddEvent(EventSpec spec);
    // Recovery: adds a journaled event under its own id. Not recorded.
    // REQUIRES: ValidateEventSpec(spec) is nullopt; spec.event_id is non-zero and not in use.
    void RestoreEvent(EventSpec spec);

    // Checks run in this order, the first failing one answers: unknown event; idempotency key
    // already used by the user (kReplayed for the same request, with the order as it is now,
    // else kIdempotencyKeyReused; nothing changes either way); sale window; for an event with a
    // waiting room, a live admission of the user (kNotAdmitted); unknown zone or
    // seat (kNotSeated for an id that starts with a general-admission zone id); quantity; for
    // seats, duplicates and zones (the first offending seat in list order decides); the user's
    // limit; by quantity: sold out (fewer seats available in the zone than asked), then no
    // adjacent seats; by seats: seat taken (only the named seats matter, never the zone's count). A
    // failed hold changes nothing and does not use up its key.
    //
    // Best available: general admission takes from the count; seated takes `quantity` adjacent
    // seats in one row, rows nearer the stage first, within a row the run whose centre is nearest
    // the row's centre (ties: lower seat numbers). With allow_split, when no row has that many
    // adjacent seats: rows nearest the stage first, in each row repeatedly as many adjacent seats
    // as its longest free run holds (capped at what is still needed), placed the same way.
    // Order::seats lists the seats in ascending seat index.
    HoldResult Hold(const HoldByQuantity& request, TimePoint now);
    // Explicit seats, all or nothing. "Same request" for a replay: the same set of seats.
    HoldResult Hold(const HoldBySeats& request, TimePoint now);

    // held -> paid, if now < expires_at, with no payment step (tests, comps). A held order whose
    // deadline passed is expired here.
    OrderOutcome Confirm(OrderId order_id, TimePoint now);
    // held -> payment_pending, if now < expires_at: the seats stay the order's until
    // payment_expires_at = now + window, even past the hold deadline, so a charge that succeeds
    // in that window always finds its seats. kPaymentPending if a payment is already under way
    // (a second charge must not start); kUnchanged if paid. A passed hold deadline expires it.
    OrderOutcome BeginPayment(OrderId order_id, TimePoint now, std::chrono::milliseconds window);
    // The payment's answer. payment_pending -> paid if approved; if declined, back to held when
    // the hold deadline has not passed, else expired. A payment answer after the payment deadline
    // finds the order expired (kExpired): the caller must give the money back.
    OrderOutcome CompletePayment(OrderId order_id, bool approved, TimePoint now);
    // held -> cancelled; the seats return. kPaymentPending while a payment is under way.
    OrderOutcome Cancel(OrderId order_id, TimePoint now);
    // Expires, in deadline order, every held order with expires_at <= now and every
    // payment_pending order with payment_expires_at <= now; each exactly once. Appends their
    // ids to `expired`.
    void ExpireDue(TimePoint now, std::vector<OrderId>& expired);
    // ExpireDue also settles the campaigns whose end has come and expires the campaign orders
    // not paid by their deadline (BiddingBook), then pumps every waiting room (PumpQueues) once
    // the expiries have given seats back.
    //
    // The earliest deadline of an order with seats, a campaign (its end) or an unpaid campaign
    // order, or of a waiting room (its draw, an admission's expiry, the pacer's next admission),
    // if any: when ExpireDue next has work.
    std::optional<TimePoint> NextDeadline() const;

    // ---- Payments through a provider (issue 9; engine_payments.cpp, docs/payments.md) ----
    // Orders keep one payment (the provider's intent); provider events move it and its order
    // forward only, each event once, so duplicates and any delivery order converge.
    //
    // A campaign order (a winner's, issue 11) is paid through the same operations (and
    // BeginPayment, CompletePayment): awaiting_payment plays held, pay_by the hold deadline, and
    // its product unit the seats (engine_campaign_payments.cpp, docs/bidding.md).

    // held -> payment_pending: the seats stay the order's until payment_expires_at =
    // expires_at + grace. The grace is given once: paying again after a decline keeps that
    // deadline. kPaymentPending when a payment is already open (the caller answers with its
    // intent, or asks the provider again under the same key); kUnchanged if paid; kCancelled,
    // kExpired (a passed hold deadline expires it now), refund statuses: kNotPaymentPending.
    OrderOutcome OpenPayment(OrderId order_id, TimePoint now, std::chrono::milliseconds grace);
    // The provider made the order's intent: it becomes the order's payment (kOk). kUnchanged if
    // the order has a payment already (the same intent, asked twice; another one is kept out:
    // the first stays). kUnknownOrder. Recorded.
    OrderOutcome AttachPayment(const Payment& intent, TimePoint now);
    // The provider could not make an intent: payment_pending -> held again (or expired, past
    // its hold deadline) if the order has no payment yet; otherwise kUnchanged.
    OrderOutcome AbandonPayment(OrderId order_id, TimePoint now);
    // Applies a provider event, once per event id, ever (docs/payments.md has the rules).
    // `refund` is set when money must go back: ask the provider (RefundKey). Recorded, with
    // the event and its outcome; a duplicate records nothing.
    PaymentEventOutcome ApplyPaymentEvent(const PaymentEvent& event, TimePoint now,
                                          std::optional<RefundDue>& refund);
    // paid -> refund_pending (RefundReason::kRequested), its payment too; `refund` is set.
    // kUnchanged (and `refund` set again) while refund_pending, kUnchanged if refunded; kNoPayment
    // for an order paid without the provider; kNotPaid for any other status. Recorded.
    OrderOutcome RequestRefund(OrderId order_id, TimePoint now, std::optional<RefundDue>& refund);
    const Payment* FindPayment(OrderId order_id) const;
    bool PaymentEventSeen(std::string_view event_id) const;
    // Payments waiting for the provider's refund, ascending order id.
    std::vector<RefundDue> RefundsDue() const;
    // Every payment, ascending order id.
    std::vector<Payment> Payments() const;
    // Every order money touched: paid, refund_pending or refunded, or with a payment; ascending
    // id. O(orders): for reconciliation, not for requests.
    std::vector<Order> OrdersWithMoney() const;
    // Likewise of the campaign orders (engine_campaign_payments.cpp).
    std::vector<CampaignOrder> CampaignOrdersWithMoney() const;
    // Recovery: puts back the journaled payments and applied event ids. Not recorded.
    // REQUIRES: their orders, of either kind, are restored.
    void RestorePayments(const PaymentSnapshot& snapshot);

    // ---- Tickets (issue 10; engine_tickets.cpp, docs/tickets.md) ----
    // A paid order has one ticket per seat, issued when it becomes paid, revoked when its money
    // goes back (refund_pending or refunded). Tickets record their changes and scans like orders
    // (DrainChanges fills JournalBatch::tickets).

    // The key ticket ids are derived from (the engine has no randomness): a secret, so that ids
    // cannot be guessed. Tests leave the default (zeros).
    void SetTicketIdKey(const std::array<std::uint8_t, 32>& key);
    const Ticket* FindTicket(const TicketId& ticket_id) const;
    std::vector<Ticket> TicketsOfOrder(OrderId order_id) const;  // by unit
    std::vector<Ticket> TicketsHeldBy(UserId holder) const;      // in issue order
    std::optional<Scan> FirstScan(const TicketId& ticket_id) const;
    // A scan at a gate, online or uploaded from an offline gate's log (TicketBook's merge
    // rules). Recorded when kept.
    ScanResult RecordScan(const ScanRequest& request);
    // `from` gives the ticket to `to` (who must be an account: the caller checks). Before the
    // event starts, not after a check-in. Recorded.
    TransferOutcome TransferTicket(const TicketId& ticket_id, UserId from, UserId to,
                                   TimePoint now);
    CheckInStats TicketStats(EventId event_id) const;
    std::vector<ScanConflict> ScanConflicts(EventId event_id) const;
    BundleDelta TicketBundle(EventId event_id, std::uint64_t since) const;
    // Recovery: puts back the journaled tickets and scans. Not recorded.
    // REQUIRES: their orders are restored.
    void RestoreTickets(const TicketSnapshot& snapshot);

    // ---- Bidding flash-sales (issue 11; engine_bidding.cpp, docs/bidding.md) ----
    // Products, campaigns and bids record their changes like orders (DrainChanges fills
    // JournalBatch::bidding). ExpireDue settles every campaign whose end_time has come, and
    // NextDeadline includes the next end_time: a settlement is one step, journaled in one batch.
    // Campaign orders take their ids from the ticket orders' sequence.

    // BiddingBook::AddProduct, AddCampaign, PlaceBid. Recorded.
    const Product& AddProduct(Product product, TimePoint now);
    CampaignSetupOutcome AddCampaign(Campaign campaign, TimePoint now, CampaignId& id);
    BidResult PlaceBid(const BidRequest& request, TimePoint now);
    // Products, campaigns, rankings, final rankings and campaign orders, to read.
    const BiddingBook& Bidding() const;
    // Recovery: puts back the journaled products, campaigns, bids and orders; campaigns past their
    // end and not settled are settled by the ExpireDue that follows. Not recorded.
    // REQUIRES: every ticket order is restored.
    void RestoreBidding(const BiddingSnapshot& snapshot);

    // ---- Waiting rooms (issue 8; engine_queue.cpp) ----
    // An event with a room admits buyers through it: Hold needs a live admission, and a payment
    // ends the buyer's admission (WaitingRoom::OnPaid). Rooms record their changes like orders
    // (DrainChanges fills JournalBatch::queues).

    // Gives the event a waiting room; config.sale_starts_at is set to the event's. Recorded.
    // REQUIRES: the event exists and has no room; ValidateQueueConfig of the config with the
    // event's sale_starts_at is nullopt.
    void AddQueue(EventId event_id, QueueConfig config);
    // PATCH: applies `patch` to the event's room (WaitingRoom::Reconfigure rules), or, if the
    // event has none, creates one with `seed` (which a room keeps for good: an existing room
    // ignores it). REQUIRES: the patch's fields are within QueueConfig's ranges; seed is not all
    // zeros.
    QueueSetupOutcome ConfigureQueue(EventId event_id, const QueuePatch& patch,
                                     const QueueSeed& seed, TimePoint now);
    QueueJoinResult JoinQueue(UserId user_id, EventId event_id, std::uint64_t challenge,
                              TimePoint challenge_expires_at, TimePoint now);
    // Pumps every room with its event's availability (the sum of its zones' Counts): the draw,
    // expiries, admissions. The sequencer calls it after each run of commands, since holds,
    // cancels, payments and joins change what a room may admit.
    void PumpQueues(TimePoint now);
    // A banned account: every held order of the user is cancelled (its seats go back on sale)
    // and the user leaves every room for good (WaitingRoom::Remove: a later join answers
    // kRemoved). Paid orders stay, and so does an order whose payment is under way (the money
    // may already be taken; the payment's answer settles it). Recorded; idempotent (a second
    // call finds nothing to remove). The next PumpQueues gives the freed places to the next in
    // line.
    UserRemoval RemoveUser(UserId user_id, TimePoint now);
    // Recovery: puts back a journaled room. Not recorded; ExpireDue (which pumps) follows.
    // REQUIRES: its event is restored and has no room; the snapshot is whole
    // (WaitingRoom::Restore).
    void RestoreQueue(const QueueSnapshot& snapshot);
    // The event's room, or null (no such event, or no room). Valid until the next mutating call.
    const WaitingRoom* FindQueue(EventId event_id) const;
    QueueLookup LookUpQueue(EventId event_id) const;

    // What changed since the last drain, in the order it changed: added events, a snapshot of
    // each order after each change (a new order carries its idempotency key and request hash),
    // and the waiting rooms' records.
    // Every mutating call records its own changes, failed ones included (a confirm that found
    // the hold expired records the expiry); Restore and RestoreEvent record nothing. The caller
    // (the sequencer) appends them to the journal batch, so no change can go unjournaled.
    void DrainChanges(JournalBatch& batch);
    bool HasChanges() const;

    // Recovery: puts back an order exactly as it was journaled (any status; orders with seats
    // keep their deadline, even a past one: call ExpireDue after restoring). Its event must be
    // restored. The next new order id becomes greater than every restored one. Not recorded.
    // A retry with a restored order's key replays only for the same request (record.request_kind
    // with the order); a record journaled before request kinds were kept replays for any
    // request that could have made the order.
    // REQUIRES: order ids ascend, above every order already in the engine; the order's seats are
    // free. Aborts otherwise (a corrupt journal).
    void Restore(const OrderRecord& record);

    // Reads.
    const EventSpec* FindEvent(EventId event_id) const;
    // The same spec, shared: immutable once added, so other threads may read it (render JSON)
    // while the engine goes on. Null for an unknown event.
    std::shared_ptr<const EventSpec> SharedEvent(EventId event_id) const;
    // Grows with every change to the event's inventory (holds, ends, payments): equal versions
    // mean equal availability. 0 for an unknown event.
    std::uint64_t EventVersion(EventId event_id) const;
    // Every seat's state, zone after zone, rows in order: one SeatState char per seat (general
    // admission zones have none). Built once per EventVersion and shared; null for an unknown
    // event.
    std::shared_ptr<const std::string> SeatStates(EventId event_id) const;
    std::vector<EventId> EventIds() const;  // ascending
    const Order* FindOrder(OrderId order_id) const;
    std::span<const OrderId> OrdersOf(UserId user_id) const;  // oldest first
    std::optional<std::uint16_t> ZoneIndex(EventId event_id, std::string_view zone_id) const;
    ZoneCounts Counts(EventId event_id, std::uint16_t zone_index) const;
    // One SeatState char per seat of the row, in seat-number order.
    std::string RowStates(EventId event_id, std::uint16_t zone_index,
                          std::uint32_t row_index) const;
    // "INF-A-12" for a seat index of a seated zone.
    std::string SeatId(EventId event_id, std::uint16_t zone_index, std::uint32_t seat_index) const;
    // Held + paid tickets of the user for the event.
    std::uint32_t TicketsOf(UserId user_id, EventId event_id) const;

    // Aborts with a message if any invariant is broken: per zone available + held + sold ==
    // capacity; a seat is in at most one live (held or paid) order; no user above the limit;
    // every held order is in the deadline queue; every waiting room's own invariants.
    void CheckInvariants() const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace tix::engine
