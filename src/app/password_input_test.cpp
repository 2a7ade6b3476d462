#include "app/password_input.h"

#include <gtest/gtest.h>

#include <sstream>

namespace tix::app {
namespace {

Result<std::string> Read(const std::string& input, std::size_t bytes_max = 16) {
    std::istringstream in(input);
    return ReadPasswordLine(in, bytes_max);
}

TEST(ReadPasswordLine, TakesTheFirstLineWithoutItsEnding) {
    EXPECT_EQ(*Read("correct horse\n"), "correct horse");
    EXPECT_EQ(*Read("correct horse\r\n"), "correct horse");
    EXPECT_EQ(*Read("correct horse"), "correct horse");  // no newline at the end of the input
    EXPECT_EQ(*Read("first line\nsecond line\n"), "first line");
    EXPECT_EQ(*Read("  spaces kept \t\n"), "  spaces kept \t");
    EXPECT_EQ(*Read("\n"), "");  // an empty password: create-user then says it is too short
}

TEST(ReadPasswordLine, RefusesEmptyInput) {
    const auto empty = Read("");
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.status().code(), Status::Code::kInvalidArgument);
}

TEST(ReadPasswordLine, RefusesALineOverTheLimit) {
    EXPECT_EQ(*Read(std::string(16, 'p') + "\n"), std::string(16, 'p'));
    EXPECT_EQ(*Read(std::string(16, 'p') + "\r\n"), std::string(16, 'p'));
    EXPECT_EQ(*Read(std::string(16, 'p')), std::string(16, 'p'));
    for (const std::string& input :
         {std::string(17, 'p') + "\n", std::string(17, 'p'), std::string(100'000, 'p')}) {
        const auto long_line = Read(input);
        ASSERT_FALSE(long_line.ok()) << input.size();
        EXPECT_EQ(long_line.status().code(), Status::Code::kInvalidArgument);
    }
}

TEST(ReadPasswordLine, ReadsNothingBeyondTheLimit) {
    std::istringstream in(std::string(100, 'p'));
    EXPECT_FALSE(ReadPasswordLine(in, 16).ok());
    EXPECT_EQ(in.tellg(), 18);  // the limit, one byte for a '\r', and the byte that was too many
}

}  // namespace
}  // namespace tix::app
