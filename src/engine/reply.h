// Replies: what the engine answers a Command with. Plain snapshots, copied or shared on the engine
// thread so that the IO thread can render them (JSON, seat labels) while the engine goes on.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/engine.h"

namespace tix::engine {

// An order as it was when the command ran, with its event's (immutable) spec for rendering.
struct OrderSnapshot {
    Order order;
    std::shared_ptr<const EventSpec> event;
};

// PlaceHold. `order` is set for kOk and kReplayed.
struct HoldReply {
    HoldOutcome outcome = HoldOutcome::kUnknownEvent;
    std::optional<OrderSnapshot> order;
};

// BeginPayment, CompletePayment, CancelOrder, GetOrder. `order` (a ticket order) or
// `campaign_order` is set unless kUnknownOrder or kForbidden: the order after the command, also
// when it failed (an expired hold).
struct OrderReply {
    OrderOutcome outcome = OrderOutcome::kUnknownOrder;
    std::optional<OrderSnapshot> order;
    std::optional<CampaignOrder> campaign_order;
};

// CreateEvent, GetEvent. Null: no such event.
struct EventReply {
    std::shared_ptr<const EventSpec> event;
    std::optional<QueueConfig> queue;  // the event's room, if it has one (seed blanked)
};

struct EventListReply {
    std::vector<std::shared_ptr<const EventSpec>> events;  // ascending event id
};

// ListOrders: ticket orders and campaign orders share one id sequence; together, newest first.
struct OrderListReply {
    std::vector<OrderSnapshot> orders;           // newest first
    std::vector<CampaignOrder> campaign_orders;  // newest first, in the same page
    OrderId next_cursor{};                       // 0: no older orders
};

// GetAvailability. `event` null: no such event.
struct AvailabilityReply {
    std::shared_ptr<const EventSpec> event;
    std::uint64_t version = 0;                       // Engine::EventVersion
    std::vector<ZoneCounts> zones;                   // one per zone of the spec
    std::shared_ptr<const std::string> seat_states;  // when asked for: Engine::SeatStates
};

// JoinQueue, GetQueueStatus: the user's view of the room after the command. `join` is set for
// JoinQueue when the room was found.
struct QueueStatusReply {
    QueueLookup lookup = QueueLookup::kUnknownEvent;
    std::optional<JoinOutcome> join;
    QueueView view;
};

// GetQueue, ConfigureQueue (`setup` set). `config` has its seed blanked: the seed is secret until
// sale start, and then it is in stats.seed.
struct QueueInfoReply {
    QueueLookup lookup = QueueLookup::kUnknownEvent;
    std::optional<QueueSetupOutcome> setup;
    QueueConfig config;
    QueueStats stats;
};

// GetQueueDraw: ranks first_rank, first_rank + 1, ... (empty before the draw).
struct QueueDrawReply {
    QueueLookup lookup = QueueLookup::kUnknownEvent;
    QueueStats stats;  // draw_size, the seed and its commitment
    std::uint64_t first_rank = 1;
    std::vector<QueueEntryId> entries;
};

// OpenPayment, AttachPayment, AbandonPayment, RequestRefund. `order` or `campaign_order` is set
// unless kUnknownOrder or kForbidden; `payment` when the order has one; `refund` when money must
// be given back (ask the provider).
struct PaymentReply {
    OrderOutcome outcome = OrderOutcome::kUnknownOrder;
    std::optional<OrderSnapshot> order;
    std::optional<CampaignOrder> campaign_order;
    std::optional<Payment> payment;
    std::optional<RefundDue> refund;
};

// ApplyPaymentEvent. `order` or `campaign_order` is set when the event names a known order.
struct PaymentEventReply {
    PaymentEventOutcome outcome = PaymentEventOutcome::kUnknownOrder;
    std::optional<OrderSnapshot> order;
    std::optional<CampaignOrder> campaign_order;
    std::optional<RefundDue> refund;
};

// GetPayments: every order that is paid, being refunded or refunded, or has a payment
// (ascending id), of either kind, and every payment (ascending order id).
struct PaymentsReply {
    std::vector<Order> orders;
    std::vector<CampaignOrder> campaign_orders;
    std::vector<Payment> payments;
};

// A ticket as it was when the command ran, with its admission if it has one and its event's spec
// (seat labels, the rotating_qr setting).
struct TicketView {
    Ticket ticket;
    std::optional<Scan> first_scan;
    std::shared_ptr<const EventSpec> event;
};

// GetTickets: kOk, kUnknownOrder or kForbidden (not the actor's order); by unit for an order,
// in issue order for a holder.
struct TicketListReply {
    OrderOutcome outcome = OrderOutcome::kOk;
    std::vector<TicketView> tickets;
};

// GetTicket: empty when there is no such ticket or the actor neither holds it nor is an admin.
struct TicketReply {
    std::optional<TicketView> ticket;
};

// TransferTicket: the ticket after it, unless kUnknownTicket.
struct TransferReply {
    TransferOutcome outcome = TransferOutcome::kUnknownTicket;
    std::optional<TicketView> ticket;
};

// CheckIn: the ticket after the scan, unless kUnknownTicket.
struct CheckInReply {
    ScanOutcome outcome = ScanOutcome::kUnknownTicket;
    std::optional<TicketView> ticket;
};

// UploadScans: one outcome per scan, in order. `event` null: no such event (nothing applied).
struct UploadScansReply {
    std::shared_ptr<const EventSpec> event;
    std::vector<ScanOutcome> outcomes;
};

// GetCheckInStats, GetScanConflicts, GetTicketBundle. `event` null: no such event.
struct CheckInStatsReply {
    std::shared_ptr<const EventSpec> event;
    CheckInStats stats;
};
struct ScanConflictsReply {
    std::shared_ptr<const EventSpec> event;
    std::vector<ScanConflict> conflicts;
};
struct TicketBundleReply {
    std::shared_ptr<const EventSpec> event;
    BundleDelta delta;
    // The first scan (the admission) of each used ticket in delta.changed, in that order: what an
    // offline gate answers a duplicate with.
    std::vector<Scan> checked_in;
};

// ---- Bidding (issue 11) ----

// CreateProduct, GetProduct. Empty: no such product.
struct ProductReply {
    std::optional<Product> product;
};

struct ProductListReply {
    std::vector<Product> products;  // ascending id
};

// CreateCampaign, GetCampaign. `campaign` (without ranks) and `product` are set when found / made.
struct CampaignReply {
    CampaignSetupOutcome outcome = CampaignSetupOutcome::kOk;
    std::optional<RankingView> campaign;
    std::optional<Product> product;
};

struct CampaignListReply {
    std::vector<RankingView> campaigns;  // ascending id, without ranks
};

// PlaceBid: `bid` and `rank` for kOk; `campaign` and `product` whenever the campaign exists (the
// window and the minimum price, for the refusal's detail).
struct BidReply {
    BidOutcome outcome = BidOutcome::kUnknownCampaign;
    std::optional<Bid> bid;
    std::uint32_t rank = 0;
    std::optional<Campaign> campaign;
    std::optional<Product> product;
};

// GetBidHistory: `found` false for an unknown campaign.
struct BidHistoryReply {
    bool found = false;
    std::vector<Bid> bids;  // oldest first
};

// GetRanking: `ranking` empty for an unknown campaign; `standing` set when asked for.
struct RankingReply {
    std::optional<RankingView> ranking;
    std::optional<Standing> standing;
};

// GetStandings: `ranking` (figures only) empty for an unknown campaign; one standing per user
// asked, in that order.
struct StandingsReply {
    std::optional<RankingView> ranking;
    std::vector<Standing> standings;
};

// GetFinalRanking: `status` of the campaign (when found); `final` once it is settled.
struct FinalRankingReply {
    bool found = false;
    CampaignStatus status = CampaignStatus::kScheduled;
    std::optional<FinalRanking> final;
};

// GetCampaignOrders: by rank.
struct CampaignOrdersReply {
    bool found = false;
    std::vector<CampaignOrder> orders;
};

// RemoveUser.
struct UserRemovalReply {
    UserRemoval removal;
};

using Reply =
    std::variant<HoldReply, OrderReply, EventReply, EventListReply, OrderListReply,
                 AvailabilityReply, QueueStatusReply, QueueInfoReply, QueueDrawReply,
                 UserRemovalReply, PaymentReply, PaymentEventReply, PaymentsReply, TicketListReply,
                 TicketReply, TransferReply, CheckInReply, UploadScansReply, CheckInStatsReply,
                 ScanConflictsReply, TicketBundleReply, ProductReply, ProductListReply,
                 CampaignReply, CampaignListReply, BidReply, BidHistoryReply, RankingReply,
                 FinalRankingReply, CampaignOrdersReply, StandingsReply>;

// "INF-A-12": the label of a seat index of a seated zone, from the spec alone (off the engine
// thread). REQUIRES: zone_index names a seated zone and seat_index is below its capacity.
std::string SeatLabel(const EventSpec& spec, std::uint16_t zone_index, std::uint32_t seat_index);

}  // namespace tix::engine
