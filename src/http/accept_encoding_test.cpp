#include "http/accept_encoding.h"

#include <gtest/gtest.h>

#include "http/media_type.h"

namespace tix::http {
namespace {

TEST(AcceptEncoding, ACodingNamedWithoutQOrAboveZeroIsAccepted) {
    EXPECT_TRUE(AcceptsCoding("gzip, deflate, br, zstd", "br"));
    EXPECT_TRUE(AcceptsCoding("gzip, deflate, br, zstd", "gzip"));
    EXPECT_TRUE(AcceptsCoding("br;q=0.5, gzip;q=1.0", "br"));
    EXPECT_TRUE(AcceptsCoding("BR ; Q=0.001", "br"));
}

TEST(AcceptEncoding, QZeroRefuses) {
    EXPECT_FALSE(AcceptsCoding("br;q=0, gzip", "br"));
    EXPECT_TRUE(AcceptsCoding("br;q=0, gzip", "gzip"));
    EXPECT_FALSE(AcceptsCoding("br;q=0.000", "br"));
    EXPECT_FALSE(AcceptsCoding("gzip;q=0.0", "gzip"));
}

TEST(AcceptEncoding, TheWildcardCoversWhatIsNotNamed) {
    EXPECT_TRUE(AcceptsCoding("*", "br"));
    EXPECT_FALSE(AcceptsCoding("*;q=0", "br"));
    EXPECT_FALSE(AcceptsCoding("*, br;q=0", "br")) << "the named coding wins over *";
    EXPECT_TRUE(AcceptsCoding("*;q=0, br", "br"));
}

TEST(AcceptEncoding, AbsentEmptyOrGarbledAcceptsNothing) {
    EXPECT_FALSE(AcceptsCoding("", "gzip"));
    EXPECT_FALSE(AcceptsCoding("identity", "gzip"));
    EXPECT_FALSE(AcceptsCoding("gzip;q=abc", "gzip"));
    EXPECT_FALSE(AcceptsCoding("gzipx", "gzip"));
    EXPECT_FALSE(AcceptsCoding(",,,", "gzip"));
}

TEST(MediaType, ComesFromTheExtensionInAnyCase) {
    EXPECT_EQ(MediaTypeFor("index.html"), "text/html; charset=utf-8");
    EXPECT_EQ(MediaTypeFor("/assets/app-1a2b.js"), "text/javascript; charset=utf-8");
    EXPECT_EQ(MediaTypeFor("/assets/app.MJS"), "text/javascript; charset=utf-8");
    EXPECT_EQ(MediaTypeFor("a.css"), "text/css; charset=utf-8");
    EXPECT_EQ(MediaTypeFor("logo.svg"), "image/svg+xml");
    EXPECT_EQ(MediaTypeFor("a.png"), "image/png");
    EXPECT_EQ(MediaTypeFor("a.JPG"), "image/jpeg");
    EXPECT_EQ(MediaTypeFor("a.webp"), "image/webp");
    EXPECT_EQ(MediaTypeFor("favicon.ico"), "image/x-icon");
    EXPECT_EQ(MediaTypeFor("a.json"), "application/json");
    EXPECT_EQ(MediaTypeFor("site.webmanifest"), "application/manifest+json");
    EXPECT_EQ(MediaTypeFor("a.woff2"), "font/woff2");
    EXPECT_EQ(MediaTypeFor("robots.txt"), "text/plain; charset=utf-8");
    EXPECT_EQ(MediaTypeFor("app.js.map"), "application/json");
    EXPECT_EQ(MediaTypeFor("a.wasm"), "application/wasm");
}

TEST(MediaType, AnUnknownOrMissingExtensionIsOctetStream) {
    EXPECT_EQ(MediaTypeFor("a.exe"), "application/octet-stream");
    EXPECT_EQ(MediaTypeFor("README"), "application/octet-stream");
    EXPECT_EQ(MediaTypeFor("/v1.2/README"), "application/octet-stream");
    EXPECT_TRUE(IsHtml(MediaTypeFor("a.html")));
    EXPECT_FALSE(IsHtml(MediaTypeFor("a.js")));
}

}  // namespace
}  // namespace tix::http
