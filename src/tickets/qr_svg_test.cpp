#include "tickets/qr_svg.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

namespace tix::tickets {
namespace {

// The side of the viewBox "0 0 <side> <side>", in modules (quiet zone included); 0 if absent.
int ViewBoxSide(const std::string& svg) {
    std::smatch match;
    static const std::regex kViewBox(R"re(viewBox="0 0 (\d+) (\d+)")re");
    if (!std::regex_search(svg, match, kViewBox) || match[1] != match[2]) return 0;
    return std::stoi(match[1]);
}

int CountOf(const std::string& text, const std::string& what) {
    int count = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++count;
    }
    return count;
}

TEST(QrSvg, IsOneSvgWithAViewBoxAndOnePath) {
    const auto svg = QrSvg("hello");
    ASSERT_TRUE(svg.ok()) << svg.status().ToString();
    EXPECT_EQ(svg->rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
    EXPECT_NE(svg->find("shape-rendering=\"crispEdges\""), std::string::npos);
    EXPECT_EQ(CountOf(*svg, "<path"), 1);
    EXPECT_EQ(svg->substr(svg->size() - 6), "</svg>");
    // Version 1 (21 modules) and the 4-module quiet zone on each side.
    EXPECT_EQ(ViewBoxSide(*svg), 21 + 2 * kQrQuietZoneModules);
    // Every finder pattern's dark 7-module top row, at its corner inside the quiet zone.
    EXPECT_NE(svg->find("M4 4h7v1h-7z"), std::string::npos);
    EXPECT_NE(svg->find("M18 4h7v1h-7z"), std::string::npos);
    EXPECT_NE(svg->find("M4 18h7v1h-7z"), std::string::npos);
}

TEST(QrSvg, ATicketPayloadFitsVersion8) {
    // A rotating payload's 132 characters, the longest a ticket has; a static one's 127.
    for (const std::size_t length : {127u, 132u}) {
        const auto svg = QrSvg(std::string(length, 'x'));
        ASSERT_TRUE(svg.ok()) << svg.status().ToString();
        EXPECT_EQ(ViewBoxSide(*svg), 49 + 2 * kQrQuietZoneModules) << length;
        EXPECT_LT(svg->size(), 16'000u) << "one compact path, not a rect per module";
    }
}

TEST(QrSvg, TextTooLongForAnySymbolIsAnError) {
    EXPECT_TRUE(QrSvg(std::string(2331, 'x')).ok());  // version 40 at level M, the most
    const auto svg = QrSvg(std::string(2332, 'x'));
    ASSERT_FALSE(svg.ok());
    EXPECT_EQ(svg.status().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace tix::tickets
