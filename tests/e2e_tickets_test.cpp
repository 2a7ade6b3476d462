// Tickets end to end (issue 10): bought tickets with signed QR codes, their SVG for the holder,
// gate staff checking them in (admitted, then 409 already_checked_in with the first scan),
// transfers (the old QR refused with 410, the new holder's admitted), rotating codes, the figures
// per gate and zone, offline gates' uploads merged deterministically, every refusal the contract
// lists, and the per-user limit counting purchases by the buyer. The offline bundle's delta after
// a transfer and a refund, and the refund rules for transferred or used tickets, need provider
// payments: those tests run a real tixpay beside tixd (support/payment_rig).
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/payment_rig.h"
#include "support/ticket_api.h"
#include "support/tix_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;

// A ticket as the tests keep it: its id and the QR payload its holder was shown.
struct Held {
    std::string ticket_id;
    std::string qr;
};

Held HeldOf(const json::value& ticket) {
    return {GetString(ticket, "ticket_id"), GetString(ticket, "qr")};
}

class TicketsE2e : public TixTest {
  protected:
    // --test-clock: event_started and rotating codes move the clock instead of waiting.
    TixServer::Options ServerOptions() const override { return {.extra_args = {"--test-clock"}}; }

    void SetUp() override {
        TixTest::SetUp();
        if (HasFatalFailure()) return;
        event_id_ = CreateEvent();
        ASSERT_FALSE(event_id_.is_null());
        scanner_ = NewScanner(server());
        ASSERT_TRUE(scanner_.ok());
    }

    // `quantity` GA tickets bought by `buyer`, as the order lists them.
    std::vector<Held> BuyGa(TestUser& buyer, int quantity, const json::value& event_id) {
        const json::value order_id = Buy(buyer.http(), event_id, kGa, quantity);
        std::vector<Held> held;
        for (const json::value& ticket : TicketsOfOrder(buyer.http(), order_id)) {
            held.push_back(HeldOf(ticket));
        }
        EXPECT_EQ(held.size(), static_cast<std::size_t>(quantity));
        return held;
    }
    std::vector<Held> BuyGa(TestUser& buyer, int quantity) {
        return BuyGa(buyer, quantity, event_id_);
    }

    Response Scan(const std::string& payload, std::string gate,
                  std::optional<TimePoint> at = std::nullopt) {
        return CheckIn(scanner_.http(),
                       {.payload = payload, .gate = std::move(gate), .scanned_at = at});
    }

    json::value Stats() {
        const Response stats = CheckInStats(scanner_.http(), event_id_);
        EXPECT_EQ(stats.status, 200) << stats;
        return stats.json;
    }

    json::value event_id_;
    TestUser scanner_;
};

TEST_F(TicketsE2e, BuyCheckInAndTransferFromEndToEnd) {
    TestUser buyer = server().NewUser("buyer");
    const json::value order_id = BuySeats(buyer.http(), event_id_, {"INF-A-1", "INF-A-2"});
    ASSERT_FALSE(order_id.is_null());

    // One ticket per seat, with its label, a unique id and the holder's QR payload.
    const std::vector<json::value> tickets = TicketsOfOrder(buyer.http(), order_id);
    ASSERT_EQ(tickets.size(), 2U);
    std::set<std::string> seats;
    std::set<std::string> ids;
    for (const json::value& ticket : tickets) {
        EXPECT_EQ(Member(ticket, "event_id"), event_id_) << ticket;
        EXPECT_EQ(GetString(ticket, "zone_id"), kInf) << ticket;
        EXPECT_EQ(GetString(ticket, "status"), "valid") << ticket;
        EXPECT_EQ(GetString(ticket, "qr").size(), kStaticPayloadChars) << ticket;
        EXPECT_EQ(GetString(ticket, "ticket_id").size(), 32U) << ticket;  // 128 bits in hex
        seats.insert(GetString(ticket, "seat"));
        ids.insert(GetString(ticket, "ticket_id"));
    }
    EXPECT_EQ(seats, (std::set<std::string>{"INF-A-1", "INF-A-2"}));
    EXPECT_EQ(ids.size(), 2U);
    const Held first = HeldOf(tickets[0]);
    const Held second = HeldOf(tickets[1]);
    EXPECT_NE(first.qr, second.qr);

    // The holder's list and the ticket itself say the same.
    const Response mine = MyTickets(buyer.http());
    ASSERT_EQ(mine.status, 200) << mine;
    EXPECT_EQ(GetArray(mine.json, "tickets").size(), 2U) << mine;
    const Response one = GetTicket(buyer.http(), first.ticket_id);
    ASSERT_EQ(one.status, 200) << one;
    EXPECT_EQ(GetString(one.json, "qr"), first.qr);
    EXPECT_EQ(Member(one.json, "order_id"), order_id);

    // The QR as an image for its holder, nobody else.
    const Response svg = TicketQr(buyer.http(), first.ticket_id);
    ASSERT_EQ(svg.status, 200) << svg;
    EXPECT_EQ(svg.MediaType(), "image/svg+xml");
    EXPECT_NE(svg.body.find("<svg"), std::string::npos);
    TestUser friend_user = server().NewUser("friend");
    EXPECT_TRUE(IsProblem(TicketQr(friend_user.http(), first.ticket_id), 404, {"unknown_ticket"}));

    // At the gate: admitted with the holder's name, then refused with the first scan.
    const Response admitted = Scan(first.qr, "north");
    ASSERT_EQ(admitted.status, 200) << admitted;
    EXPECT_EQ(GetString(admitted.json, "result"), "admitted");
    EXPECT_EQ(GetString(admitted.json, "ticket_id"), first.ticket_id);
    EXPECT_EQ(GetString(admitted.json, "seat"), GetString(tickets[0], "seat"));
    EXPECT_EQ(GetString(admitted.json, "holder_name"), "buyer");
    const Response again = Scan(first.qr, "south");
    EXPECT_TRUE(IsProblem(again, 409, {"already_checked_in"}));
    const json::value first_scan = Member(again.json, "first_scan");
    EXPECT_EQ(GetString(first_scan, "gate"), "north") << again;
    EXPECT_EQ(Member(first_scan, "online"), json::value(true)) << again;
    EXPECT_EQ(GetString(first_scan, "scanned_at"), GetString(admitted.json, "scanned_at"));
    EXPECT_EQ(GetString(again.json, "gate"), "north");
    EXPECT_EQ(GetString(again.json, "scanned_at"), GetString(admitted.json, "scanned_at"));
    const Response used = GetTicket(buyer.http(), first.ticket_id);
    EXPECT_EQ(GetString(used.json, "status"), "used") << used;
    EXPECT_EQ(GetString(Member(used.json, "checked_in"), "gate"), "north") << used;

    // The other ticket goes to a friend: a new version, a new QR; the old one is dead.
    const Response given = Transfer(buyer.http(), second.ticket_id, friend_user.email);
    ASSERT_EQ(given.status, 200) << given;
    EXPECT_EQ(Member(given.json, "holder_id"), friend_user.user_id);
    EXPECT_EQ(GetInt(given.json, "version"), 2);
    const Response friends = MyTickets(friend_user.http());
    ASSERT_EQ(GetArray(friends.json, "tickets").size(), 1U) << friends;
    const Held received = HeldOf(GetArray(friends.json, "tickets")[0]);
    EXPECT_EQ(received.ticket_id, second.ticket_id);
    EXPECT_EQ(received.qr.size(), kStaticPayloadChars);
    EXPECT_NE(received.qr, second.qr);
    EXPECT_EQ(TicketQr(friend_user.http(), second.ticket_id).status, 200);
    // The buyer no longer holds it: not in their list, not theirs to see or show.
    EXPECT_EQ(GetArray(MyTickets(buyer.http()).json, "tickets").size(), 1U);
    EXPECT_TRUE(IsProblem(GetTicket(buyer.http(), second.ticket_id), 404, {"unknown_ticket"}));
    EXPECT_TRUE(IsProblem(TicketQr(buyer.http(), second.ticket_id), 404, {"unknown_ticket"}));
    for (const json::value& ticket : TicketsOfOrder(buyer.http(), order_id)) {
        if (GetString(ticket, "ticket_id") != second.ticket_id) continue;
        EXPECT_TRUE(Member(ticket, "qr").is_null()) << ticket;  // the buyer's order still lists it
    }
    EXPECT_TRUE(IsProblem(Scan(second.qr, "north"), 410, {"ticket_revoked"}));
    const Response friend_in = Scan(received.qr, "north");
    ASSERT_EQ(friend_in.status, 200) << friend_in;
    EXPECT_EQ(GetString(friend_in.json, "holder_name"), "friend");
    EXPECT_EQ(GetString(friend_in.json, "ticket_id"), second.ticket_id);

    // A ticket that got someone in cannot be given away.
    TestUser third = server().NewUser("third");
    EXPECT_TRUE(IsProblem(Transfer(buyer.http(), first.ticket_id, third.email), 409,
                          {"already_checked_in"}));
    EXPECT_TRUE(IsProblem(Transfer(friend_user.http(), second.ticket_id, third.email), 409,
                          {"already_checked_in"}));
}

TEST_F(TicketsE2e, GeneralAdmissionTicketsHaveNoSeat) {
    TestUser buyer = server().NewUser("ga");
    const std::vector<Held> held = BuyGa(buyer, 3);
    ASSERT_EQ(held.size(), 3U);
    std::set<std::string> ids;
    const Response mine = MyTickets(buyer.http());
    for (const json::value& ticket : GetArray(mine.json, "tickets")) {
        EXPECT_EQ(GetString(ticket, "zone_id"), kGa) << ticket;
        EXPECT_TRUE(Member(ticket, "seat").is_null()) << ticket;
        EXPECT_EQ(GetString(ticket, "qr").size(), kStaticPayloadChars) << ticket;
        ids.insert(GetString(ticket, "ticket_id"));
    }
    EXPECT_EQ(ids.size(), 3U);
    const Response admitted = Scan(held[1].qr, "gate-1");
    ASSERT_EQ(admitted.status, 200) << admitted;
    EXPECT_TRUE(Member(admitted.json, "seat").is_null()) << admitted;
    EXPECT_EQ(GetString(admitted.json, "zone_id"), kGa);
    const json::value stats = Stats();
    EXPECT_EQ(ZoneAdmitted(stats, kGa), 1) << stats;
    EXPECT_EQ(ZoneAdmitted(stats, kInf), 0) << stats;
    EXPECT_EQ(GetInt(stats, "issued"), 3) << stats;
}

TEST_F(TicketsE2e, NobodySeesOrTransfersSomeoneElsesTickets) {
    TestUser buyer = server().NewUser("owner");
    const json::value order_id = Buy(buyer.http(), event_id_, kGa, 1);
    const Held ticket = HeldOf(TicketsOfOrder(buyer.http(), order_id).at(0));
    TestUser stranger = server().NewUser("stranger");
    EXPECT_TRUE(IsProblem(GetTicket(stranger.http(), ticket.ticket_id), 404, {"unknown_ticket"}));
    EXPECT_TRUE(IsProblem(TicketQr(stranger.http(), ticket.ticket_id), 404, {"unknown_ticket"}));
    EXPECT_TRUE(IsProblem(Transfer(stranger.http(), ticket.ticket_id, stranger.email), 404,
                          {"unknown_ticket"}));
    EXPECT_TRUE(IsProblem(OrderTickets(stranger.http(), order_id), 403, {"forbidden"}));
    EXPECT_TRUE(GetArray(MyTickets(stranger.http()).json, "tickets").empty());
    // Ids that are not ids, or are nobody's, look the same as someone else's.
    EXPECT_TRUE(IsProblem(GetTicket(buyer.http(), "not-a-ticket"), 404, {"unknown_ticket"}));
    EXPECT_TRUE(IsProblem(GetTicket(buyer.http(), std::string(32, '0')), 404, {"unknown_ticket"}));
    EXPECT_TRUE(IsProblem(Transfer(buyer.http(), std::string(32, 'f'), stranger.email), 404,
                          {"unknown_ticket"}));
    EXPECT_TRUE(IsProblem(OrderTickets(buyer.http(), 999'999), 404, {"unknown_order"}));
    // Without a token nothing; a plain user is not gate staff.
    HttpClient anonymous(server().port());
    EXPECT_TRUE(IsProblem(MyTickets(anonymous), 401, {"unauthorized"}));
    EXPECT_TRUE(IsProblem(CheckIn(anonymous, {.payload = ticket.qr}), 401, {"unauthorized"}));
    EXPECT_TRUE(IsProblem(CheckIn(stranger.http(), {.payload = ticket.qr}), 403, {"forbidden"}));
    EXPECT_TRUE(IsProblem(CheckIn(buyer.http(), {.payload = ticket.qr}), 403, {"forbidden"}));
    EXPECT_TRUE(IsProblem(CheckInStats(buyer.http(), event_id_), 403, {"forbidden"}));
    EXPECT_TRUE(IsProblem(Conflicts(buyer.http(), event_id_), 403, {"forbidden"}));
    EXPECT_TRUE(IsProblem(Bundle(buyer.http(), event_id_), 403, {"forbidden"}));
    EXPECT_TRUE(IsProblem(Upload(buyer.http(), event_id_, "g", {}), 403, {"forbidden"}));
    // Only an admin makes gate staff.
    const Response made =
        buyer.http().Post("/api/v1/admin/users", json::object{{"email", "self-made@blackbox.tix"},
                                                              {"password", kUserPassword},
                                                              {"name", "Self"},
                                                              {"role", "scanner"}});
    EXPECT_TRUE(IsProblem(made, 403, {"forbidden"}));
    const Response bad_role = server().admin().Post("/api/v1/admin/users",
                                                    json::object{{"email", "odd-role@blackbox.tix"},
                                                                 {"password", kUserPassword},
                                                                 {"name", "Odd"},
                                                                 {"role", "doorman"}});
    EXPECT_TRUE(IsProblem(bad_role, 400, {"invalid_field"}));
    // A scanner is gate staff, not a buyer's account with someone's tickets.
    EXPECT_TRUE(IsProblem(GetTicket(scanner_.http(), ticket.ticket_id), 404, {"unknown_ticket"}));
    // The ticket is untouched by all of this.
    EXPECT_EQ(Scan(ticket.qr, "main").status, 200);
}

TEST_F(TicketsE2e, CheckInRefusesWhatIsNotAValidTicketOfTheEvent) {
    TestUser buyer = server().NewUser("holder");
    const std::vector<Held> held = BuyGa(buyer, 2);
    ASSERT_EQ(held.size(), 2U);
    const std::string& qr = held[0].qr;

    EXPECT_TRUE(IsProblem(Scan("not-a-payload", "main"), 400, {"invalid_ticket"}));
    EXPECT_TRUE(IsProblem(Scan(qr + "A", "main"), 400, {"invalid_ticket"}));
    EXPECT_TRUE(IsProblem(Scan(qr.substr(0, qr.size() - 1), "main"), 400, {"invalid_ticket"}));
    EXPECT_TRUE(
        IsProblem(Scan(qr.substr(0, 100) + "=" + qr.substr(101), "main"), 400, {"invalid_ticket"}));
    // One character changed anywhere: the format byte, the event, the ticket id, the version,
    // the signature.
    for (const std::size_t index : {0UL, 3UL, 10UL, 30UL, 40UL, 41UL, 60UL, 100UL, 125UL}) {
        EXPECT_TRUE(IsProblem(Scan(FlipCharacter(qr, index), "main"), 400, {"invalid_ticket"}))
            << "character " << index;
    }
    // The body's own faults.
    EXPECT_TRUE(IsProblem(Scan("", "main"), 400, {"invalid_field", "invalid_ticket"}));
    EXPECT_TRUE(IsProblem(Scan(qr, ""), 400, {"invalid_field"}));
    EXPECT_TRUE(IsProblem(Scan(qr, "north gate"), 400, {"invalid_field"}));
    EXPECT_TRUE(IsProblem(Scan(qr, std::string(33, 'g')), 400, {"invalid_field"}));
    EXPECT_TRUE(IsProblem(Scan(qr, "main", Now() + 10min), 400, {"invalid_field"}));
    const Response no_gate = scanner_.http().Post("/api/v1/checkin", json::object{{"payload", qr}});
    EXPECT_TRUE(IsProblem(no_gate, 400, {"invalid_field"}));
    const Response extra = scanner_.http().Post(
        "/api/v1/checkin", json::object{{"payload", qr}, {"gate", "main"}, {"seat", "A-1"}});
    EXPECT_TRUE(IsProblem(extra, 400, {"invalid_field"}));
    const Response bad_time = scanner_.http().Post(
        "/api/v1/checkin",
        json::object{{"payload", qr}, {"gate", "main"}, {"scanned_at", "yesterday"}});
    EXPECT_TRUE(IsProblem(bad_time, 400, {"invalid_field"}));

    // Another event's gate: by its path or by the body's event_id.
    const json::value other_event = CreateEvent();
    ASSERT_FALSE(other_event.is_null());
    EXPECT_TRUE(IsProblem(CheckIn(scanner_.http(), {.payload = qr, .event_id = other_event}), 403,
                          {"wrong_event"}));
    const Response by_body = scanner_.http().Post(
        "/api/v1/checkin",
        json::object{{"payload", qr}, {"gate", "main"}, {"event_id", other_event}});
    EXPECT_TRUE(IsProblem(by_body, 403, {"wrong_event"}));
    EXPECT_TRUE(IsProblem(CheckIn(scanner_.http(), {.payload = qr, .event_id = 987'654}), 403,
                          {"wrong_event", "unknown_event"}));

    // None of that used the ticket: at its own event's gate it gets in.
    const Response at_its_gate = CheckIn(scanner_.http(), {.payload = qr, .event_id = event_id_});
    ASSERT_EQ(at_its_gate.status, 200) << at_its_gate;
    EXPECT_EQ(Member(at_its_gate.json, "event_id"), event_id_);
    const Response by_body_ok = scanner_.http().Post(
        "/api/v1/checkin",
        json::object{{"payload", held[1].qr}, {"gate", "main"}, {"event_id", event_id_}});
    EXPECT_EQ(by_body_ok.status, 200) << by_body_ok;
    const json::value stats = Stats();
    EXPECT_EQ(GetInt(stats, "admitted"), 2) << stats;
    EXPECT_EQ(GetInt(stats, "double_entry_attempts"), 0) << stats;

    // The event's public key is public: an offline scanner verifies with it.
    HttpClient anonymous(server().port());
    const Response key = anonymous.Get("/api/v1/events/" + IdText(event_id_) + "/checkin/key");
    ASSERT_EQ(key.status, 200) << key;
    EXPECT_EQ(GetString(key.json, "algorithm"), "Ed25519");
    EXPECT_FALSE(GetString(key.json, "public_key").empty());
    EXPECT_EQ(Member(key.json, "rotating_qr"), json::value(false));
    EXPECT_TRUE(
        IsProblem(anonymous.Get("/api/v1/events/987654/checkin/key"), 404, {"unknown_event"}));
}

TEST_F(TicketsE2e, TransferRefusals) {
    TestUser buyer = server().NewUser("giver");
    const std::vector<Held> held = BuyGa(buyer, 2);
    ASSERT_EQ(held.size(), 2U);
    EXPECT_TRUE(IsProblem(Transfer(buyer.http(), held[0].ticket_id, "nobody-here@blackbox.tix"),
                          404, {"unknown_recipient"}));
    EXPECT_TRUE(
        IsProblem(Transfer(buyer.http(), held[0].ticket_id, buyer.email), 409, {"same_holder"}));
    const Response no_email = buyer.http().Post(
        "/api/v1/tickets/" + held[0].ticket_id + "/transfer", json::object{{"to", "x@y.z"}});
    EXPECT_TRUE(IsProblem(no_email, 400, {"invalid_field"}));
    // Nothing changed: the ticket and its QR are still the buyer's.
    const Response still = GetTicket(buyer.http(), held[0].ticket_id);
    EXPECT_EQ(GetInt(still.json, "version"), 1) << still;
    EXPECT_EQ(GetString(still.json, "qr"), held[0].qr);

    // Given away once, it is not the giver's to give again; the recipient may pass it on.
    TestUser first = server().NewUser("first");
    TestUser second = server().NewUser("second");
    ASSERT_EQ(Transfer(buyer.http(), held[1].ticket_id, first.email).status, 200);
    EXPECT_TRUE(IsProblem(Transfer(buyer.http(), held[1].ticket_id, second.email), 404,
                          {"unknown_ticket"}));
    const Response passed_on = Transfer(first.http(), held[1].ticket_id, second.email);
    ASSERT_EQ(passed_on.status, 200) << passed_on;
    EXPECT_EQ(GetInt(passed_on.json, "version"), 3);
    const Response seconds = GetTicket(second.http(), held[1].ticket_id);
    ASSERT_EQ(seconds.status, 200) << seconds;
    // Each hand's QR is refused, the last one admitted.
    EXPECT_TRUE(IsProblem(Scan(held[1].qr, "main"), 410, {"ticket_revoked"}));
    EXPECT_EQ(Scan(GetString(seconds.json, "qr"), "main").status, 200);
}

TEST_F(TicketsE2e, NoTransferOnceTheEventStarted) {
    EventDraft draft = StandardEventDraft();
    draft.starts_at = Now() + 2h;
    const json::value soon = CreateEvent(draft);
    ASSERT_FALSE(soon.is_null());
    TestUser buyer = server().NewUser("late");
    const std::vector<Held> held = BuyGa(buyer, 1, soon);
    ASSERT_EQ(held.size(), 1U);
    TestUser friend_user = server().NewUser("friend");
    ASSERT_EQ(AdvanceClock(server().admin(), 2 * 3600 + 1).status, 200);
    // Two hours outlive the access tokens: everyone signs in again.
    ASSERT_FALSE(buyer.http().Login(buyer.email, buyer.password).empty());
    ASSERT_FALSE(scanner_.http().Login(scanner_.email, scanner_.password).empty());
    EXPECT_TRUE(IsProblem(Transfer(buyer.http(), held[0].ticket_id, friend_user.email), 409,
                          {"event_started"}));
    const Response mine = GetTicket(buyer.http(), held[0].ticket_id);
    EXPECT_EQ(GetInt(mine.json, "version"), 1) << mine;
    // Still the buyer's, still good at the door.
    EXPECT_EQ(CheckIn(scanner_.http(), {.payload = held[0].qr, .event_id = soon}).status, 200);
}

TEST_F(TicketsE2e, RotatingCodesChangeEveryStepAndExpireAfterTwo) {
    EventDraft draft = StandardEventDraft();
    draft.rotating_qr = true;
    const json::value rotating = CreateEvent(draft);
    ASSERT_FALSE(rotating.is_null());
    TestUser buyer = server().NewUser("rotor");
    const json::value order_id = Buy(buyer.http(), rotating, kGa, 2);
    ASSERT_FALSE(order_id.is_null());
    const std::vector<json::value> tickets = TicketsOfOrder(buyer.http(), order_id);
    ASSERT_EQ(tickets.size(), 2U);
    const std::string id = GetString(tickets[0], "ticket_id");
    const std::string other_id = GetString(tickets[1], "ticket_id");
    const Response key =
        server().NewClient()->Get("/api/v1/events/" + IdText(rotating) + "/checkin/key");
    EXPECT_EQ(Member(key.json, "rotating_qr"), json::value(true)) << key;

    // The server's clock is ours plus what the test moved it: moving it to just after a step
    // begins leaves a whole step for what follows (no waiting on the wall clock).
    std::int64_t moved_ms = 0;
    const auto advance = [&](std::int64_t seconds) {
        ASSERT_EQ(AdvanceClock(server().admin(), seconds).status, 200);
        moved_ms += seconds * 1'000;
    };
    const auto fresh = [&](const std::string& ticket_id) {
        const Response ticket = GetTicket(buyer.http(), ticket_id);
        EXPECT_EQ(ticket.status, 200) << ticket;
        EXPECT_EQ(GetString(ticket.json, "qr").size(), kRotatingPayloadChars) << ticket;
        return ticket.json;
    };
    const auto step_start = [&] {
        const auto refresh_at = GetTime(fresh(id), "qr_refresh_at");
        ASSERT_TRUE(refresh_at.has_value());
        const auto left = *refresh_at - (Now() + std::chrono::milliseconds{moved_ms});
        ASSERT_LE(left, std::chrono::seconds{kCodeStepSeconds});
        advance(std::chrono::ceil<std::chrono::seconds>(left).count() + 1);
    };

    step_start();
    const std::string code_now = GetString(fresh(id), "qr");
    const std::string other_now = GetString(fresh(other_id), "qr");
    EXPECT_EQ(GetString(fresh(id), "qr"), code_now);  // stable within its step
    advance(kCodeStepSeconds);
    const std::string code_next = GetString(fresh(id), "qr");
    EXPECT_NE(code_next, code_now);
    // The previous step's code still passes (a code shown at the end of its step).
    const Response previous =
        CheckIn(scanner_.http(), {.payload = other_now, .event_id = rotating});
    EXPECT_EQ(previous.status, 200) << previous;
    // Three steps later the old code is refused, the fresh one admitted.
    advance(3 * kCodeStepSeconds);
    EXPECT_TRUE(IsProblem(CheckIn(scanner_.http(), {.payload = code_now, .event_id = rotating}),
                          422, {"code_expired"}));
    EXPECT_TRUE(IsProblem(CheckIn(scanner_.http(), {.payload = code_next, .event_id = rotating}),
                          422, {"code_expired"}));
    const Response svg = TicketQr(buyer.http(), id);
    EXPECT_EQ(svg.status, 200) << svg;
    EXPECT_EQ(svg.Header("cache-control"), "no-store");
    const Response admitted =
        CheckIn(scanner_.http(), {.payload = GetString(fresh(id), "qr"), .event_id = rotating});
    EXPECT_EQ(admitted.status, 200) << admitted;
    EXPECT_EQ(GetString(admitted.json, "ticket_id"), id);
}

TEST_F(TicketsE2e, FiguresCountPerGateAndZoneAndDoubleEntries) {
    TestUser buyer = server().NewUser("crowd");
    const std::vector<Held> ga = BuyGa(buyer, 3);
    const json::value seated = BuySeats(buyer.http(), event_id_, {"INF-B-1", "INF-B-2"});
    ASSERT_EQ(ga.size(), 3U);
    std::vector<Held> inf;
    for (const json::value& ticket : TicketsOfOrder(buyer.http(), seated)) {
        inf.push_back(HeldOf(ticket));
    }
    ASSERT_EQ(inf.size(), 2U);
    // Explicit times, one second apart, so no two scans share a millisecond.
    const TimePoint base = Now() - 10min;
    int tick = 0;
    const auto at = [&] { return base + std::chrono::seconds{++tick}; };
    EXPECT_EQ(Scan(ga[0].qr, "north", at()).status, 200);
    EXPECT_EQ(Scan(ga[1].qr, "north", at()).status, 200);
    EXPECT_EQ(Scan(inf[0].qr, "north", at()).status, 200);
    EXPECT_EQ(Scan(ga[2].qr, "south", at()).status, 200);
    EXPECT_TRUE(IsProblem(Scan(ga[0].qr, "south", at()), 409, {"already_checked_in"}));
    EXPECT_TRUE(IsProblem(Scan(ga[0].qr, "north", at()), 409, {"already_checked_in"}));
    EXPECT_TRUE(IsProblem(Scan(ga[2].qr, "north", at()), 409, {"already_checked_in"}));

    const json::value stats = Stats();
    EXPECT_EQ(Member(stats, "event_id"), event_id_);
    EXPECT_EQ(GetInt(stats, "issued"), 5) << stats;
    EXPECT_EQ(GetInt(stats, "revoked"), 0) << stats;
    EXPECT_EQ(GetInt(stats, "admitted"), 4) << stats;
    EXPECT_EQ(GetInt(stats, "double_entry_attempts"), 3) << stats;
    EXPECT_EQ(GateOf(stats, "north").admitted, 3) << stats;
    EXPECT_EQ(GateOf(stats, "north").double_entries, 2) << stats;
    EXPECT_EQ(GateOf(stats, "south").admitted, 1) << stats;
    EXPECT_EQ(GateOf(stats, "south").double_entries, 1) << stats;
    EXPECT_EQ(ZoneAdmitted(stats, kGa), 3) << stats;
    EXPECT_EQ(ZoneAdmitted(stats, kInf), 1) << stats;

    // The double entries, ticket by ticket, with the admission first.
    const Response conflicts = Conflicts(scanner_.http(), event_id_);
    ASSERT_EQ(conflicts.status, 200) << conflicts;
    std::map<std::string, json::value> by_ticket;
    for (const json::value& conflict : GetArray(conflicts.json, "conflicts")) {
        by_ticket[GetString(conflict, "ticket_id")] = conflict;
    }
    ASSERT_EQ(by_ticket.size(), 2U) << conflicts;
    const json::value& twice = by_ticket[ga[0].ticket_id];
    EXPECT_EQ(GetString(Member(twice, "admitted"), "gate"), "north") << twice;
    ASSERT_EQ(GetArray(twice, "double_entries").size(), 2U) << twice;
    EXPECT_EQ(GetString(GetArray(twice, "double_entries")[0], "gate"), "south") << twice;
    EXPECT_EQ(GetString(GetArray(twice, "double_entries")[1], "gate"), "north") << twice;
    const json::value& once = by_ticket[ga[2].ticket_id];
    EXPECT_EQ(GetString(Member(once, "admitted"), "gate"), "south") << once;
    EXPECT_EQ(GetTime(Member(once, "admitted"), "scanned_at"), base + 4s) << once;
    EXPECT_TRUE(IsProblem(CheckInStats(scanner_.http(), 987'654), 404, {"unknown_event"}));
    EXPECT_TRUE(IsProblem(Conflicts(scanner_.http(), 987'654), 404, {"unknown_event"}));
    // Admins see the figures too.
    EXPECT_EQ(CheckInStats(server().admin(), event_id_).status, 200);
}

// An online gate is answered at once, so its answer decides who walks in: a ticket scanned
// before is refused whatever time the gate's clock claims (a slow clock, or the same instant at
// a gate whose name sorts first). The figures follow the merge (docs/tickets.md): the earliest
// scan holds the admission, so the gate that let the holder in may show the double entry.
TEST_F(TicketsE2e, AnOnlineScanOfATicketScannedBeforeIsRefusedWhateverTimeItClaims) {
    TestUser buyer = server().NewUser("copied");
    const std::vector<Held> held = BuyGa(buyer, 1);
    ASSERT_EQ(held.size(), 1U);
    const TimePoint first_at = std::chrono::floor<std::chrono::seconds>(Now()) - 1min;
    const Response admitted = Scan(held[0].qr, "north", first_at);
    ASSERT_EQ(admitted.status, 200) << admitted;
    EXPECT_TRUE(IsProblem(Scan(held[0].qr, "south", first_at - 4min), 409, {"already_checked_in"}));
    const Response same_moment = Scan(held[0].qr, "a-gate", first_at - 4min);
    EXPECT_TRUE(IsProblem(same_moment, 409, {"already_checked_in"}));

    // One admission, two double entries; the admission is the earliest scan, time then gate.
    const json::value stats = Stats();
    EXPECT_EQ(GetInt(stats, "admitted"), 1) << stats;
    EXPECT_EQ(GetInt(stats, "double_entry_attempts"), 2) << stats;
    std::int64_t admissions = 0;
    for (const json::value& gate : GetArray(stats, "gates")) admissions += GetInt(gate, "admitted");
    EXPECT_EQ(admissions, 1) << stats;
    EXPECT_EQ(GateOf(stats, "a-gate").admitted, 1) << stats;
    EXPECT_EQ(GateOf(stats, "south").double_entries, 1) << stats;
    EXPECT_EQ(GateOf(stats, "north").double_entries, 1) << stats;
    const Response ticket = GetTicket(buyer.http(), held[0].ticket_id);
    const json::value checked_in = Member(ticket.json, "checked_in");
    EXPECT_EQ(GetString(checked_in, "gate"), "a-gate") << ticket;
    EXPECT_EQ(GetTime(checked_in, "scanned_at"), first_at - 4min) << ticket;
    // The refusal names the ticket's admission as the figures have it.
    EXPECT_EQ(Member(same_moment.json, "first_scan"), checked_in) << same_moment;
    const Response conflicts = Conflicts(scanner_.http(), event_id_);
    ASSERT_EQ(GetArray(conflicts.json, "conflicts").size(), 1U) << conflicts;
    const json::value& conflict = GetArray(conflicts.json, "conflicts")[0];
    EXPECT_EQ(Member(conflict, "admitted"), checked_in) << conflict;
    ASSERT_EQ(GetArray(conflict, "double_entries").size(), 2U) << conflict;
    EXPECT_EQ(GetString(GetArray(conflict, "double_entries")[0], "gate"), "south") << conflict;
    EXPECT_EQ(GetString(GetArray(conflict, "double_entries")[1], "gate"), "north") << conflict;
    // A refused scan sent again is the same scan: refused, nothing new kept.
    EXPECT_TRUE(IsProblem(Scan(held[0].qr, "south", first_at - 4min), 409, {"already_checked_in"}));
    EXPECT_EQ(GetInt(Stats(), "double_entry_attempts"), 2);
}

// Two offline gates' logs with overlapping tickets, uploaded in `order`, on a fresh event: what
// each upload answered and where each ticket ended up admitted.
struct MergeRun {
    std::vector<std::vector<std::string>> results;  // per upload, per line
    std::vector<std::string> admitted_at;           // per ticket: the admission's gate
    json::value stats;
    json::value conflicts;
};

class UploadMerge : public TicketsE2e {
  protected:
    static constexpr int kTickets = 5;

    // The two logs (east's and west's) over tickets t0..t4 and the online scan of t4 at north:
    //   t0: east 1s                      -> east
    //   t1: east 2s, west 1s             -> west (earlier), east a double entry
    //   t2: east 5s, west 9s             -> east, west a double entry
    //   t3: west 3s (typed-in ticket id) -> west
    //   t4: north online 8s, west 4s     -> west (earlier), north a double entry
    MergeRun Run(bool west_first) {
        const json::value event_id = CreateEvent();
        TestUser buyer = server().NewUser("merge");
        const std::vector<Held> t = BuyGa(buyer, kTickets, event_id);
        MergeRun run;
        if (t.size() != kTickets) return run;
        const TimePoint base = Now() - 30min;
        const auto at = [&](int seconds) { return base + std::chrono::seconds{seconds}; };
        const std::vector<LoggedScan> east{
            {t[0].qr, "", at(1)}, {t[1].qr, "", at(2)}, {t[2].qr, "", at(5)}};
        const std::vector<LoggedScan> west{{t[1].qr, "", at(1)},
                                           {t[2].qr, "", at(9)},
                                           {"", t[3].ticket_id, at(3)},
                                           {t[4].qr, "", at(4)}};
        const Response online = CheckIn(
            scanner_.http(),
            {.payload = t[4].qr, .gate = "north", .scanned_at = at(8), .event_id = event_id});
        EXPECT_EQ(online.status, 200) << online;
        const auto upload = [&](std::string_view gate, const std::vector<LoggedScan>& log) {
            const Response answer = Upload(scanner_.http(), event_id, gate, log);
            EXPECT_EQ(answer.status, 200) << answer;
            EXPECT_EQ(GetInt(answer.json, "received"), static_cast<std::int64_t>(log.size()));
            std::vector<std::string> results;
            for (const json::value& line : GetArray(answer.json, "results")) {
                results.push_back(GetString(line, "result"));
            }
            run.results.push_back(results);
        };
        if (west_first) {
            upload("west", west);
            upload("east", east);
        } else {
            upload("east", east);
            upload("west", west);
        }
        for (const Held& held : t) {
            const Response ticket = GetTicket(buyer.http(), held.ticket_id);
            EXPECT_EQ(GetString(ticket.json, "status"), "used") << ticket;
            run.admitted_at.push_back(GetString(Member(ticket.json, "checked_in"), "gate"));
        }
        run.stats = CheckInStats(scanner_.http(), event_id).json;
        run.conflicts = Conflicts(scanner_.http(), event_id).json;
        // The same logs again change nothing.
        for (const auto& [gate, log] : {std::pair{"east", east}, std::pair{"west", west}}) {
            const Response replay = Upload(scanner_.http(), event_id, gate, log);
            EXPECT_EQ(replay.status, 200) << replay;
            EXPECT_EQ(GetInt(replay.json, "already_recorded"),
                      static_cast<std::int64_t>(log.size()))
                << replay;
            for (const json::value& line : GetArray(replay.json, "results")) {
                EXPECT_EQ(GetString(line, "result"), "already_recorded") << replay;
            }
        }
        EXPECT_EQ(CheckInStats(scanner_.http(), event_id).json, run.stats);
        EXPECT_EQ(Conflicts(scanner_.http(), event_id).json, run.conflicts);
        return run;
    }
};

TEST_F(UploadMerge, TheEarliestScanAdmitsWhateverTheOrderOfUploads) {
    const MergeRun east_first = Run(false);
    ASSERT_EQ(east_first.results.size(), 2U);
    EXPECT_EQ(east_first.results[0],
              (std::vector<std::string>{"admitted", "admitted", "admitted"}));
    EXPECT_EQ(east_first.results[1],
              (std::vector<std::string>{"admitted", "double_entry", "admitted", "admitted"}));
    EXPECT_EQ(east_first.admitted_at,
              (std::vector<std::string>{"east", "west", "east", "west", "west"}));
    const json::value& stats = east_first.stats;
    EXPECT_EQ(GetInt(stats, "admitted"), kTickets) << stats;
    EXPECT_EQ(GetInt(stats, "double_entry_attempts"), 3) << stats;
    EXPECT_EQ(GateOf(stats, "east").admitted, 2) << stats;
    EXPECT_EQ(GateOf(stats, "east").double_entries, 1) << stats;
    EXPECT_EQ(GateOf(stats, "west").admitted, 3) << stats;
    EXPECT_EQ(GateOf(stats, "west").double_entries, 1) << stats;
    EXPECT_EQ(GateOf(stats, "north").admitted, 0) << stats;
    EXPECT_EQ(GateOf(stats, "north").double_entries, 1) << stats;
    EXPECT_EQ(ZoneAdmitted(stats, kGa), kTickets) << stats;
    // Three tickets were scanned twice; t4's double entry is the online scan.
    const json::array& conflicts = GetArray(east_first.conflicts, "conflicts");
    EXPECT_EQ(conflicts.size(), 3U) << east_first.conflicts;
    bool online_double_entry = false;
    for (const json::value& conflict : conflicts) {
        EXPECT_EQ(GetArray(conflict, "double_entries").size(), 1U) << conflict;
        const json::value& late = GetArray(conflict, "double_entries")[0];
        if (GetString(late, "gate") == "north") {
            online_double_entry = true;
            EXPECT_EQ(Member(late, "online"), json::value(true)) << conflict;
            EXPECT_EQ(GetString(Member(conflict, "admitted"), "gate"), "west") << conflict;
            EXPECT_EQ(Member(Member(conflict, "admitted"), "online"), json::value(false));
        }
    }
    EXPECT_TRUE(online_double_entry) << east_first.conflicts;

    // West's log first: each upload answers differently, the outcome is the same.
    const MergeRun west_first = Run(true);
    ASSERT_EQ(west_first.results.size(), 2U);
    EXPECT_EQ(west_first.results[0],
              (std::vector<std::string>{"admitted", "admitted", "admitted", "admitted"}));
    EXPECT_EQ(west_first.results[1],
              (std::vector<std::string>{"admitted", "double_entry", "admitted"}));
    EXPECT_EQ(west_first.admitted_at, east_first.admitted_at);
    for (const char* key : {"admitted", "double_entry_attempts", "issued"}) {
        EXPECT_EQ(GetInt(west_first.stats, key), GetInt(stats, key)) << key;
    }
    for (const char* gate : {"east", "west", "north"}) {
        EXPECT_EQ(GateOf(west_first.stats, gate).admitted, GateOf(stats, gate).admitted) << gate;
        EXPECT_EQ(GateOf(west_first.stats, gate).double_entries, GateOf(stats, gate).double_entries)
            << gate;
    }
}

TEST_F(TicketsE2e, UploadsReportBadLinesAndRefuseBadBodies) {
    TestUser buyer = server().NewUser("log");
    const std::vector<Held> held = BuyGa(buyer, 2);
    ASSERT_EQ(held.size(), 2U);
    const json::value other_event = CreateEvent();
    const std::vector<Held> elsewhere = BuyGa(buyer, 1, other_event);
    ASSERT_EQ(elsewhere.size(), 1U);
    const TimePoint at = Now() - 5min;
    const Response answer = Upload(scanner_.http(), event_id_, "offline-1",
                                   {{held[0].qr, "", at},
                                    {FlipCharacter(held[1].qr, 70), "", at},
                                    {"garbage", "", at},
                                    {"", std::string(32, '0'), at},
                                    {"", "xyz", at},
                                    {elsewhere[0].qr, "", at},
                                    {held[0].qr, "", at + 1s}});
    ASSERT_EQ(answer.status, 200) << answer;
    std::vector<std::string> results;
    for (const json::value& line : GetArray(answer.json, "results")) {
        results.push_back(GetString(line, "result"));
    }
    EXPECT_EQ(results, (std::vector<std::string>{"admitted", "invalid", "invalid", "invalid",
                                                 "invalid", "wrong_event", "double_entry"}));
    EXPECT_EQ(GetInt(answer.json, "admitted"), 1) << answer;
    EXPECT_EQ(GetInt(answer.json, "invalid"), 4) << answer;
    EXPECT_EQ(GetInt(answer.json, "wrong_event"), 1) << answer;
    EXPECT_EQ(GetInt(answer.json, "double_entries"), 1) << answer;
    // The ticket behind the flipped payload is untouched.
    EXPECT_EQ(Scan(held[1].qr, "main").status, 200);

    const auto post = [&](json::value body) {
        return scanner_.http().Post("/api/v1/events/" + IdText(event_id_) + "/checkin/upload",
                                    body);
    };
    EXPECT_TRUE(IsProblem(post(json::object{{"scans", json::array{}}}), 400, {"invalid_field"}));
    EXPECT_TRUE(IsProblem(post(json::object{{"gate", "bad gate"}, {"scans", json::array{}}}), 400,
                          {"invalid_field"}));
    EXPECT_TRUE(IsProblem(post(json::object{{"gate", "g"}}), 400, {"invalid_field"}));
    EXPECT_TRUE(IsProblem(
        post(json::object{{"gate", "g"}, {"scans", json::array{json::object{{"payload", "x"}}}}}),
        400, {"invalid_field"}));
    EXPECT_TRUE(IsProblem(post(json::object{{"gate", "g"}, {"scans", json::array{7}}}), 400,
                          {"invalid_field"}));
    EXPECT_TRUE(IsProblem(
        post(json::object{{"gate", "g"}, {"scans", ScanLog({{held[0].qr, "", Now() + 1h}})}}), 400,
        {"invalid_field"}));
    EXPECT_TRUE(IsProblem(Upload(scanner_.http(), 987'654, "g", {{held[0].qr, "", at}}), 404,
                          {"unknown_event"}));
    // None of the refused bodies recorded anything.
    const json::value stats = Stats();
    EXPECT_EQ(GetInt(stats, "admitted"), 2) << stats;
    EXPECT_EQ(GetInt(stats, "double_entry_attempts"), 1) << stats;
}

TEST_F(TicketsE2e, TheLimitCountsPurchasesByTheBuyerNotTicketsHeld) {
    EventDraft draft = StandardEventDraft();
    draft.max_per_user = 2;
    const json::value limited = CreateEvent(draft);
    ASSERT_FALSE(limited.is_null());
    TestUser buyer = server().NewUser("buyer");
    TestUser recipient = server().NewUser("recipient");
    const std::vector<Held> bought = BuyGa(buyer, 2, limited);
    ASSERT_EQ(bought.size(), 2U);
    ASSERT_EQ(Transfer(buyer.http(), bought[0].ticket_id, recipient.email).status, 200);
    // Giving a ticket away does not give the buyer their allowance back...
    EXPECT_TRUE(IsProblem(Hold(buyer.http(), limited, kGa, 1), 422, {"limit_exceeded"}));
    // ...and a ticket received uses none of the recipient's: two more of their own.
    EXPECT_FALSE(Buy(recipient.http(), limited, kGa, 2).is_null());
    EXPECT_TRUE(IsProblem(Hold(recipient.http(), limited, kGa, 1), 422, {"limit_exceeded"}));
    EXPECT_EQ(GetArray(MyTickets(recipient.http()).json, "tickets").size(), 3U);
    EXPECT_EQ(GetArray(MyTickets(buyer.http()).json, "tickets").size(), 1U);
}

// ---- With provider payments: refunds revoke, and what owners may not refund ----------------

class TicketsWithRefunds : public ::testing::Test {
  protected:
    void SetUp() override {
        rig_ = std::make_unique<PaymentRig>();
        ASSERT_TRUE(rig_->ok()) << rig_->error();
        EventDraft draft;
        draft.hold_seconds = 600;
        draft.zones.push_back(GaZone(kGa, 50, 800));
        event_id_ = Member(rig_->tix().CreateEvent(draft), "event_id");
        ASSERT_FALSE(event_id_.is_null());
        scanner_ = NewScanner(rig_->tix());
        ASSERT_TRUE(scanner_.ok());
    }

    // A paid order of `quantity` GA tickets for a new user.
    std::pair<TestUser, json::value> Paid(int quantity) {
        TestUser buyer = rig_->tix().NewUser("payer");
        const Response held = Hold(buyer.http(), event_id_, kGa, quantity);
        EXPECT_EQ(held.status, 201) << held;
        const json::value order_id = Member(held.json, "order_id");
        const Response pay = rig_->Pay(buyer.http(), order_id);
        EXPECT_EQ(pay.status, 201) << pay;
        EXPECT_EQ(rig_->PayAtProvider(pay.json, kCardOk).status, 200);
        rig_->WaitForStatus(buyer.http(), order_id, "paid");
        return {std::move(buyer), order_id};
    }
    Response Refund(HttpClient& client, const json::value& order_id) {
        return client.PostEmpty("/api/v1/orders/" + IdText(order_id) + "/refund");
    }

    std::unique_ptr<PaymentRig> rig_;
    json::value event_id_;
    TestUser scanner_;
};

TEST_F(TicketsWithRefunds, TheBundleDeltaListsReissuedAndRevokedTickets) {
    auto [buyer, order_id] = Paid(2);
    const std::vector<json::value> tickets = TicketsOfOrder(buyer.http(), order_id);
    ASSERT_EQ(tickets.size(), 2U);
    const Held kept = HeldOf(tickets[0]);
    const Held given = HeldOf(tickets[1]);

    const Response full = Bundle(scanner_.http(), event_id_);
    ASSERT_EQ(full.status, 200) << full;
    const Response key =
        rig_->tix().NewClient()->Get("/api/v1/events/" + IdText(event_id_) + "/checkin/key");
    EXPECT_EQ(GetString(full.json, "public_key"), GetString(key.json, "public_key"));
    EXPECT_EQ(GetInt(full.json, "issued_count"), 2) << full;
    EXPECT_EQ(GetInt(full.json, "step_seconds"), kCodeStepSeconds) << full;
    EXPECT_TRUE(Strings(full.json, "revoked").empty()) << full;
    EXPECT_TRUE(GetArray(full.json, "reissued").empty()) << full;
    const std::int64_t v0 = GetInt(full.json, "bundle_version");
    ASSERT_GE(v0, 0) << full;

    // A transfer re-issues the ticket with the next version.
    TestUser recipient = rig_->tix().NewUser("recipient");
    ASSERT_EQ(Transfer(buyer.http(), given.ticket_id, recipient.email).status, 200);
    const Response after_transfer = Bundle(scanner_.http(), event_id_, v0);
    ASSERT_EQ(after_transfer.status, 200) << after_transfer;
    const std::int64_t v1 = GetInt(after_transfer.json, "bundle_version");
    EXPECT_GT(v1, v0);
    const json::array& reissued = GetArray(after_transfer.json, "reissued");
    ASSERT_EQ(reissued.size(), 1U) << after_transfer;
    EXPECT_EQ(GetString(reissued[0], "ticket_id"), given.ticket_id);
    EXPECT_EQ(GetInt(reissued[0], "version"), 2);
    EXPECT_TRUE(Strings(after_transfer.json, "revoked").empty()) << after_transfer;
    const Response nothing_new = Bundle(scanner_.http(), event_id_, v1);
    EXPECT_TRUE(GetArray(nothing_new.json, "reissued").empty()) << nothing_new;
    EXPECT_TRUE(Strings(nothing_new.json, "revoked").empty()) << nothing_new;

    // The owner may not take back money for a ticket someone else holds; the organizer may.
    EXPECT_TRUE(IsProblem(Refund(buyer.http(), order_id), 409, {"tickets_transferred"}));
    const Response refunded = Refund(rig_->tix().admin(), order_id);
    ASSERT_EQ(refunded.status, 200) << refunded;
    rig_->WaitForStatus(buyer.http(), order_id, "refunded");

    // Both tickets are revoked; the transferred one appears once, in its latest state.
    const Response after_refund = Bundle(scanner_.http(), event_id_, v1);
    ASSERT_EQ(after_refund.status, 200) << after_refund;
    std::vector<std::string> revoked = Strings(after_refund.json, "revoked");
    std::sort(revoked.begin(), revoked.end());
    std::vector<std::string> expected{kept.ticket_id, given.ticket_id};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(revoked, expected) << after_refund;
    EXPECT_TRUE(GetArray(after_refund.json, "reissued").empty()) << after_refund;
    const Response since_start = Bundle(scanner_.http(), event_id_, v0);
    revoked = Strings(since_start.json, "revoked");
    std::sort(revoked.begin(), revoked.end());
    EXPECT_EQ(revoked, expected) << since_start;
    EXPECT_TRUE(GetArray(since_start.json, "reissued").empty()) << since_start;
    EXPECT_TRUE(IsProblem(
        scanner_.http().Get("/api/v1/events/" + IdText(event_id_) + "/checkin/bundle?since=soon"),
        400, {"invalid_query"}));

    // At the gate and for their holders, revoked tickets are dead.
    EXPECT_TRUE(IsProblem(CheckIn(scanner_.http(), {.payload = kept.qr}), 410, {"ticket_revoked"}));
    const Response recipients = GetTicket(recipient.http(), given.ticket_id);
    EXPECT_EQ(GetString(recipients.json, "status"), "revoked") << recipients;
    EXPECT_TRUE(Member(recipients.json, "qr").is_null()) << recipients;
    EXPECT_TRUE(IsProblem(TicketQr(recipient.http(), given.ticket_id), 410, {"ticket_revoked"}));
    EXPECT_TRUE(IsProblem(Transfer(recipient.http(), given.ticket_id, buyer.email), 410,
                          {"ticket_revoked"}));
    const json::value stats = CheckInStats(scanner_.http(), event_id_).json;
    EXPECT_EQ(GetInt(stats, "issued"), 2) << stats;
    EXPECT_EQ(GetInt(stats, "revoked"), 2) << stats;
}

TEST_F(TicketsWithRefunds, OwnersRefundUnusedTicketsOnlyAndRefundsRevoke) {
    // Used at the gate: the owner cannot refund, the organizer can.
    auto [attendee, used_order] = Paid(1);
    const Held used = HeldOf(TicketsOfOrder(attendee.http(), used_order).at(0));
    ASSERT_EQ(CheckIn(scanner_.http(), {.payload = used.qr, .gate = "door"}).status, 200);
    EXPECT_TRUE(IsProblem(Refund(attendee.http(), used_order), 409, {"tickets_used"}));
    EXPECT_EQ(GetString(GetOrder(attendee.http(), used_order).json, "status"), "paid");
    ASSERT_EQ(Refund(rig_->tix().admin(), used_order).status, 200);
    rig_->WaitForStatus(attendee.http(), used_order, "refunded");
    EXPECT_EQ(GetString(GetTicket(attendee.http(), used.ticket_id).json, "status"), "revoked");
    EXPECT_TRUE(IsProblem(CheckIn(scanner_.http(), {.payload = used.qr, .gate = "door"}), 410,
                          {"ticket_revoked"}));

    // Unused and still theirs: the owner's refund revokes the tickets.
    auto [changed_mind, order_id] = Paid(2);
    const std::vector<json::value> tickets = TicketsOfOrder(changed_mind.http(), order_id);
    ASSERT_EQ(tickets.size(), 2U);
    ASSERT_EQ(Refund(changed_mind.http(), order_id).status, 200);
    rig_->WaitForStatus(changed_mind.http(), order_id, "refunded");
    for (const json::value& ticket : TicketsOfOrder(changed_mind.http(), order_id)) {
        EXPECT_EQ(GetString(ticket, "status"), "revoked") << ticket;
        EXPECT_TRUE(Member(ticket, "qr").is_null()) << ticket;
    }
    for (const json::value& ticket : tickets) {
        EXPECT_TRUE(IsProblem(CheckIn(scanner_.http(), {.payload = GetString(ticket, "qr")}), 410,
                              {"ticket_revoked"}));
    }
    // An upload of a revoked ticket says so per line.
    const Response log = Upload(scanner_.http(), event_id_, "offline",
                                {{GetString(tickets[0], "qr"), "", Now() - 1min}});
    ASSERT_EQ(log.status, 200) << log;
    EXPECT_EQ(GetInt(log.json, "revoked"), 1) << log;
    const json::value stats = CheckInStats(scanner_.http(), event_id_).json;
    EXPECT_EQ(GetInt(stats, "issued"), 3) << stats;
    EXPECT_EQ(GetInt(stats, "revoked"), 3) << stats;
    EXPECT_EQ(GetInt(stats, "admitted"), 1) << stats;  // the scan before the refund stays
}

}  // namespace
}  // namespace tix::test
