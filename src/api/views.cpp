#include "api/views.h"

#include "api/bidding_views.h"
#include "common/rfc3339.h"

namespace tix::api {
namespace json = boost::json;

json::value Money(std::int64_t minor) {
    if (minor % 100 == 0) return minor / 100;
    return static_cast<double>(minor) / 100.0;
}

json::object EventJson(const engine::EventSpec& spec, bool with_rows) {
    json::array zones;
    for (const engine::ZoneSpec& zone : spec.zones) {
        json::object z{
            {"zone_id", zone.zone_id},
            {"name", zone.name},
            {"kind", zone.kind == engine::ZoneKind::kSeated ? "seated" : "ga"},
            {"price", Money(zone.price_minor)},
            {"price_minor", zone.price_minor},
            {"currency", zone.currency},
            {"capacity", zone.capacity},
        };
        if (zone.kind == engine::ZoneKind::kSeated) {
            z["row_count"] = zone.rows.size();
            if (with_rows) {
                json::array rows;
                rows.reserve(zone.rows.size());
                for (const engine::RowSpec& row : zone.rows) {
                    rows.push_back(json::object{{"row", row.label}, {"seats", row.seats}});
                }
                z["rows"] = std::move(rows);
            }
        }
        zones.push_back(std::move(z));
    }
    return json::object{
        {"event_id", spec.event_id.value()},
        {"name", spec.name},
        {"series", spec.series.empty() ? json::value(nullptr) : json::value(spec.series)},
        {"venue", spec.venue},
        {"starts_at", FormatRfc3339(spec.starts_at)},
        {"sale_starts_at", FormatRfc3339(spec.sale_starts_at)},
        {"sale_ends_at", spec.sale_ends_at == kNoEnd
                             ? json::value(nullptr)
                             : json::value(FormatRfc3339(spec.sale_ends_at))},
        {"max_per_user", spec.max_per_user},
        {"hold_seconds", spec.hold.count()},
        {"rotating_qr", spec.rotating_qr},
        {"zones", std::move(zones)},
    };
}

json::object OrderJson(const engine::OrderSnapshot& snapshot) {
    const engine::Order& o = snapshot.order;
    const engine::EventSpec& spec = *snapshot.event;
    const engine::ZoneSpec& zone = spec.zones[o.zone_index];
    json::array seats;
    if (zone.kind == engine::ZoneKind::kSeated) {
        seats.reserve(o.quantity);
        for (std::uint8_t i = 0; i < o.quantity; ++i) {
            seats.push_back(json::string(engine::SeatLabel(spec, o.zone_index, o.seats[i])));
        }
    }
    json::object out{
        {"kind", "ticket"},
        {"order_id", o.order_id.value()},
        {"user_id", o.user_id.value()},
        {"event_id", o.event_id.value()},
        {"zone_id", zone.zone_id},
        {"status", engine::ToString(o.status)},
        {"quantity", o.quantity},
        {"seats", std::move(seats)},
        {"amount", Money(o.amount_minor)},
        {"amount_minor", o.amount_minor},
        {"currency", zone.currency},
        {"created_at", FormatRfc3339(o.created_at)},
        {"updated_at", FormatRfc3339(o.updated_at)},
    };
    switch (o.status) {
        case engine::OrderStatus::kHeld:
            out["expires_at"] = FormatRfc3339(o.expires_at);
            break;
        case engine::OrderStatus::kPaymentPending:
            out["expires_at"] = FormatRfc3339(o.payment_expires_at);
            break;
        default:
            out["expires_at"] = nullptr;
    }
    if (o.refund_reason != engine::RefundReason::kNone) {
        out["refund_reason"] = engine::ToString(o.refund_reason);
    }
    return out;
}

json::array OrderListJson(const engine::OrderListReply& reply) {
    json::array orders;
    orders.reserve(reply.orders.size() + reply.campaign_orders.size());
    auto ticket = reply.orders.begin();
    auto won = reply.campaign_orders.begin();
    while (ticket != reply.orders.end() || won != reply.campaign_orders.end()) {
        const bool ticket_next =
            won == reply.campaign_orders.end() ||
            (ticket != reply.orders.end() && ticket->order.order_id > won->order_id);
        orders.push_back(ticket_next ? OrderJson(*ticket++) : CampaignOrderJson(*won++));
    }
    return orders;
}

json::object AvailabilityJson(const engine::AvailabilityReply& availability) {
    const engine::EventSpec& spec = *availability.event;
    const std::string* states = availability.seat_states.get();
    std::size_t next_seat = 0;  // into *states: seated zones in order, rows in order
    json::array zones;
    for (std::uint16_t z = 0; z < spec.zones.size(); ++z) {
        const engine::ZoneSpec& zone = spec.zones[z];
        const engine::ZoneCounts& counts = availability.zones[z];
        json::object entry{
            {"zone_id", zone.zone_id},
            {"kind", zone.kind == engine::ZoneKind::kSeated ? "seated" : "ga"},
            {"capacity", counts.capacity},
            {"available", counts.available},
            {"held", counts.held},
            {"sold", counts.sold},
        };
        if (states != nullptr && zone.kind == engine::ZoneKind::kSeated) {
            json::array rows;
            rows.reserve(zone.rows.size());
            for (const engine::RowSpec& row : zone.rows) {
                rows.push_back(json::object{
                    {"row", row.label},
                    {"states", std::string_view(*states).substr(next_seat, row.seats)}});
                next_seat += row.seats;
            }
            entry["rows"] = std::move(rows);
        }
        zones.push_back(std::move(entry));
    }
    return json::object{{"event_id", spec.event_id.value()}, {"zones", std::move(zones)}};
}

}  // namespace tix::api
