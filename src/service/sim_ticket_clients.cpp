#include "service/sim_ticket_clients.h"

#include <algorithm>
#include <variant>

namespace tix::service {
namespace {

constexpr const char* kGates[] = {"north-1", "north-2", "south", "vip"};
// Under TicketBook's kScansPerTicketMax, so every scan a gate sends is kept.
constexpr std::size_t kScansPerTicketSent = 12;
constexpr std::size_t kUploadsKept = 64;

std::uint64_t Below(std::mt19937_64& rng, std::uint64_t n) { return rng() % n; }

bool Kept(engine::ScanOutcome outcome) {
    return outcome == engine::ScanOutcome::kAdmitted ||
           outcome == engine::ScanOutcome::kDoubleEntry ||
           outcome == engine::ScanOutcome::kAlreadyRecorded;
}

}  // namespace

void SimTicketClients::Told(const engine::Order& order) {
    if (order.status != engine::OrderStatus::kPaid || fetched_.contains(order.order_id)) return;
    if (std::find(paid_unfetched_.begin(), paid_unfetched_.end(), order.order_id) ==
        paid_unfetched_.end()) {
        paid_unfetched_.push_back(order.order_id);
    }
}

const engine::TicketId* SimTicketClients::AnyTicket(std::mt19937_64& rng) const {
    if (ticket_list_.empty()) return nullptr;
    return &ticket_list_[Below(rng, ticket_list_.size())];
}

std::optional<engine::Command> SimTicketClients::NextCommand(std::mt19937_64& rng, UserId admin,
                                                             std::uint64_t users, TimePoint now) {
    if (!paid_unfetched_.empty() && (ticket_list_.empty() || Below(rng, 4) == 0)) {
        const OrderId order_id = paid_unfetched_.back();
        paid_unfetched_.pop_back();
        fetched_.insert(order_id);
        return engine::GetTickets{{admin, true}, order_id};
    }
    const std::uint64_t roll = Below(rng, 100);
    if (roll < 55) return Scan(rng, now);
    if (roll < 85) return Upload(rng, now);
    return Transfer(rng, users);
}

std::optional<engine::Command> SimTicketClients::Scan(std::mt19937_64& rng, TimePoint now) {
    const engine::TicketId* id = AnyTicket(rng);
    if (id == nullptr) return std::nullopt;
    Known& known = tickets_.at(*id);
    if (known.scans_sent >= kScansPerTicketSent) return std::nullopt;
    ++known.scans_sent;
    // Now and then an old QR code: the one from before a transfer.
    const std::uint32_t version =
        known.version > 1 && Below(rng, 5) == 0 ? known.version - 1 : known.version;
    return engine::CheckIn{*id, version, Below(rng, 10) == 0 ? EventId{} : known.event_id,
                           kGates[Below(rng, std::size(kGates))], now};
}

std::optional<engine::Command> SimTicketClients::Upload(std::mt19937_64& rng, TimePoint now) {
    if (!acked_uploads_.empty() && Below(rng, 4) == 0) {
        ++stats_["tickets:upload_again"];
        return acked_uploads_[Below(rng, acked_uploads_.size())];
    }
    const engine::TicketId* first = AnyTicket(rng);
    if (first == nullptr) return std::nullopt;
    engine::UploadScans upload{
        tickets_.at(*first).event_id, kGates[Below(rng, std::size(kGates))], {}, {}};
    const std::size_t count = 1 + Below(rng, 5);
    for (std::size_t i = 0; i < count; ++i) {
        const engine::TicketId* id = AnyTicket(rng);
        Known& known = tickets_.at(*id);
        if (known.event_id != upload.event_id || known.scans_sent >= kScansPerTicketSent) continue;
        ++known.scans_sent;
        // A typed-in id (no version) now and then; scans up to ten minutes old.
        upload.tickets.push_back({*id, Below(rng, 8) == 0 ? 0 : known.version});
        upload.scanned_at.push_back(now - std::chrono::milliseconds(Below(rng, 600'000)));
    }
    if (upload.tickets.empty()) return std::nullopt;
    return upload;
}

std::optional<engine::Command> SimTicketClients::Transfer(std::mt19937_64& rng,
                                                          std::uint64_t users) {
    const engine::TicketId* id = AnyTicket(rng);
    if (id == nullptr) return std::nullopt;
    const Known& known = tickets_.at(*id);
    return engine::TransferTicket{{known.holder, false}, *id, UserId{1 + Below(rng, users)}};
}

void SimTicketClients::OnTickets(const engine::TicketListReply& reply, Problems& problems) {
    for (const engine::TicketView& view : reply.tickets) {
        const engine::Ticket& t = view.ticket;
        auto [it, fresh] = tickets_.try_emplace(t.ticket_id);
        if (fresh) {
            ticket_list_.push_back(t.ticket_id);
            it->second.event_id = t.event_id;
        } else if (it->second.event_id != t.event_id) {
            problems.push_back("ticket " + engine::ToHex(t.ticket_id) + " changed events");
        }
        it->second.holder = t.holder;
        it->second.version = std::max(it->second.version, t.version);
        it->second.acked_version = std::max(it->second.acked_version, t.version);
    }
}

void SimTicketClients::OnUpload(const engine::UploadScans& upload,
                                const engine::UploadScansReply& reply, Problems& problems) {
    if (reply.outcomes.size() != upload.tickets.size()) {
        problems.push_back("an upload answered " + std::to_string(reply.outcomes.size()) +
                           " results for " + std::to_string(upload.tickets.size()) + " scans");
        return;
    }
    bool all_kept = true;
    for (std::size_t i = 0; i < upload.tickets.size(); ++i) {
        const engine::ScanOutcome outcome = reply.outcomes[i];
        ++stats_[std::string("tickets:upload:") + std::string(engine::ToString(outcome))];
        if (!Kept(outcome)) {
            all_kept = false;
            continue;
        }
        acked_scans_.push_back({upload.tickets[i].ticket_id, upload.gate, upload.scanned_at[i]});
    }
    const bool again = std::find_if(acked_uploads_.begin(), acked_uploads_.end(),
                                    [&](const engine::UploadScans& u) {
                                        return u.tickets.size() == upload.tickets.size() &&
                                               u.gate == upload.gate &&
                                               u.scanned_at == upload.scanned_at;
                                    }) != acked_uploads_.end();
    if (again) {
        for (std::size_t i = 0; i < upload.tickets.size(); ++i) {
            const Known& known = tickets_.at(upload.tickets[i].ticket_id);
            const bool unchanged = known.acked_version == known.version;
            if (unchanged && reply.outcomes[i] != engine::ScanOutcome::kAlreadyRecorded &&
                reply.outcomes[i] != engine::ScanOutcome::kRevoked) {
                problems.push_back("a log uploaded again changed ticket " +
                                   engine::ToHex(upload.tickets[i].ticket_id) + ": " +
                                   std::string(engine::ToString(reply.outcomes[i])));
            }
        }
    } else if (all_kept && acked_uploads_.size() < kUploadsKept) {
        acked_uploads_.push_back(upload);
    }
}

void SimTicketClients::OnAnswer(const engine::Command& sent, const engine::Reply& reply,
                                bool durable, Problems& problems) {
    if (!durable) return;
    if (const auto* r = std::get_if<engine::TicketListReply>(&reply))
        return OnTickets(*r, problems);
    if (const auto* upload = std::get_if<engine::UploadScans>(&sent)) {
        return OnUpload(*upload, std::get<engine::UploadScansReply>(reply), problems);
    }
    if (const auto* transfer = std::get_if<engine::TransferTicket>(&sent)) {
        const auto& answer = std::get<engine::TransferReply>(reply);
        ++stats_[std::string("tickets:transfer:") + std::string(engine::ToString(answer.outcome))];
        if (answer.outcome == engine::TransferOutcome::kOk) {
            Known& known = tickets_.at(transfer->ticket_id);
            known.holder = transfer->to;
            known.version = std::max(known.version, answer.ticket->ticket.version);
            known.acked_version = std::max(known.acked_version, answer.ticket->ticket.version);
        }
        return;
    }
    const auto* check_in = std::get_if<engine::CheckIn>(&sent);
    if (check_in == nullptr) return;
    const auto& answer = std::get<engine::CheckInReply>(reply);
    ++stats_[std::string("tickets:scan:") + std::string(engine::ToString(answer.outcome))];
    Known& known = tickets_.at(check_in->ticket_id);
    if (!Kept(answer.outcome)) return;
    if (check_in->version < known.acked_version) {
        problems.push_back("an old QR (version " + std::to_string(check_in->version) +
                           ") of ticket " + engine::ToHex(check_in->ticket_id) + " was let in");
    }
    if (answer.outcome == engine::ScanOutcome::kAdmitted) {
        if (known.online_admitted) {
            problems.push_back("ticket " + engine::ToHex(check_in->ticket_id) +
                               " admitted online twice");
        }
        known.online_admitted = true;
    }
    acked_scans_.push_back({check_in->ticket_id, check_in->gate, check_in->scanned_at});
}

void SimTicketClients::CheckRecovered(const engine::RecoveredState& loaded,
                                      const engine::Engine& engine, Problems& problems) const {
    std::set<std::tuple<engine::TicketId, std::string, TimePoint>> durable;
    for (const engine::Scan& scan : loaded.tickets.scans) {
        durable.emplace(scan.ticket_id, scan.gate, scan.scanned_at);
    }
    for (const AckedScan& scan : acked_scans_) {
        if (!durable.contains({scan.ticket_id, scan.gate, scan.scanned_at})) {
            problems.push_back("an acknowledged scan of " + engine::ToHex(scan.ticket_id) + " at " +
                               scan.gate + " was lost");
            continue;
        }
        const std::optional<engine::Scan> first = engine.FirstScan(scan.ticket_id);
        if (!first || first->scanned_at > scan.scanned_at) {
            problems.push_back("ticket " + engine::ToHex(scan.ticket_id) +
                               " is admitted later than an acknowledged scan");
        }
    }
    for (const auto& [id, known] : tickets_) {
        const engine::Ticket* ticket = engine.FindTicket(id);
        if (ticket == nullptr || ticket->version < known.acked_version) {
            problems.push_back("ticket " + engine::ToHex(id) + " lost an acknowledged transfer");
        }
    }
}

std::string SimTicketClients::Describe(const engine::Command& command) {
    if (const auto* c = std::get_if<engine::CheckIn>(&command)) {
        return "check-in of " + engine::ToHex(c->ticket_id) + " v" + std::to_string(c->version) +
               " at " + c->gate;
    }
    if (const auto* u = std::get_if<engine::UploadScans>(&command)) {
        return "upload of " + std::to_string(u->tickets.size()) + " scans at " + u->gate;
    }
    if (const auto* t = std::get_if<engine::TransferTicket>(&command)) {
        return "transfer of " + engine::ToHex(t->ticket_id) + " to user " +
               std::to_string(t->to.value());
    }
    if (const auto* g = std::get_if<engine::GetTickets>(&command)) {
        return "tickets of order " + std::to_string(g->order_id.value());
    }
    return "a ticket command";
}

}  // namespace tix::service
