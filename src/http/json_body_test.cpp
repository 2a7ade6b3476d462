#include "http/json_body.h"

#include <gtest/gtest.h>

#include "http/testing.h"

namespace tix::http {
namespace {

using beast_http::status;
using test_support::BodyJson;
using test_support::ProblemCode;

RequestContext Post(std::string body, std::string_view content_type = "application/json") {
    RequestContext context;
    context.request = Request(beast_http::verb::post, "/x", 11);
    if (!content_type.empty()) context.request.set(beast_http::field::content_type, content_type);
    context.request.body() = std::move(body);
    return context;
}

JsonBody Parse(std::string body) {
    static RequestContext context;  // ParseJsonObject copies what it keeps
    context = Post(std::move(body));
    return ParseJsonObject(context);
}

std::string Detail(const Response& response) {
    return std::string(BodyJson(response).at("detail").as_string());
}

TEST(JsonBody, RequiresJsonContentType) {
    for (const char* type :
         {"", "text/plain", "application/jsonx", "application/x-www-form-urlencoded"}) {
        auto body = ParseJsonObject(Post("{}", type));
        ASSERT_FALSE(body) << type;
        EXPECT_EQ(body.problem().result(), status::unsupported_media_type);
        EXPECT_EQ(ProblemCode(body.problem()), "unsupported_media_type");
    }
    for (const char* type : {"application/json", "application/json; charset=utf-8",
                             "Application/JSON;charset=UTF-8", " application/json "}) {
        EXPECT_TRUE(ParseJsonObject(Post("{}", type))) << type;
    }
}

TEST(JsonBody, RejectsMalformedOrNonObjectBodies) {
    for (const char* text : {"", "{", "{\"a\":1,}", "{'a':1}", "[1,2]", "42", "\"s\"", "null",
                             "{\"a\":1} x", "{\"a\":\"\xff\"}", "{/*c*/}"}) {
        auto body = Parse(text);
        ASSERT_FALSE(body) << text;
        EXPECT_EQ(body.problem().result(), status::bad_request) << text;
        EXPECT_EQ(ProblemCode(body.problem()), "malformed_json") << text;
    }
}

TEST(JsonBody, RejectsTooDeepNesting) {
    std::string deep = "{\"a\":";
    for (std::size_t i = 0; i < kJsonDepthMax; ++i) deep += "[";
    for (std::size_t i = 0; i < kJsonDepthMax; ++i) deep += "]";
    deep += "}";
    EXPECT_FALSE(Parse(deep));
}

TEST(JsonBody, ReadsTypedFields) {
    auto body = Parse(R"({"email":"a@b.co","quantity":3,"vip":true,"seats":["A1","A2"],
                          "note":null})");
    ASSERT_TRUE(body);
    EXPECT_EQ(body->RequiredString("email", 254), "a@b.co");
    EXPECT_EQ(body->RequiredInt("quantity", 1, 10), 3);
    EXPECT_TRUE(body->RequiredBool("vip"));
    ASSERT_NE(body->RequiredArray("seats", 4), nullptr);
    EXPECT_EQ(body->OptionalString("note", 10), std::nullopt);  // null is absent
    EXPECT_EQ(body->OptionalInt("limit", 1, 100), std::nullopt);
    EXPECT_EQ(body->OptionalBool("flag"), std::nullopt);
    EXPECT_EQ(body->OptionalArray("more", 1), nullptr);
    EXPECT_TRUE(body->ok());
}

TEST(JsonBody, MissingRequiredFieldIsNamed) {
    auto body = Parse(R"({"email":"a@b.co"})");
    ASSERT_TRUE(body);
    body->RequiredString("email", 254);
    body->RequiredString("password", 1024);
    body->RequiredString("name", 200);  // not reported: the first error wins
    ASSERT_FALSE(body->ok());
    EXPECT_EQ(body->error_field(), "password");
    EXPECT_EQ(body->problem().result(), status::bad_request);
    EXPECT_EQ(ProblemCode(body->problem()), "invalid_field");
    EXPECT_EQ(Detail(body->problem()), "'password' is required");
}

TEST(JsonBody, IntegersRejectEverythingButInRangeIntegers) {
    const std::pair<const char*, bool> cases[] = {
        {"1", true},
        {"10", true},
        {"0", false},
        {"-1", false},
        {"11", false},
        {"9223372036854775807", false},
        {"9223372036854775808", false},   // 2^63: parsed as uint64
        {"18446744073709551616", false},  // 2^64: parsed as double
        {"-9223372036854775809", false},
        {"1.0", false},
        {"1.5", false},
        {"1e1", false},
        {"1e999", false},  // Boost.JSON makes it infinity
        {"true", false},
        {"\"3\"", false},
        {"[3]", false},
        {"{}", false},
    };
    for (const auto& [text, valid] : cases) {
        auto body = Parse(std::string("{\"quantity\":") + text + "}");
        ASSERT_TRUE(body) << text;
        const std::int64_t quantity = body->RequiredInt("quantity", 1, 10);
        EXPECT_EQ(body->ok(), valid) << text;
        if (!valid) {
            EXPECT_EQ(quantity, 0) << text;
            EXPECT_EQ(Detail(body->problem()), "'quantity' must be an integer from 1 to 10");
        }
    }
}

TEST(JsonBody, FullInt64RangeIsAccepted) {
    auto body = Parse(R"({"min":-9223372036854775808,"max":9223372036854775807})");
    ASSERT_TRUE(body);
    constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
    constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
    EXPECT_EQ(body->RequiredInt("min", kMin, kMax), kMin);
    EXPECT_EQ(body->RequiredInt("max", kMin, kMax), kMax);
    EXPECT_TRUE(body->ok());
}

TEST(JsonBody, NumbersAreFiniteAndInRange) {
    const std::pair<const char*, bool> cases[] = {
        {"0.5", true},
        {"5", true},
        {"1.25", true},
        {"5.0", true},
        {"5e0", true},
        {"0.49", false},
        {"5.01", false},
        {"-1", false},
        {"1e999", false},  // infinity
        {"-1e999", false},
        {"true", false},
        {"\"2\"", false},
        {"[2]", false},
        {"18446744073709551615", false},  // uint64
    };
    for (const auto& [text, valid] : cases) {
        auto body = Parse(std::string("{\"weight\":") + text + "}");
        ASSERT_TRUE(body) << text;
        const double weight = body->RequiredNumber("weight", 0.5, 5.0);
        EXPECT_EQ(body->ok(), valid) << text;
        if (!valid) {
            EXPECT_EQ(weight, 0) << text;
            EXPECT_EQ(Detail(body->problem()), "'weight' must be a number from 0.5 to 5") << text;
        }
    }
    auto absent = Parse("{}");
    EXPECT_EQ(absent->OptionalNumber("alpha", 0, 1), std::nullopt);
    EXPECT_TRUE(absent->ok());
}

TEST(JsonBody, StringsAreTypeAndLengthChecked) {
    const std::string huge(100'000, 'x');
    auto too_long = Parse("{\"name\":\"" + huge + "\"}");
    ASSERT_TRUE(too_long);
    too_long->RequiredString("name", 200);
    EXPECT_EQ(Detail(too_long->problem()), "'name' must be 1 to 200 characters long");

    for (const char* text : {"1", "true", "[]", "{}", "\"\"", "\"a\\u0000b\""}) {
        auto body = Parse(std::string("{\"name\":") + text + "}");
        ASSERT_TRUE(body) << text;
        body->RequiredString("name", 200);
        EXPECT_FALSE(body->ok()) << text;
    }

    // Limits count code points, not bytes: 200 two-byte characters fit in 200.
    std::string umlauts;
    for (int i = 0; i < 200; ++i) umlauts += "\xC3\xBC";
    auto body = Parse("{\"name\":\"" + umlauts + "\"}");
    ASSERT_TRUE(body);
    EXPECT_EQ(body->RequiredString("name", 200), umlauts);
    EXPECT_TRUE(body->ok());
    auto over = Parse("{\"name\":\"" + umlauts + "x\"}");
    over->RequiredString("name", 200);
    EXPECT_FALSE(over->ok());

    auto empty_optional = Parse(R"({"note":""})");
    EXPECT_EQ(empty_optional->OptionalString("note", 10), "");
    EXPECT_TRUE(empty_optional->ok());
}

TEST(JsonBody, BoolsAndArraysAreTypeChecked) {
    auto body = Parse(R"({"vip":1,"seats":"A1"})");
    body->RequiredBool("vip");
    EXPECT_EQ(body->error_field(), "vip");
    auto arrays = Parse(R"({"seats":[1,2,3]})");
    EXPECT_EQ(arrays->RequiredArray("seats", 2), nullptr);
    EXPECT_EQ(Detail(arrays->problem()), "'seats' must be an array of at most 2 items");
    auto not_array = Parse(R"({"seats":"A1"})");
    EXPECT_EQ(not_array->OptionalArray("seats", 2), nullptr);
    EXPECT_FALSE(not_array->ok());
}

TEST(JsonBody, UnknownFieldsCanBeRejected) {
    auto body = Parse(R"({"email":"a@b.co","emial":"typo"})");
    body->RejectUnknownFields({"email", "password"});
    EXPECT_EQ(body->error_field(), "emial");
    auto fine = Parse(R"({"email":"a@b.co"})");
    fine->RejectUnknownFields({"email", "password"});
    EXPECT_TRUE(fine->ok());
}

TEST(JsonBody, HandlerCanReportItsOwnFieldProblem) {
    auto body = Parse(R"({"starts_at":"yesterday"})");
    body->RequiredString("starts_at", 40);
    body->Fail("starts_at", "must be an RFC 3339 time");
    body->Fail("other", "ignored: not the first");
    EXPECT_EQ(Detail(body->problem()), "'starts_at' must be an RFC 3339 time");
}

TEST(Utf8Length, CountsCodePoints) {
    EXPECT_EQ(Utf8Length(""), 0u);
    EXPECT_EQ(Utf8Length("abc"), 3u);
    EXPECT_EQ(Utf8Length("Z\xC3\xBCrich"), 6u);
    EXPECT_EQ(Utf8Length("\xF0\x9F\x8E\xAB"), 1u);  // a ticket emoji
}

}  // namespace
}  // namespace tix::http
