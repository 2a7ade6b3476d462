#include "api/ticket_views.h"

#include "common/rfc3339.h"
#include "tickets/base64url.h"

namespace tix::api {
namespace json = boost::json;

namespace {

json::value TimeJson(TimePoint t) { return json::value(FormatRfc3339(t)); }

}  // namespace

json::value SeatJson(const engine::Ticket& ticket, const engine::EventSpec& spec) {
    if (spec.zones[ticket.zone_index].kind != engine::ZoneKind::kSeated) return nullptr;
    return json::value(engine::SeatLabel(spec, ticket.zone_index, ticket.seat));
}

json::object ScanJson(const engine::Scan& scan) {
    return {
        {"scanned_at", TimeJson(scan.scanned_at)}, {"gate", scan.gate}, {"online", scan.online}};
}

json::object TicketJson(const engine::TicketView& view, UserId viewer, const TicketKeyring& keyring,
                        TimePoint now) {
    const engine::Ticket& t = view.ticket;
    const engine::EventSpec& spec = *view.event;
    json::object out{
        {"ticket_id", engine::ToHex(t.ticket_id)},
        {"event_id", t.event_id.value()},
        {"order_id", t.order_id.value()},
        {"zone_id", spec.zones[t.zone_index].zone_id},
        {"seat", SeatJson(t, spec)},
        {"status", engine::ToString(t.status)},
        {"version", t.version},
        {"holder_id", t.holder.value()},
        {"issued_at", TimeJson(t.issued_at)},
        {"updated_at", TimeJson(t.updated_at)},
        {"rotating_qr", spec.rotating_qr},
    };
    if (view.first_scan) out["checked_in"] = ScanJson(*view.first_scan);
    const bool holds = t.holder == viewer;
    if (!holds) out["transferred"] = true;  // the buyer's view of a ticket given away
    if (holds && t.status != engine::TicketStatus::kRevoked) {
        out["qr"] = keyring.Payload(t, spec.rotating_qr, now);
        if (spec.rotating_qr) {
            // The next step begins here; the code shown now is still accepted one step longer.
            const std::int64_t next_step = tickets::StepAt(now) + 1;
            out["qr_refresh_at"] = TimeJson(TimePoint{next_step * tickets::kCodeStep});
        }
    } else {
        out["qr"] = nullptr;
    }
    return out;
}

json::object TicketListJson(const std::vector<engine::TicketView>& tickets, UserId viewer,
                            const TicketKeyring& keyring, TimePoint now) {
    json::array list;
    list.reserve(tickets.size());
    for (const engine::TicketView& view : tickets) {
        list.push_back(TicketJson(view, viewer, keyring, now));
    }
    return {{"tickets", std::move(list)}};
}

json::object CheckInStatsJson(const engine::CheckInStatsReply& reply) {
    const engine::CheckInStats& stats = reply.stats;
    json::array gates;
    for (const engine::GateCount& gate : stats.gates) {
        gates.push_back({{"gate", gate.gate},
                         {"admitted", gate.admitted},
                         {"double_entries", gate.double_entries}});
    }
    json::array zones;
    for (std::size_t z = 0; z < reply.event->zones.size(); ++z) {
        zones.push_back(
            {{"zone_id", reply.event->zones[z].zone_id},
             {"admitted", z < stats.zone_admitted.size() ? stats.zone_admitted[z] : 0}});
    }
    return {{"event_id", reply.event->event_id.value()},
            {"issued", stats.issued},
            {"revoked", stats.revoked},
            {"admitted", stats.admitted},
            {"double_entry_attempts", stats.double_entries},
            {"gates", std::move(gates)},
            {"zones", std::move(zones)}};
}

json::object ConflictsJson(const engine::ScanConflictsReply& reply) {
    json::array conflicts;
    for (const engine::ScanConflict& conflict : reply.conflicts) {
        json::array double_entries;
        for (std::size_t i = 1; i < conflict.scans.size(); ++i) {
            double_entries.push_back(ScanJson(conflict.scans[i]));
        }
        conflicts.push_back({{"ticket_id", engine::ToHex(conflict.ticket_id)},
                             {"admitted", ScanJson(conflict.scans.front())},
                             {"double_entries", std::move(double_entries)}});
    }
    return {{"event_id", reply.event->event_id.value()}, {"conflicts", std::move(conflicts)}};
}

json::object BundleJson(const engine::TicketBundleReply& reply, std::uint64_t since,
                        const TicketKeyring& keyring) {
    const engine::EventSpec& spec = *reply.event;
    const auto keys = keyring.KeysOf(spec.event_id);
    json::array revoked;
    json::array reissued;
    for (const engine::Ticket& ticket : reply.delta.changed) {
        if (ticket.status == engine::TicketStatus::kRevoked) {
            revoked.push_back(json::value(engine::ToHex(ticket.ticket_id)));
        } else if (ticket.version > 1) {
            // A check-in alone re-issues nothing: version 1 is every ticket's first.
            reissued.push_back(
                {{"ticket_id", engine::ToHex(ticket.ticket_id)}, {"version", ticket.version}});
        }
    }
    json::array checked_in;
    checked_in.reserve(reply.checked_in.size());
    for (const engine::Scan& scan : reply.checked_in) {
        checked_in.push_back({{"ticket_id", engine::ToHex(scan.ticket_id)},
                              {"scanned_at", TimeJson(scan.scanned_at)},
                              {"gate", scan.gate}});
    }
    json::object out{{"event_id", spec.event_id.value()},
                     {"bundle_version", reply.delta.bundle_version},
                     {"public_key", tickets::ToBase64Url(keys->public_key)},
                     {"rotating_qr", spec.rotating_qr},
                     {"step_seconds", tickets::kCodeStep.count()},
                     {"issued_count", reply.delta.issued},
                     {"since", since},
                     {"revoked", std::move(revoked)},
                     {"reissued", std::move(reissued)},
                     {"checked_in", std::move(checked_in)}};
    if (spec.rotating_qr) out["rotation_key"] = tickets::ToBase64Url(keys->rotation_key);
    return out;
}

}  // namespace tix::api
