#include "resp.h"

#include <gtest/gtest.h>

namespace tix::bench {
namespace {

TEST(Resp, CommandIsAnArrayOfBulkStrings) {
    std::string out;
    AppendRespCommand(out, {"ZADD", "c:1", "12.5", "u7"});
    EXPECT_EQ(out, "*4\r\n$4\r\nZADD\r\n$3\r\nc:1\r\n$4\r\n12.5\r\n$2\r\nu7\r\n");
}

TEST(Resp, RepliesAreReadOneAtATime) {
    const std::string buffer = ":1\r\n:42\r\n$-1\r\n+OK\r\n-ERR no\r\n$3\r\nabc\r\n";
    std::string_view rest = buffer;
    RespReply reply;
    auto next = [&] {
        const auto used = ReadRespReply(rest, reply);
        EXPECT_TRUE(used.has_value());
        rest.remove_prefix(used.value_or(rest.size()));
        return reply.kind;
    };
    EXPECT_EQ(next(), RespReply::Kind::kInteger);
    EXPECT_EQ(next(), RespReply::Kind::kInteger);
    EXPECT_EQ(reply.integer, 42);
    EXPECT_EQ(next(), RespReply::Kind::kNull);
    EXPECT_EQ(next(), RespReply::Kind::kSimple);
    EXPECT_EQ(next(), RespReply::Kind::kError);
    EXPECT_EQ(reply.text, "ERR no");
    EXPECT_EQ(next(), RespReply::Kind::kBulk);
    EXPECT_EQ(reply.text, "abc");
    EXPECT_TRUE(rest.empty());
}

TEST(Resp, ArraysAreSkippedAndCounted) {
    const std::string buffer = "*4\r\n$2\r\nu1\r\n$3\r\n9.5\r\n$2\r\nu2\r\n$1\r\n8\r\n:0\r\n";
    RespReply reply;
    const auto used = ReadRespReply(buffer, reply);
    ASSERT_TRUE(used);
    EXPECT_EQ(reply.kind, RespReply::Kind::kArray);
    EXPECT_EQ(reply.integer, 4);
    EXPECT_EQ(buffer.substr(*used), ":0\r\n");
}

TEST(Resp, AnIncompleteReplyWaitsForMore) {
    RespReply reply;
    for (std::string_view part : {"", ":1", "$3\r\nab", "*2\r\n:1\r\n", "$3\r\nabc\r"}) {
        EXPECT_FALSE(ReadRespReply(part, reply)) << part;
    }
}

TEST(Resp, GarbageIsAProtocolError) {
    RespReply reply;
    const std::string buffer = "?what\r\n";
    EXPECT_EQ(ReadRespReply(buffer, reply), buffer.size());
    EXPECT_EQ(reply.kind, RespReply::Kind::kError);
    EXPECT_EQ(reply.text, "protocol");
}

}  // namespace
}  // namespace tix::bench
