// Commands: everything a client can ask of the engine, as plain values. An IO thread parses a
// request into a Command, the sequencer applies it on the engine thread (Apply, in dispatch.h)
// and answers with a Reply. Commands hold no pointers or callbacks, so they could be serialized
// and shipped to the node that owns an event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/types.h"
#include "engine/bidding_book.h"
#include "engine/event_spec.h"
#include "engine/payment_ledger.h"
#include "engine/queue_config.h"
#include "engine/ticket.h"

namespace tix::engine {

// Who asks: users act on their own orders only; admins on anyone's.
struct Actor {
    UserId user_id{};
    bool is_admin = false;
};

struct CreateEvent {
    EventSpec spec;  // REQUIRES: ValidateEventSpec(spec) is nullopt
    // A waiting room for the event, with its seed; its sale_starts_at is the spec's.
    // REQUIRES: ValidateQueueConfig of it with the spec's sale_starts_at is nullopt.
    std::optional<QueueConfig> queue;
};

// A hold: by zone and quantity when `seats` is empty, else exactly those seats.
struct PlaceHold {
    UserId user_id{};
    EventId event_id{};
    std::string zone_id;
    std::uint32_t quantity = 0;
    bool allow_split = false;
    std::vector<std::string> seats;
    std::string idempotency_key;  // empty: none
};

// Starts paying a held order (Engine::BeginPayment).
struct BeginPayment {
    Actor actor;
    OrderId order_id{};
    std::chrono::milliseconds window{};  // how long the seats wait for the payment's answer
};

// The payment provider's answer (Engine::CompletePayment).
struct CompletePayment {
    OrderId order_id{};
    bool approved = false;
};

struct CancelOrder {
    Actor actor;
    OrderId order_id{};
};

struct GetOrder {
    Actor actor;
    OrderId order_id{};
};

// A user's orders, newest first, `limit` of them older than `before` (0: from the newest).
struct ListOrders {
    UserId user_id{};
    std::uint32_t limit = 0;
    OrderId before{};
};

struct ListEvents {
    std::optional<std::string> series;
    std::optional<TimePoint> starts_from;    // starts_at >= this
    std::optional<TimePoint> starts_before;  // starts_at < this
};

struct GetEvent {
    EventId event_id{};
};

struct GetAvailability {
    EventId event_id{};
    bool seats = false;  // with every seat's state
};

// ---- Waiting rooms (issue 8) ----

// Changes the event's room, or gives the event one (Engine::ConfigureQueue).
struct ConfigureQueue {
    EventId event_id{};
    QueuePatch patch;  // REQUIRES: fields within QueueConfig's ranges
    QueueSeed seed{};  // for a new room only: 32 random bytes
};

// A join whose proof of work and challenge signature the IO thread has checked; the room
// refuses an expired or reused challenge.
struct JoinQueue {
    UserId user_id{};
    EventId event_id{};
    std::uint64_t challenge = 0;  // non-zero
    TimePoint challenge_expires_at{};
};

// The user's place in the event's room.
struct GetQueueStatus {
    UserId user_id{};
    EventId event_id{};
};

// The room's public figures and config.
struct GetQueue {
    EventId event_id{};
};

// The draw, for auditing: the entries ranked after `after_rank`, at most `limit` of them.
struct GetQueueDraw {
    EventId event_id{};
    std::uint64_t after_rank = 0;
    std::uint32_t limit = 0;
};

// ---- Payments through a provider (issue 9) ----

// Opens the payment of a held order (Engine::OpenPayment); the reply carries the order's payment
// if the provider already made its intent.
struct OpenPayment {
    Actor actor;
    OrderId order_id{};
    std::chrono::milliseconds grace{};  // added once to the hold deadline
};

// The provider made the order's intent (Engine::AttachPayment).
struct AttachPayment {
    Payment intent;  // order_id, payment_id, client_secret, amount_minor, currency
};

// The provider could not make the intent (Engine::AbandonPayment).
struct AbandonPayment {
    OrderId order_id{};
};

// A provider event whose signature the IO thread has checked (Engine::ApplyPaymentEvent).
struct ApplyPaymentEvent {
    PaymentEvent event;
};

// A refund of a paid order (Engine::RequestRefund): its owner before the event starts, an
// admin any time.
struct RequestRefund {
    Actor actor;
    OrderId order_id{};
};

// The books, for reconciliation: every payment and every order that money touched.
struct GetPayments {};

// ---- Tickets (issue 10) ----

// A user's tickets: of one order (its owner or an admin), or all the user holds (order_id 0).
struct GetTickets {
    Actor actor;
    OrderId order_id{};
};

// One ticket, for its holder or an admin.
struct GetTicket {
    Actor actor;
    TicketId ticket_id;
};

// Gives a ticket to another account, which the IO thread found by its email.
struct TransferTicket {
    Actor actor;
    TicketId ticket_id;
    UserId to{};
};

// A scan at a gate whose QR signature (and rotating code) the IO thread has checked.
struct CheckIn {
    TicketId ticket_id;
    std::uint32_t version = 0;
    EventId event_id{};  // the gate's event; 0: any
    std::string gate;
    TimePoint scanned_at{};
};

// An offline gate's log: each scan merged like an online one (TicketBook's rules).
struct UploadScans {
    struct Entry {
        TicketId ticket_id;
        std::uint32_t version = 0;  // 0: a ticket id typed in, any version
    };
    EventId event_id{};
    std::string gate;
    std::vector<Entry> tickets;
    std::vector<TimePoint> scanned_at;  // one per entry
};

struct GetCheckInStats {
    EventId event_id{};
};

struct GetScanConflicts {
    EventId event_id{};
};

// What an offline gate needs to know, since the bundle version it has.
struct GetTicketBundle {
    EventId event_id{};
    std::uint64_t since = 0;
};

// ---- Bidding flash-sales (issue 11) ----

struct CreateProduct {
    Product product;  // REQUIRES: within BiddingBook::AddProduct's bounds
};

struct ListProducts {};

struct GetProduct {
    ProductId product_id{};
};

struct CreateCampaign {
    Campaign campaign;  // REQUIRES: within BiddingBook::AddCampaign's bounds
};

// Every campaign with its figures (no ranks).
struct ListCampaigns {};

// The campaign with its figures, and its product.
struct GetCampaign {
    CampaignId campaign_id{};
};

// A bid whose user's member weight the IO thread looked up.
struct PlaceBid {
    BidRequest request;
};

// The user's own bids in the campaign.
struct GetBidHistory {
    CampaignId campaign_id{};
    UserId user_id{};
};

// The campaign's figures and first `limit` ranks; with `standing_of`, that user's place too.
struct GetRanking {
    CampaignId campaign_id{};
    std::uint32_t limit = 0;
    UserId standing_of{};  // 0: nobody's
};

// Several users' places in a campaign at once (the campaign's end, told to each user watching).
struct GetStandings {
    CampaignId campaign_id{};
    std::vector<UserId> users;
};

// A settled campaign's whole ranking and its hash.
struct GetFinalRanking {
    CampaignId campaign_id{};
};

// The orders a campaign's settlement made (admins: checking orders == min(K, stock)).
struct GetCampaignOrders {
    CampaignId campaign_id{};
};

// ---- Accounts ----

// A banned account's holds and queue places go (Engine::RemoveUser). The ban itself (tokens
// refused) is the user directory's; this is the engine's part of it.
struct RemoveUser {
    UserId user_id{};
};

using Command =
    std::variant<CreateEvent, PlaceHold, BeginPayment, CompletePayment, CancelOrder, GetOrder,
                 ListOrders, ListEvents, GetEvent, GetAvailability, ConfigureQueue, JoinQueue,
                 GetQueueStatus, GetQueue, GetQueueDraw, RemoveUser, OpenPayment, AttachPayment,
                 AbandonPayment, ApplyPaymentEvent, RequestRefund, GetPayments, GetTickets,
                 GetTicket, TransferTicket, CheckIn, UploadScans, GetCheckInStats, GetScanConflicts,
                 GetTicketBundle, CreateProduct, ListProducts, GetProduct, CreateCampaign,
                 ListCampaigns, GetCampaign, PlaceBid, GetBidHistory, GetRanking, GetFinalRanking,
                 GetCampaignOrders, GetStandings>;

}  // namespace tix::engine
