#include "support/tix_test.h"

#include <sstream>

namespace tix::test {

namespace json = boost::json;

EventDraft StandardEventDraft() {
    EventDraft draft;
    draft.zones.push_back(GaZone(kGa, kGaCapacity, kGaPrice));
    draft.zones.push_back(SeatedZone(kInf, {{"A", kRowSeats}, {"B", kRowSeats}}, kInfPrice));
    return draft;
}

::testing::AssertionResult IsProblem(const Response& response, int status,
                                     std::set<std::string> codes) {
    std::ostringstream why;
    if (response.status != status) why << "status is not " << status << "; ";
    if (!response.IsProblem()) {
        why << "Content-Type is '" << response.Header("content-type")
            << "', not application/problem+json; ";
    }
    if (GetInt(response.json, "status") != status) why << "body.status is not " << status << "; ";
    const std::string code = response.Code();
    if (code.empty()) {
        why << "body has no code; ";
    } else if (!codes.empty() && codes.count(code) == 0) {
        why << "code '" << code << "' is not one of {";
        for (const std::string& c : codes) why << " " << c;
        why << " }; ";
    }
    if (why.str().empty()) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << why.str() << "\n  response: " << response;
}

void TixTest::SetUp() {
    server_ = std::make_unique<TixServer>(ServerOptions());
    ASSERT_TRUE(server_->ok()) << server_->error();
}

void TixTest::TearDown() { server_.reset(); }

json::value TixTest::CreateEvent(const EventDraft& draft) {
    const json::value event = server_->CreateEvent(draft);
    const json::value* id = Find(event, "event_id");
    return id != nullptr ? *id : json::value(nullptr);
}

}  // namespace tix::test
