// End-to-end: tixd --web-root serves a built front end beside the API, from one port.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/temp_dir.h"
#include "support/http_client.h"
#include "support/tixd_process.h"

namespace tix::test {
namespace {

constexpr char kIndexHtml[] = "<!doctype html><div id=root></div>";
constexpr char kAppJs[] = "document.getElementById('root').textContent = 'tix';";
constexpr char kAppJsBrotli[] = "brotli";
// A tixd that should refuse to start gets this long to say so before it counts as serving.
constexpr auto kRefusalTimeout = std::chrono::seconds(5);

void WriteFile(const std::filesystem::path& path, std::string_view bytes) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

TEST(WebUi, TixdServesTheFrontEndBesideTheApi) {
    const TempDir web;
    WriteFile(web.path() / "index.html", kIndexHtml);
    WriteFile(web.path() / "assets/app-1a2b3c.js", kAppJs);
    WriteFile(web.path() / "assets/app-1a2b3c.js.br", kAppJsBrotli);
    const TempDir data;
    TixdProcess tixd({.data_dir = data.path(), .extra_args = {"--web-root", web.path().string()}});
    ASSERT_TRUE(tixd.started()) << tixd.error();
    HttpClient client(tixd.port());

    const Response page = client.Get("/");
    EXPECT_EQ(page.status, 200) << page;
    EXPECT_EQ(page.body, kIndexHtml);
    EXPECT_EQ(page.MediaType(), "text/html");
    EXPECT_FALSE(page.Header("Content-Security-Policy").empty());
    EXPECT_EQ(client.Get("/events/3").body, kIndexHtml) << "a client-side route";

    const Response app = client.Get("/assets/app-1a2b3c.js", {{"Accept-Encoding", "gzip, br"}});
    EXPECT_EQ(app.status, 200) << app;
    EXPECT_EQ(app.body, kAppJsBrotli);
    EXPECT_EQ(app.Header("Content-Encoding"), "br");
    EXPECT_EQ(app.Header("Cache-Control"), "public, max-age=31536000, immutable");
    const Response head = client.Request("HEAD", "/assets/app-1a2b3c.js");
    EXPECT_EQ(head.status, 200) << head;
    EXPECT_EQ(head.Header("Content-Length"), std::to_string(std::string_view(kAppJs).size()));
    EXPECT_TRUE(head.body.empty());
    const Response revalidated = client.Get("/", {{"If-None-Match", page.Header("ETag")}});
    EXPECT_EQ(revalidated.status, 304) << revalidated;

    EXPECT_EQ(client.Get("/api/v1/events").status, 200);
    EXPECT_EQ(client.Get("/health").status, 200);
    const Response unknown = client.Get("/api/v1/nope");
    EXPECT_EQ(unknown.status, 404) << unknown;
    EXPECT_EQ(unknown.Code(), "not_found");
    EXPECT_EQ(client.Get("/assets/missing.js").status, 404);
}

TEST(WebUi, TixdRefusesAWebRootWithoutIndexHtml) {
    const TempDir web;
    const TempDir data;
    const CommandResult refused = RunTixdCommand(
        {"serve", "--listen", "127.0.0.1:0", "--data", data.path().string(), "--password-cost",
         "minimum", "--log-level", "warn", "--web-root", web.path().string()},
        kRefusalTimeout);
    EXPECT_FALSE(refused.status.timed_out) << "tixd served without its front end";
    EXPECT_TRUE(refused.status.exited && refused.status.code != 0) << refused.status.ToString();
    EXPECT_NE(refused.output.find("index.html"), std::string::npos) << refused.output;
}

}  // namespace
}  // namespace tix::test
