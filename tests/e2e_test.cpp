// End-to-end tests of accounts, the event catalog, health, the original-spec aliases and the demo
// catalog, against a real tixd over HTTP. Orders are in e2e_orders_test.cpp, bad input in
// e2e_bad_input_test.cpp.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "support/tix_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;

std::set<std::string> EventIds(const Response& list) {
    std::set<std::string> ids;
    for (const json::value& event : GetArray(list.json, "events")) {
        if (const json::value* id = Find(event, "event_id")) ids.insert(IdText(*id));
    }
    return ids;
}

// ---- accounts -------------------------------------------------------------------------------

using AuthApi = TixTest;

TEST_F(AuthApi, RegisterReturnsAUserAndATokenThatWorksForMe) {
    auto client = server().NewClient();
    const TimePoint before = Now();
    const Response registered = client->Register("ana@blackbox.tix", "password-123", "Ana Lin");
    ASSERT_EQ(registered.status, 201) << registered;
    ASSERT_NE(Find(registered.json, "user_id"), nullptr) << registered;
    EXPECT_EQ(GetString(registered.json, "email"), "ana@blackbox.tix");
    EXPECT_EQ(GetString(registered.json, "name"), "Ana Lin");
    EXPECT_EQ(GetString(registered.json, "role"), "user");
    EXPECT_FALSE(GetString(registered.json, "access_token").empty()) << registered;
    EXPECT_EQ(GetString(registered.json, "token_type"), "Bearer") << registered;
    EXPECT_GT(GetInt(registered.json, "expires_in"), 0) << registered;

    const Response me = client->Get("/api/v1/auth/me");
    ASSERT_EQ(me.status, 200) << me;
    EXPECT_EQ(IdText(Member(registered.json, "user_id")), IdText(Member(me.json, "user_id"))) << me;
    EXPECT_EQ(GetString(me.json, "email"), "ana@blackbox.tix");
    EXPECT_EQ(GetString(me.json, "name"), "Ana Lin");
    EXPECT_EQ(GetString(me.json, "role"), "user");
    const std::optional<TimePoint> created_at = GetTime(me.json, "created_at");
    ASSERT_TRUE(created_at.has_value()) << "created_at is not RFC 3339: " << me;
    EXPECT_GE(*created_at, before - 2s);
    EXPECT_LE(*created_at, Now() + 2s);
}

TEST_F(AuthApi, NamesAreUnicodeAndEmailsAreCaseInsensitive) {
    auto client = server().NewClient();
    const Response registered =
        client->Register("Mei.Lin@BlackBox.tix", "password-123", "林美 🎟");
    ASSERT_EQ(registered.status, 201) << registered;
    EXPECT_EQ(GetString(client->Get("/api/v1/auth/me").json, "name"), "林美 🎟");
    auto other = server().NewClient();
    EXPECT_TRUE(IsProblem(other->Register("mei.lin@blackbox.tix", "password-456", "Copy"), 409,
                          {"email_taken"}));
    EXPECT_FALSE(other->Login("MEI.LIN@blackbox.tix", "password-123").empty());
}

TEST_F(AuthApi, LoginReturnsABearerTokenForTheSameUser) {
    TestUser user = server().NewUser("login");
    ASSERT_TRUE(user.ok());
    auto client = server().NewClient();
    const Response login = client->Post(
        "/api/v1/auth/login", json::object{{"email", user.email}, {"password", user.password}});
    ASSERT_EQ(login.status, 200) << login;
    EXPECT_EQ(GetString(login.json, "token_type"), "Bearer") << login;
    EXPECT_GT(GetInt(login.json, "expires_in"), 0) << login;
    EXPECT_EQ(GetString(login.json, "role"), "user") << login;
    ASSERT_NE(Find(login.json, "user_id"), nullptr) << login;
    EXPECT_EQ(IdText(Member(login.json, "user_id")), IdText(user.user_id));

    client->set_token(GetString(login.json, "access_token"));
    const Response me = client->Get("/api/v1/auth/me");
    ASSERT_EQ(me.status, 200) << me;
    EXPECT_EQ(IdText(Member(me.json, "user_id")), IdText(user.user_id));
    EXPECT_EQ(GetString(me.json, "email"), user.email);
}

TEST_F(AuthApi, AdminMadeOfflineLogsInWithTheAdminRole) {
    auto client = server().NewClient();
    const Response login = client->Post(
        "/api/v1/auth/login", json::object{{"email", kAdminEmail}, {"password", kAdminPassword}});
    ASSERT_EQ(login.status, 200) << login;
    EXPECT_EQ(GetString(login.json, "role"), "admin") << login;
    client->set_token(GetString(login.json, "access_token"));
    const Response me = client->Get("/api/v1/auth/me");
    ASSERT_EQ(me.status, 200) << me;
    EXPECT_EQ(GetString(me.json, "role"), "admin") << me;
}

TEST_F(AuthApi, RegisteringATakenEmailIs409AndKeepsTheFirstAccount) {
    auto first = server().NewClient();
    ASSERT_EQ(first->Register("taken@blackbox.tix", "first-password", "First").status, 201);
    auto second = server().NewClient();
    const Response again = second->Register("taken@blackbox.tix", "second-password", "Second");
    EXPECT_TRUE(IsProblem(again, 409, {"email_taken"}));

    auto client = server().NewClient();
    const Response with_second = client->Post(
        "/api/v1/auth/login",
        json::object{{"email", "taken@blackbox.tix"}, {"password", "second-password"}});
    EXPECT_TRUE(IsProblem(with_second, 401, {"bad_credentials"}));
    const Response with_first =
        client->Post("/api/v1/auth/login",
                     json::object{{"email", "taken@blackbox.tix"}, {"password", "first-password"}});
    EXPECT_EQ(with_first.status, 200) << with_first;
}

TEST_F(AuthApi, MalformedEmailsAre400InvalidEmail) {
    for (const char* email :
         {"plainaddress", "no-domain@", "@no-local.tix", "two words@blackbox.tix", "a@b@c.tix"}) {
        auto client = server().NewClient();
        const Response response = client->Register(email, "password-123", "Someone");
        EXPECT_TRUE(IsProblem(response, 400, {"invalid_email"})) << "email: " << email;
    }
}

TEST_F(AuthApi, PasswordsUnderEightCharactersAre400WeakPassword) {
    auto client = server().NewClient();
    EXPECT_TRUE(IsProblem(client->Register("short@blackbox.tix", "1234567", "Short"), 400,
                          {"weak_password"}));
    EXPECT_TRUE(IsProblem(client->Register("empty@blackbox.tix", "", "Empty"), 400,
                          {"weak_password", "invalid_field"}));
    const Response eight = client->Register("eight@blackbox.tix", "otter-42", "Eight");
    EXPECT_EQ(eight.status, 201) << "8 characters is the minimum, not too short: " << eight;
}

TEST_F(AuthApi, MissingOrWrongTypedRegisterFieldsAre400InvalidField) {
    const std::vector<json::value> bodies{
        json::object{},
        json::object{{"password", "password-123"}, {"name", "No Email"}},
        json::object{{"email", "nopass@blackbox.tix"}, {"name", "No Password"}},
        json::object{{"email", "noname@blackbox.tix"}, {"password", "password-123"}},
        json::object{{"email", 42}, {"password", "password-123"}, {"name", "Number"}},
        json::object{{"email", "num@blackbox.tix"}, {"password", 12345678}, {"name", "Num"}},
        json::object{{"email", "arr@blackbox.tix"},
                     {"password", "password-123"},
                     {"name", json::array{"A"}}},
        json::object{{"email", nullptr}, {"password", "password-123"}, {"name", "Null"}},
    };
    auto client = server().NewClient();
    for (const json::value& body : bodies) {
        const Response response = client->Post("/api/v1/auth/register", body);
        EXPECT_TRUE(IsProblem(response, 400, {"invalid_field"})) << json::serialize(body);
    }
}

TEST_F(AuthApi, WrongPasswordOrUnknownEmailIs401BadCredentials) {
    TestUser user = server().NewUser("creds");
    ASSERT_TRUE(user.ok());
    auto client = server().NewClient();
    EXPECT_TRUE(IsProblem(
        client->Post("/api/v1/auth/login",
                     json::object{{"email", user.email}, {"password", "not-the-password"}}),
        401, {"bad_credentials"}));
    EXPECT_TRUE(IsProblem(
        client->Post("/api/v1/auth/login",
                     json::object{{"email", "nobody@blackbox.tix"}, {"password", user.password}}),
        401, {"bad_credentials"}));
    EXPECT_TRUE(client->token().empty());
}

TEST_F(AuthApi, UserRoutesWithoutAValidTokenAre401Unauthorized) {
    TestUser user = server().NewUser("token");
    ASSERT_TRUE(user.ok());
    std::string tampered = user.client->token();
    char& middle = tampered[tampered.size() / 2];
    middle = middle == 'x' ? 'y' : 'x';
    // A JWT-shaped token whose exp (1970) has long passed.
    const std::string expired_looking =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwiZXhwIjoxfQ."
        "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    const std::vector<std::pair<std::string, Headers>> credentials{
        {"no Authorization", {}},
        {"garbage token", {{"Authorization", "Bearer garbage"}}},
        {"empty bearer", {{"Authorization", "Bearer "}}},
        {"tampered token", {{"Authorization", "Bearer " + tampered}}},
        {"expired-looking JWT", {{"Authorization", "Bearer " + expired_looking}}},
        {"Basic scheme", {{"Authorization", "Basic " + user.client->token()}}},
    };
    auto anonymous = server().NewClient();
    for (const auto& [what, headers] : credentials) {
        EXPECT_TRUE(IsProblem(anonymous->Get("/api/v1/auth/me", headers), 401, {"unauthorized"}))
            << what;
        EXPECT_TRUE(IsProblem(anonymous->Get("/api/v1/orders", headers), 401, {"unauthorized"}))
            << what;
        EXPECT_TRUE(IsProblem(
            anonymous->Post("/api/v1/orders",
                            json::object{{"event_id", 1}, {"zone_id", "GA"}, {"quantity", 1}},
                            headers),
            401, {"unauthorized"}))
            << what;
    }
    EXPECT_EQ(user.client->Get("/api/v1/auth/me").status, 200) << "the real token still works";
}

// ---- the event catalog ----------------------------------------------------------------------

using EventApi = TixTest;

TEST_F(EventApi, AdminCreatesAnEventThatUsersCanListAndGet) {
    EventDraft draft = StandardEventDraft();
    draft.name = "All-Star Game";
    draft.series = "Blackbox Series";
    draft.starts_at = std::chrono::floor<std::chrono::seconds>(Now()) + Days{20};
    const Response created = server().admin().Post("/api/v1/events", draft.ToJson());
    ASSERT_EQ(created.status, 201) << created;
    const json::value* event_id = Find(created.json, "event_id");
    ASSERT_NE(event_id, nullptr) << created;

    TestUser user = server().NewUser("browser");
    ASSERT_TRUE(user.ok());
    const Response list = user.http().Get("/api/v1/events");
    ASSERT_EQ(list.status, 200) << list;
    EXPECT_EQ(EventIds(list), std::set<std::string>{IdText(*event_id)}) << list;

    const Response event = user.http().Get("/api/v1/events/" + IdText(*event_id));
    ASSERT_EQ(event.status, 200) << event;
    for (const Response* view : {&created, &event}) {
        EXPECT_EQ(IdText(Member(view->json, "event_id")), IdText(*event_id));
        EXPECT_EQ(GetString(view->json, "name"), "All-Star Game") << *view;
        EXPECT_EQ(GetString(view->json, "series"), "Blackbox Series") << *view;
        EXPECT_EQ(GetString(view->json, "venue"), "Taipei Dome") << *view;
        EXPECT_EQ(GetTime(view->json, "starts_at"), draft.starts_at) << *view;
        const json::array& zones = GetArray(view->json, "zones");
        ASSERT_EQ(zones.size(), 2u) << *view;
        const json::value& ga = zones[0];
        EXPECT_EQ(GetString(ga, "zone_id"), kGa);
        EXPECT_EQ(GetString(ga, "name"), "General admission GA");
        EXPECT_EQ(GetString(ga, "kind"), "ga");
        EXPECT_EQ(GetNumber(ga, "price"), kGaPrice);
        EXPECT_EQ(GetString(ga, "currency"), "TWD");
        EXPECT_EQ(GetInt(ga, "capacity"), kGaCapacity);
        const json::value& inf = zones[1];
        EXPECT_EQ(GetString(inf, "zone_id"), kInf);
        EXPECT_EQ(GetString(inf, "name"), "Seated INF");
        EXPECT_EQ(GetString(inf, "kind"), "seated");
        EXPECT_EQ(GetNumber(inf, "price"), kInfPrice);
        EXPECT_EQ(GetInt(inf, "capacity"), 2 * kRowSeats);
        const json::array& rows = GetArray(inf, "rows");
        ASSERT_EQ(rows.size(), 2u) << *view;
        EXPECT_EQ(GetString(rows[0], "row"), "A") << "rows keep their front-to-back order";
        EXPECT_EQ(GetInt(rows[0], "seats"), kRowSeats);
        EXPECT_EQ(GetString(rows[1], "row"), "B");
        EXPECT_EQ(GetInt(rows[1], "seats"), kRowSeats);
    }
}

TEST_F(EventApi, ListFiltersBySeriesAndByUtcDateOfStart) {
    auto make = [&](const std::string& series, const std::string& starts_at) {
        EventDraft draft = StandardEventDraft();
        draft.series = series;
        json::object body = draft.ToJson();
        body["starts_at"] = starts_at;
        const Response created = server().admin().Post("/api/v1/events", body);
        EXPECT_EQ(created.status, 201) << created;
        const json::value* id = Find(created.json, "event_id");
        return id != nullptr ? IdText(*id) : std::string("<none>");
    };
    // Late on July 1st in UTC is already July 2nd in Taipei: the filter is on the UTC date.
    const std::string late_first = make("Blackbox Cup", "2030-07-01T23:30:00Z");
    const std::string second = make("Blackbox Cup", "2030-07-02T11:00:00Z");
    const std::string other_series = make("Other Cup", "2030-07-01T10:00:00Z");

    auto ids = [&](const std::string& query) {
        const Response list = server().admin().Get("/api/v1/events" + query);
        EXPECT_EQ(list.status, 200) << list;
        return EventIds(list);
    };
    using Ids = std::set<std::string>;
    EXPECT_EQ(ids(""), (Ids{late_first, second, other_series}));
    EXPECT_EQ(ids("?series=Blackbox%20Cup"), (Ids{late_first, second}));
    EXPECT_EQ(ids("?series=Other%20Cup"), (Ids{other_series}));
    EXPECT_EQ(ids("?series=Nothing"), Ids{});
    EXPECT_EQ(ids("?date=2030-07-01"), (Ids{late_first, other_series}));
    EXPECT_EQ(ids("?date=2030-07-02"), (Ids{second}));
    EXPECT_EQ(ids("?date=2030-07-03"), Ids{});
    // Both filters together narrow the list (a demanding reading: the contract lists them apart).
    EXPECT_EQ(ids("?series=Blackbox%20Cup&date=2030-07-01"), (Ids{late_first}));
}

TEST_F(EventApi, UnknownEventIs404UnknownEvent) {
    ASSERT_FALSE(CreateEvent().is_null());
    HttpClient& admin = server().admin();
    EXPECT_TRUE(IsProblem(admin.Get("/api/v1/events/987654321"), 404, {"unknown_event"}));
    EXPECT_TRUE(
        IsProblem(admin.Get("/api/v1/events/987654321/availability"), 404, {"unknown_event"}));
}

TEST_F(EventApi, OnlyAdminsCreateEvents) {
    TestUser user = server().NewUser("not-admin");
    ASSERT_TRUE(user.ok());
    const json::object body = StandardEventDraft().ToJson();
    EXPECT_TRUE(IsProblem(user.http().Post("/api/v1/events", body), 403, {"forbidden"}));
    auto anonymous = server().NewClient();
    EXPECT_TRUE(IsProblem(anonymous->Post("/api/v1/events", body), 401, {"unauthorized"}));

    const Response list = user.http().Get("/api/v1/events");
    ASSERT_EQ(list.status, 200) << list;
    EXPECT_TRUE(EventIds(list).empty()) << "a refused create must create nothing: " << list;
}

TEST_F(EventApi, InvalidEventSpecsAre400InvalidFieldAndCreateNothing) {
    const json::object valid = StandardEventDraft().ToJson();
    struct Case {
        std::string what;
        std::function<void(json::object&)> mutate;
    };
    auto zone = [](json::object& body, std::size_t i) -> json::object& {
        return body["zones"].as_array()[i].as_object();
    };
    const std::vector<Case> cases{
        {"missing name", [](json::object& b) { b.erase("name"); }},
        {"name not a string", [](json::object& b) { b["name"] = 5; }},
        {"missing venue", [](json::object& b) { b.erase("venue"); }},
        {"missing starts_at", [](json::object& b) { b.erase("starts_at"); }},
        {"starts_at not RFC 3339", [](json::object& b) { b["starts_at"] = "next friday"; }},
        {"sale_starts_at month 13",
         [](json::object& b) { b["sale_starts_at"] = "2030-13-01T00:00:00Z"; }},
        {"missing sale_starts_at", [](json::object& b) { b.erase("sale_starts_at"); }},
        {"sale ends before it starts",
         [](json::object& b) { b["sale_ends_at"] = Rfc3339(Now() - 2h); }},
        {"max_per_user 0", [](json::object& b) { b["max_per_user"] = 0; }},
        {"max_per_user 9", [](json::object& b) { b["max_per_user"] = 9; }},
        {"max_per_user a string", [](json::object& b) { b["max_per_user"] = "4"; }},
        {"hold_seconds 0", [](json::object& b) { b["hold_seconds"] = 0; }},
        {"hold_seconds 86401", [](json::object& b) { b["hold_seconds"] = 86'401; }},
        {"missing zones", [](json::object& b) { b.erase("zones"); }},
        {"no zones", [](json::object& b) { b["zones"] = json::array{}; }},
        {"zones not an array", [](json::object& b) { b["zones"] = "GA"; }},
        {"zone_id with a dash", [&](json::object& b) { zone(b, 0)["zone_id"] = "G-A"; }},
        {"zone_id of 17 chars",
         [&](json::object& b) { zone(b, 0)["zone_id"] = "ABCDEFGHIJKLMNOPQ"; }},
        {"empty zone_id", [&](json::object& b) { zone(b, 0)["zone_id"] = ""; }},
        {"two zones with one id", [&](json::object& b) { zone(b, 1)["zone_id"] = kGa; }},
        {"unknown kind", [&](json::object& b) { zone(b, 0)["kind"] = "vip"; }},
        {"missing kind", [&](json::object& b) { zone(b, 0).erase("kind"); }},
        {"GA capacity 0", [&](json::object& b) { zone(b, 0)["capacity"] = 0; }},
        {"GA capacity -5", [&](json::object& b) { zone(b, 0)["capacity"] = -5; }},
        {"GA without capacity", [&](json::object& b) { zone(b, 0).erase("capacity"); }},
        {"negative price", [&](json::object& b) { zone(b, 0)["price"] = -1; }},
        {"missing currency", [&](json::object& b) { zone(b, 0).erase("currency"); }},
        {"seated without rows", [&](json::object& b) { zone(b, 1)["rows"] = json::array{}; }},
        {"row label with a dash",
         [&](json::object& b) { zone(b, 1)["rows"].as_array()[0].as_object()["row"] = "A-1"; }},
        {"row label of 9 chars",
         [&](json::object& b) {
             zone(b, 1)["rows"].as_array()[0].as_object()["row"] = "ABCDEFGHI";
         }},
        {"row of 0 seats",
         [&](json::object& b) { zone(b, 1)["rows"].as_array()[0].as_object()["seats"] = 0; }},
        {"two rows with one label",
         [&](json::object& b) { zone(b, 1)["rows"].as_array()[1].as_object()["row"] = "A"; }},
    };
    for (const Case& c : cases) {
        json::object body = valid;
        c.mutate(body);
        const Response response = server().admin().Post("/api/v1/events", body);
        EXPECT_TRUE(IsProblem(response, 400, {"invalid_field"})) << c.what;
    }
    const Response list = server().admin().Get("/api/v1/events");
    ASSERT_EQ(list.status, 200) << list;
    EXPECT_TRUE(EventIds(list).empty()) << "invalid specs must create nothing: " << list;
}

TEST_F(EventApi, BoundaryEventSpecsAreAccepted) {
    const std::vector<std::pair<std::string, std::function<void(json::object&)>>> cases{
        {"max_per_user 1", [](json::object& b) { b["max_per_user"] = 1; }},
        {"max_per_user 8", [](json::object& b) { b["max_per_user"] = 8; }},
        {"hold_seconds 1", [](json::object& b) { b["hold_seconds"] = 1; }},
        {"hold_seconds 86400", [](json::object& b) { b["hold_seconds"] = 86'400; }},
        {"zone_id of 16 chars and row label of 8",
         [](json::object& b) {
             b["zones"] =
                 json::array{SeatedZone("Abcdefgh_1234567", {{"ABCDEFG8", 3}, {"z9", 1}}, 10)};
         }},
    };
    for (const auto& [what, mutate] : cases) {
        json::object body = StandardEventDraft().ToJson();
        mutate(body);
        const Response response = server().admin().Post("/api/v1/events", body);
        EXPECT_EQ(response.status, 201) << what << ": " << response;
    }
}

TEST_F(EventApi, NewEventIsFullyAvailable) {
    const json::value event_id = CreateEvent();
    ASSERT_FALSE(event_id.is_null());
    const Response availability = Availability(server().admin(), event_id);
    ASSERT_EQ(availability.status, 200) << availability;
    EXPECT_EQ(IdText(Member(availability.json, "event_id")), IdText(event_id));
    const ZoneCounts ga = ZoneAvailability(availability.json, kGa);
    ASSERT_TRUE(ga.found) << availability;
    EXPECT_EQ(ga.kind, "ga");
    EXPECT_EQ(ga.capacity, kGaCapacity);
    EXPECT_EQ(ga.available, kGaCapacity);
    EXPECT_EQ(ga.held, 0);
    EXPECT_EQ(ga.sold, 0);
    const ZoneCounts inf = ZoneAvailability(availability.json, kInf);
    ASSERT_TRUE(inf.found) << availability;
    EXPECT_EQ(inf.kind, "seated");
    EXPECT_EQ(inf.capacity, 2 * kRowSeats);
    EXPECT_EQ(inf.available, 2 * kRowSeats);
    EXPECT_EQ(inf.held, 0);
    EXPECT_EQ(inf.sold, 0);

    const Response seats = Availability(server().admin(), event_id, true);
    ASSERT_EQ(seats.status, 200) << seats;
    EXPECT_EQ(RowStates(seats.json, kInf, "A"), std::string(kRowSeats, 'A')) << seats;
    EXPECT_EQ(RowStates(seats.json, kInf, "B"), std::string(kRowSeats, 'A')) << seats;
}

// ---- health and the original-spec aliases -----------------------------------------------------

using PlainApi = TixTest;

TEST_F(PlainApi, HealthAnswers200AtRootAndUnderApiWithoutAToken) {
    auto client = server().NewClient();
    EXPECT_EQ(client->Get("/health").status, 200);
    EXPECT_EQ(client->Get("/api/v1/health").status, 200);
}

TEST_F(PlainApi, KeepAliveServesManyRequestsOnOneConnection) {
    auto client = server().NewClient();
    for (int i = 0; i < 20; ++i) ASSERT_EQ(client->Get("/health").status, 200);
    EXPECT_EQ(client->connections_opened(), 1);
}

TEST_F(PlainApi, OriginalSpecAliasesWorkAtTheRoot) {
    const json::value event_id = CreateEvent();
    ASSERT_FALSE(event_id.is_null());
    auto client = server().NewClient();
    const Response registered =
        client->Post("/users/register", json::object{{"email", "alias@blackbox.tix"},
                                                     {"password", "password-123"},
                                                     {"name", "Al"}});
    ASSERT_EQ(registered.status, 201) << registered;
    const json::value user_id = Member(registered.json, "user_id");
    const Response login =
        client->Post("/users/login",
                     json::object{{"email", "alias@blackbox.tix"}, {"password", "password-123"}});
    ASSERT_EQ(login.status, 200) << login;
    client->set_token(GetString(login.json, "access_token"));

    const Response events = client->Get("/events");
    ASSERT_EQ(events.status, 200) << events;
    EXPECT_EQ(EventIds(events), std::set<std::string>{IdText(event_id)});
    const Response tickets = client->Get("/events/" + IdText(event_id) + "/tickets");
    ASSERT_EQ(tickets.status, 200) << tickets;
    EXPECT_EQ(ZoneAvailability(tickets.json, kGa).available, kGaCapacity) << tickets;

    const Response held = client->Post("/orders/create", HoldBody(event_id, kGa, 2));
    ASSERT_EQ(held.status, 201) << held;
    EXPECT_EQ(GetString(held.json, "status"), "held");
    json::object own = HoldBody(event_id, kGa, 1);
    own["user_id"] = user_id;
    const Response held_own = client->Post("/orders/create", own);
    ASSERT_EQ(held_own.status, 201) << held_own;

    const Response paid =
        client->PostEmpty("/orders/" + IdText(Member(held.json, "order_id")) + "/confirm");
    ASSERT_EQ(paid.status, 200) << paid;
    EXPECT_EQ(GetString(paid.json, "status"), "paid");
    const Response cancelled =
        client->PostEmpty("/orders/" + IdText(Member(held_own.json, "order_id")) + "/cancel");
    ASSERT_EQ(cancelled.status, 200) << cancelled;
    EXPECT_EQ(GetString(cancelled.json, "status"), "cancelled");

    const Response mine = client->Get("/orders/" + IdText(user_id));
    ASSERT_EQ(mine.status, 200) << mine;
    EXPECT_EQ(GetArray(mine.json, "orders").size(), 2u) << mine;

    const Response tickets_after = client->Get("/events/" + IdText(event_id) + "/tickets");
    const ZoneCounts ga = ZoneAvailability(tickets_after.json, kGa);
    EXPECT_EQ(ga.sold, 2) << tickets_after;
    EXPECT_EQ(ga.held, 0) << tickets_after;
    EXPECT_EQ(ga.available, kGaCapacity - 2) << tickets_after;
}

TEST_F(PlainApi, AliasCreateRefusesSomeoneElsesUserId) {
    const json::value event_id = CreateEvent();
    ASSERT_FALSE(event_id.is_null());
    TestUser victim = server().NewUser("victim");
    TestUser user = server().NewUser("impostor");
    ASSERT_TRUE(victim.ok() && user.ok());
    json::object body = HoldBody(event_id, kGa, 2);
    body["user_id"] = victim.user_id;
    const Response response = user.http().Post("/orders/create", body);
    EXPECT_TRUE(IsProblem(response, 403, {"forbidden"}));
    EXPECT_EQ(ZoneAvailability(Availability(user.http(), event_id).json, kGa).held, 0);
    EXPECT_TRUE(ListAllMyOrders(victim.http()).empty());
    EXPECT_TRUE(
        IsProblem(user.http().Get("/orders/" + IdText(victim.user_id)), 403, {"forbidden"}));
}

// ---- the demo catalog -----------------------------------------------------------------------

class DemoCatalog : public TixTest {
  protected:
    TixServer::Options ServerOptions() const override {
        return {.extra_args = {"--demo"}, .create_admin = false};
    }
};

TEST_F(DemoCatalog, LoadsTwoTaipeiDomeDatesOf45000SeatsThatTheDemoFanCanBuy) {
    auto fan = server().NewClient();
    ASSERT_FALSE(fan->Login("fan@tix.local", "tix-fan-2026").empty());
    auto admin = server().NewClient();
    ASSERT_FALSE(admin->Login("admin@tix.local", "tix-admin-2026").empty());
    EXPECT_EQ(GetString(admin->Get("/api/v1/auth/me").json, "role"), "admin");

    const Response list = fan->Get("/api/v1/events");
    ASSERT_EQ(list.status, 200) << list;
    const json::array& events = GetArray(list.json, "events");
    ASSERT_EQ(events.size(), 2u) << list;
    for (const json::value& listed : events) {
        EXPECT_EQ(GetString(listed, "series"), "2026 MLB vs CPBL All-Star Series");
        const json::value event_id = Member(listed, "event_id");
        const Response event = fan->Get("/api/v1/events/" + IdText(event_id));
        ASSERT_EQ(event.status, 200) << event;
        std::int64_t capacity = 0;
        for (const json::value& zone : GetArray(event.json, "zones")) {
            capacity += GetInt(zone, "capacity");
        }
        EXPECT_EQ(capacity, 45'000) << "event " << IdText(event_id);
        const Response availability = Availability(*fan, event_id);
        std::int64_t available = 0;
        for (const json::value& zone : GetArray(availability.json, "zones")) {
            available += GetInt(zone, "available");
        }
        EXPECT_EQ(available, 45'000) << availability;
    }

    const json::value event_id = Member(events[0], "event_id");
    const Response event = fan->Get("/api/v1/events/" + IdText(event_id));
    const std::string zone_id = GetString(GetArray(event.json, "zones").at(0), "zone_id");
    const Response held = Hold(*fan, event_id, zone_id, 2);
    ASSERT_EQ(held.status, 201) << held;
    const Response paid = Confirm(*fan, Member(held.json, "order_id"));
    ASSERT_EQ(paid.status, 200) << paid;
    EXPECT_EQ(GetString(paid.json, "status"), "paid");
    EXPECT_EQ(ZoneAvailability(Availability(*fan, event_id).json, zone_id).sold, 2);

    // `make run` again on the same data: the demo is loaded once, the sale goes on.
    const ExitStatus stopped = server().Stop();
    ASSERT_TRUE(stopped.Clean()) << stopped.ToString();
    ASSERT_TRUE(server().Restart()) << server().error();
    auto fan_again = server().NewClient();
    ASSERT_FALSE(fan_again->Login("fan@tix.local", "tix-fan-2026").empty());
    EXPECT_EQ(GetArray(fan_again->Get("/api/v1/events").json, "events").size(), 2u);
    EXPECT_EQ(ZoneAvailability(Availability(*fan_again, event_id).json, zone_id).sold, 2);
    EXPECT_EQ(ListAllMyOrders(*fan_again).size(), 1u);
}

}  // namespace
}  // namespace tix::test
