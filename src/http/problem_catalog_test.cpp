#include "http/problem_catalog.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "http/testing.h"

namespace tix::http {
namespace {

using beast_http::status;
using test_support::BodyJson;

TEST(ProblemCatalog, EveryEntryHasAUniqueCodeAndAnErrorStatus) {
    std::set<std::string_view> codes;
    for (const ProblemType& type : ProblemCatalog()) {
        EXPECT_TRUE(codes.insert(type.code).second) << "duplicate code " << type.code;
        const unsigned code = static_cast<unsigned>(type.status);
        EXPECT_TRUE(code >= 400 && code <= 599) << type.code << " has status " << code;
        EXPECT_FALSE(type.title.empty()) << type.code;
        EXPECT_EQ(type.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"),
                  std::string_view::npos)
            << "codes are lower_snake_case: " << type.code;
    }
    EXPECT_GE(codes.size(), 39u);  // the codes clients knew when the catalog was made
}

TEST(ProblemCatalog, LooksUpByProblemAndByCode) {
    for (const ProblemType& type : ProblemCatalog()) {
        EXPECT_EQ(&Describe(type.problem), &type) << type.code;
        EXPECT_EQ(FindProblem(type.code), type.problem) << type.code;
    }
    EXPECT_EQ(FindProblem("no_such_code"), std::nullopt);
    EXPECT_EQ(FindProblem(""), std::nullopt);
}

TEST(ProblemCatalog, ResponseFollowsRfc9457) {
    const Response response = ProblemResponse(Problem::kEmailTaken, "use another one");
    EXPECT_EQ(response.result(), status::conflict);
    EXPECT_EQ(response[beast_http::field::content_type], "application/problem+json");
    EXPECT_EQ(response[beast_http::field::retry_after], "");
    const auto body = BodyJson(response);
    EXPECT_EQ(body.at("type").as_string(), "urn:tix:problem:email_taken");
    EXPECT_EQ(body.at("title").as_string(), "An account with this email exists");
    EXPECT_EQ(body.at("status").to_number<int>(), 409);
    EXPECT_EQ(body.at("detail").as_string(), "use another one");
    EXPECT_EQ(body.at("code").as_string(), "email_taken");
}

TEST(ProblemCatalog, ResponseWithoutDetailHasNoDetailMember) {
    const auto body = BodyJson(ProblemResponse(Problem::kNotFound));
    EXPECT_EQ(body.if_contains("detail"), nullptr);
    EXPECT_EQ(body.at("code").as_string(), "not_found");
}

TEST(ProblemCatalog, OverloadedAsksTheClientToRetryInASecond) {
    const Response response = ProblemResponse(Problem::kOverloaded, "too many open connections");
    EXPECT_EQ(response.result(), status::service_unavailable);
    EXPECT_EQ(response[beast_http::field::retry_after], "1");
}

TEST(ProblemCatalog, RateLimitedSaysInWholeSecondsWhenToRetry) {
    using std::chrono::microseconds;
    const Response response = RateLimitedResponse(microseconds{2'000'001}, "too many logins");
    EXPECT_EQ(response.result(), status::too_many_requests);
    EXPECT_EQ(response[beast_http::field::content_type], "application/problem+json");
    EXPECT_EQ(response[beast_http::field::retry_after], "3") << "rounded up: 2 s would be early";
    EXPECT_EQ(BodyJson(response).at("code").as_string(), "rate_limited");
    EXPECT_EQ(BodyJson(response).at("detail").as_string(), "too many logins");
    // Never "0": a client told to retry at once would come straight back.
    EXPECT_EQ(RetryAfterFor(microseconds{0}), std::chrono::seconds{1});
    EXPECT_EQ(RetryAfterFor(microseconds{1}), std::chrono::seconds{1});
    EXPECT_EQ(RetryAfterFor(microseconds{1'000'000}), std::chrono::seconds{1});
    EXPECT_EQ(RetryAfterFor(std::chrono::minutes{6}), std::chrono::seconds{360});
}

// Clients learn the codes from docs/api.md: each must be in its table, with its status.
TEST(ProblemCatalog, ApiDocumentationListsEveryCode) {
    std::ifstream file(TIX_API_DOC);
    ASSERT_TRUE(file) << "cannot read " << TIX_API_DOC;
    std::stringstream text;
    text << file.rdbuf();
    std::istringstream lines(text.str());
    std::set<std::string> rows;  // "409 sold_out" for each code in a table row
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("| ", 0) != 0) continue;
        const std::string status_text = line.substr(2, 3);
        for (std::size_t at = line.find('`'); at != std::string::npos;) {
            const std::size_t end = line.find('`', at + 1);
            if (end == std::string::npos) break;
            rows.insert(status_text + " " + line.substr(at + 1, end - at - 1));
            at = line.find('`', end + 1);
        }
    }
    for (const ProblemType& type : ProblemCatalog()) {
        const std::string row =
            std::to_string(static_cast<unsigned>(type.status)) + " " + std::string(type.code);
        EXPECT_TRUE(rows.contains(row)) << "docs/api.md has no row '" << row << "'";
    }
}

}  // namespace
}  // namespace tix::http
