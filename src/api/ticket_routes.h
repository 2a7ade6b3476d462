// Ticket routes (issue 10, docs/tickets.md): a holder's tickets, their QR codes and transfers,
// and the gates' check-in (online, and offline gates' bundles and uploads). Each parses, checks
// what needs no engine state on the IO thread (a payload's signature and rotating code), submits
// one command and renders its reply; the tickets live in the engine.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/ticket_keyring.h"
#include "http/router.h"
#include "service/sequencer.h"

namespace tix::api {

// Accounts as the ticket routes need them; the user directory (auth/) answers, wired in app/.
// Both are called on IO threads and must not block.
struct AccountLookup {
    // An active (not banned) account with this email.
    std::function<std::optional<UserId>(std::string_view email)> find_by_email;
    // Its display name; "" for an unknown account.
    std::function<std::string(UserId)> name_of;
};

struct TicketRouteServices {
    service::Sequencer& sequencer;
    const TicketKeyring& keyring;
    AccountLookup accounts;
    service::Sequencer::Clock clock;  // the server's, for scan times and rotating codes
};

// GET /api/v1/tickets, /tickets/{id}, /tickets/{id}/qr.svg, /orders/{id}/tickets;
// POST /tickets/{id}/transfer. REQUIRES: `services` outlives the router.
void AddTicketRoutes(http::Router& router, const TicketRouteServices& services);

// POST /api/v1/checkin, /events/{id}/checkin; GET /events/{id}/checkin, .../checkin/key,
// .../checkin/bundle, .../checkin/conflicts; POST .../checkin/upload.
void AddCheckInRoutes(http::Router& router, const TicketRouteServices& services);

// Gate names: [A-Za-z0-9_.-]{1,32}.
bool IsValidGate(std::string_view gate);

}  // namespace tix::api
