#include "http/static_site_loader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "http/static_site_testing.h"

namespace tix::http {
namespace {

namespace fs = std::filesystem;
using test_support::WebRoot;
using test_support::WriteFile;

TEST(StaticSiteLoader, ReadsEveryFileWithItsCompressedCopies) {
    const WebRoot root;
    const Result<StaticSite> site = LoadStaticSite(root.path());
    ASSERT_TRUE(site.ok()) << site.status().ToString();
    EXPECT_EQ(site->file_count(), 4u) << "the .gz and .br are copies, not files";
    const StaticFile* app = site->Find("/assets/app-abc123.js");
    ASSERT_NE(app, nullptr);
    EXPECT_EQ(app->identity.body, test_support::kAppJs);
    ASSERT_TRUE(app->gzip && app->brotli);
    EXPECT_EQ(app->gzip->body, test_support::kAppJsGzip);
    EXPECT_EQ(app->brotli->body, test_support::kAppJsBrotli);
    EXPECT_TRUE(app->immutable);
    EXPECT_EQ(app->identity.etag.size(), 34u) << "32 hex digits, quoted";
    EXPECT_NE(app->identity.etag, app->gzip->etag);
    EXPECT_NE(app->gzip->etag, app->brotli->etag);
    const StaticFile* logo = site->Find("/img/icons/logo.svg");
    ASSERT_NE(logo, nullptr);
    EXPECT_FALSE(logo->immutable);
    EXPECT_FALSE(logo->compressed());
    EXPECT_EQ(site->Find("/assets/app-abc123.js.gz"), nullptr);
}

TEST(StaticSiteLoader, ACompressedCopyNoSmallerThanTheFileIsLeftOut) {
    const WebRoot root;
    WriteFile(root.File("robots.txt.gz"), "a gzip copy longer than robots.txt itself");
    const Result<StaticSite> site = LoadStaticSite(root.path());
    ASSERT_TRUE(site.ok());
    EXPECT_FALSE(site->Find("/robots.txt")->gzip.has_value());
}

TEST(StaticSiteLoader, RefusesADirectoryWithoutIndexHtml) {
    const WebRoot root;
    fs::remove(root.File("index.html"));
    const Result<StaticSite> site = LoadStaticSite(root.path());
    ASSERT_FALSE(site.ok());
    EXPECT_NE(site.status().message().find("no index.html"), std::string::npos);
    EXPECT_FALSE(LoadStaticSite(root.File("missing")).ok());
    EXPECT_FALSE(LoadStaticSite(root.File("robots.txt")).ok()) << "a file, not a directory";
}

TEST(StaticSiteLoader, RefusesMoreThanItsBounds) {
    const WebRoot root;
    std::uint64_t bytes = 0;
    for (const auto& entry : fs::recursive_directory_iterator(root.path())) {
        if (entry.is_regular_file()) bytes += entry.file_size();
    }
    EXPECT_TRUE(LoadStaticSite(root.path(), {.bytes_max = bytes}).ok());
    const Result<StaticSite> too_big = LoadStaticSite(root.path(), {.bytes_max = bytes - 1});
    ASSERT_FALSE(too_big.ok());
    EXPECT_NE(too_big.status().message().find("more than"), std::string::npos);
    EXPECT_TRUE(LoadStaticSite(root.path(), {.files_max = 6}).ok());
    EXPECT_FALSE(LoadStaticSite(root.path(), {.files_max = 5}).ok());
}

TEST(StaticSiteLoader, SkipsLinksOutsideHiddenFilesAndNonRegularFiles) {
    const WebRoot root;
    const TempDir outside;
    WriteFile(outside.path() / "secret.txt", "password");
    fs::create_symlink(outside.path() / "secret.txt", root.File("secret.txt"));
    fs::create_directory_symlink(outside.path(), root.File("outside"));
    fs::create_symlink(root.File("robots.txt"), root.File("robots-link.txt"));
    WriteFile(root.File(".env"), "KEY=1");
    WriteFile(root.File(".git/config"), "[core]");
    ASSERT_EQ(::mkfifo(root.File("pipe").c_str(), 0600), 0);

    const Result<StaticSite> site = LoadStaticSite(root.path());
    ASSERT_TRUE(site.ok()) << site.status().ToString();
    EXPECT_EQ(site->Find("/secret.txt"), nullptr);
    EXPECT_EQ(site->Find("/outside/secret.txt"), nullptr);
    EXPECT_EQ(site->Find("/.env"), nullptr);
    EXPECT_EQ(site->Find("/.git/config"), site->Find("/")) << "no file: index.html";
    EXPECT_EQ(site->file_count(), 5u) << "the four files and the link inside";
    const StaticFile* pipe = site->Find("/pipe");
    EXPECT_EQ(pipe, site->Find("/")) << "no file: an extension-less path gets index.html";
    const StaticFile* link = site->Find("/robots-link.txt");
    ASSERT_NE(link, nullptr) << "a link inside the root is served";
    EXPECT_EQ(link->identity.body, "User-agent: *\n");
}

TEST(StaticSiteLoader, TheContentSecurityPolicyNamesTheExtraOrigins) {
    EXPECT_EQ(ContentSecurityPolicy({}),
              "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
              "connect-src 'self' ws: wss:; worker-src 'self' blob:; frame-ancestors 'none'");
    EXPECT_NE(ContentSecurityPolicy({"http://127.0.0.1:8090"})
                  .find("connect-src 'self' ws: wss: http://127.0.0.1:8090;"),
              std::string::npos);
}

}  // namespace
}  // namespace tix::http
