#include "checkin_report.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "bench_config.h"
#include "checkin_prep_client.h"

namespace tix::bench {
namespace {

CheckInReport Report() {
    CheckInReport report;
    report.buyers = 250;
    report.tickets_wanted = 1'000;
    report.tickets = 1'000;
    report.gates = 4;
    report.admission_counts.admitted = 1'000;
    report.admissions.seconds = 0.5;
    report.rescans = 200;
    report.refusal_counts.already_checked_in = 200;
    report.refusals.seconds = 0.1;
    return report;
}

ServerCheckInFigures Server() {
    return {.issued = 1'000,
            .revoked = 0,
            .admitted = 1'000,
            .double_entry_attempts = 200,
            .gates_admitted = 1'000,
            .gates = 4};
}

bool Passes(const CheckInReport& report, const ServerCheckInFigures& server) {
    Verification verification;
    AddCheckInChecks(report, server, verification);
    return verification.passed();
}

TEST(CheckInReport, RatesAreOverTheirOwnPhase) {
    const CheckInReport report = Report();
    EXPECT_DOUBLE_EQ(report.scans_per_s(), 2'000);
    EXPECT_DOUBLE_EQ(report.refusals_per_s(), 2'000);
    EXPECT_DOUBLE_EQ(CheckInReport().scans_per_s(), 0) << "no phase, no rate";
}

TEST(CheckInReport, ChecksPassWhenEveryTicketWasAdmittedOnceAndEveryRescanRefused) {
    Verification verification;
    AddCheckInChecks(Report(), Server(), verification);
    EXPECT_TRUE(verification.passed());
    EXPECT_EQ(verification.checks.size(), 5u);
}

TEST(CheckInReport, ChecksFailWhenTheServerCountsOtherwise) {
    ServerCheckInFigures fewer = Server();
    fewer.admitted = 999;
    EXPECT_FALSE(Passes(Report(), fewer)) << "a 200 the server did not count";

    ServerCheckInFigures gates = Server();
    gates.gates_admitted = 1'001;
    EXPECT_FALSE(Passes(Report(), gates)) << "the gates add up to more than admitted";

    ServerCheckInFigures doubles = Server();
    doubles.double_entry_attempts = 199;
    EXPECT_FALSE(Passes(Report(), doubles));

    ServerCheckInFigures issued = Server();
    issued.issued = 1'001;
    EXPECT_FALSE(Passes(Report(), issued)) << "a ticket the bench never read";
}

TEST(CheckInReport, ChecksFailOnAnyOtherAnswerOrAnError) {
    CheckInReport short_setup = Report();
    short_setup.tickets = 999;
    short_setup.admission_counts.admitted = 999;
    ServerCheckInFigures server = Server();
    server.admitted = 999;
    server.gates_admitted = 999;
    EXPECT_FALSE(Passes(short_setup, server)) << "a buyer's tickets were never read";

    CheckInReport other = Report();
    other.admission_counts.other = 1;
    EXPECT_FALSE(Passes(other, Server()));

    CheckInReport error = Report();
    error.admissions.errors = 1;
    EXPECT_FALSE(Passes(error, Server()));

    CheckInReport admitted_again = Report();
    admitted_again.refusal_counts.already_checked_in = 199;
    admitted_again.refusals.errors = 1;  // the 200 a re-scan must not get
    EXPECT_FALSE(Passes(admitted_again, Server()));
}

TEST(CheckInReport, TicketsKeptForAnOfflineGateAreNotExpectedOnline) {
    CheckInReport report = Report();
    report.offline = 100;
    report.admission_counts.admitted = 900;
    ServerCheckInFigures server = Server();
    server.admitted = 900;
    server.gates_admitted = 900;
    EXPECT_TRUE(Passes(report, server));
    server.admitted = 1'000;
    server.gates_admitted = 1'000;
    EXPECT_FALSE(Passes(report, server)) << "the server admitted tickets the gates never scanned";
}

TEST(CheckInReport, NoRescansNoRescanChecks) {
    CheckInReport report = Report();
    report.rescans = 0;
    report.refusal_counts = {};
    ServerCheckInFigures server = Server();
    server.double_entry_attempts = 0;
    Verification verification;
    AddCheckInChecks(report, server, verification);
    EXPECT_TRUE(verification.passed());
    EXPECT_EQ(verification.checks.size(), 3u);
}

TEST(CheckInReport, ReadsTheServersFiguresAndSumsItsGates) {
    const auto figures = ReadServerCheckInFigures(boost::json::parse(
        R"({"event_id":3,"issued":8,"revoked":1,"admitted":5,"double_entry_attempts":2,)"
        R"("gates":[{"gate":"gate-1","admitted":3,"double_entries":1},)"
        R"({"gate":"gate-2","admitted":2,"double_entries":1}],"zones":[]})"));
    ASSERT_TRUE(figures.has_value());
    EXPECT_EQ(figures->issued, 8);
    EXPECT_EQ(figures->revoked, 1);
    EXPECT_EQ(figures->admitted, 5);
    EXPECT_EQ(figures->double_entry_attempts, 2);
    EXPECT_EQ(figures->gates_admitted, 5);
    EXPECT_EQ(figures->gates, 2u);
    EXPECT_FALSE(ReadServerCheckInFigures(boost::json::parse(R"({"admitted":5})")).has_value());
    EXPECT_FALSE(ReadServerCheckInFigures(boost::json::parse("[1]")).has_value());
}

TEST(CheckInReport, TheJsonHasTheSummarysColumnsAndTheP95) {
    CheckInReport report = Report();
    for (std::uint64_t micros = 1; micros <= 100; ++micros)
        report.admissions.latency.Record(micros);
    BenchConfig config;
    config.connections = 100;
    const boost::json::object json = report.ToJson(config);
    EXPECT_EQ(json.at("scenario").as_string(), "checkin");
    EXPECT_DOUBLE_EQ(json.at("requests_per_s").to_number<double>(), 2'000);
    EXPECT_TRUE(json.at("latency").as_object().contains("p95_ms"));
    EXPECT_EQ(json.at("tickets").to_number<std::uint64_t>(), 1'000u);
}

TEST(CheckInPrepClient, ReadsEveryTicketsQrAndSkipsThoseWithout) {
    const auto payloads = ReadTicketPayloads(
        R"({"tickets":[{"ticket_id":"a","qr":"AQID"},{"ticket_id":"b","qr":null},)"
        R"({"ticket_id":"c","qr":"BAUG"}]})");
    ASSERT_EQ(payloads.size(), 2u);
    EXPECT_EQ(payloads[0], "AQID");
    EXPECT_EQ(payloads[1], "BAUG");
    EXPECT_TRUE(ReadTicketPayloads("not json").empty());
    EXPECT_TRUE(ReadTicketPayloads(R"({"orders":[]})").empty());
}

TEST(CheckInConfig, BoundsAreCheckedAgainstTheBuyers) {
    const CheckInConfig ok;
    EXPECT_TRUE(ValidateCheckInConfig(ok, kCheckInBuyersDefault).ok());
    EXPECT_EQ(CheckInTickets(ok, kCheckInBuyersDefault), 20'000u);

    CheckInConfig per_user = ok;
    per_user.tickets_per_user = kCheckInTicketsPerUserMax + 1;
    EXPECT_FALSE(ValidateCheckInConfig(per_user, 10).ok());
    per_user.tickets_per_user = 0;
    EXPECT_FALSE(ValidateCheckInConfig(per_user, 10).ok());

    CheckInConfig gates = ok;
    gates.gates = kCheckInGatesMax + 1;
    EXPECT_FALSE(ValidateCheckInConfig(gates, 10'000).ok());
    gates.gates = 0;
    EXPECT_FALSE(ValidateCheckInConfig(gates, 10'000).ok());

    CheckInConfig rescans = ok;
    rescans.rescans = 41;  // 10 buyers × 4 tickets + 1
    EXPECT_FALSE(ValidateCheckInConfig(rescans, 10).ok());
    rescans.rescans = 40;
    EXPECT_TRUE(ValidateCheckInConfig(rescans, 10).ok());
    rescans.offline_tickets = 1;
    EXPECT_FALSE(ValidateCheckInConfig(rescans, 10).ok()) << "a re-scan of a ticket never scanned";
    rescans.rescans = 0;
    rescans.offline_tickets = 41;
    EXPECT_FALSE(ValidateCheckInConfig(rescans, 10).ok());
    rescans.offline_tickets = 40;
    EXPECT_TRUE(ValidateCheckInConfig(rescans, 10).ok()) << "every ticket for the offline gate";

    EXPECT_FALSE(ValidateCheckInConfig(ok, kUsersMax / ok.tickets_per_user + 1).ok())
        << "more tickets than one zone holds";
}

}  // namespace
}  // namespace tix::bench
