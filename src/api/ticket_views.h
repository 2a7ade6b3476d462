// The API's JSON shapes for tickets and check-in (docs/api.md, "Tickets"): pure functions of the
// engine's reply snapshots, run on IO threads.
#pragma once

#include <boost/json/value.hpp>

#include "api/ticket_keyring.h"
#include "engine/reply.h"

namespace tix::api {

// A ticket as `viewer` sees it: the QR payload (`qr`) only for its holder while it is not
// revoked; for an event with rotating codes, the payload of `now`'s code and when to refresh it.
boost::json::object TicketJson(const engine::TicketView& view, UserId viewer,
                               const TicketKeyring& keyring, TimePoint now);
boost::json::object TicketListJson(const std::vector<engine::TicketView>& tickets, UserId viewer,
                                   const TicketKeyring& keyring, TimePoint now);

// {"scanned_at", "gate", "online"}
boost::json::object ScanJson(const engine::Scan& scan);
// "INF-A-12" for a seated ticket, null for general admission.
boost::json::value SeatJson(const engine::Ticket& ticket, const engine::EventSpec& spec);

boost::json::object CheckInStatsJson(const engine::CheckInStatsReply& reply);
boost::json::object ConflictsJson(const engine::ScanConflictsReply& reply);
// What an offline gate needs (tixscan fetch): the public key, the rotation key for an event with
// rotating codes, and the tickets revoked, re-issued (version > 1) and checked in (used: with
// their first scan) since `since`.
boost::json::object BundleJson(const engine::TicketBundleReply& reply, std::uint64_t since,
                               const TicketKeyring& keyring);

}  // namespace tix::api
