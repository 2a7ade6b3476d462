#include "http/static_site.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "http/router.h"
#include "http/static_site_loader.h"
#include "http/static_site_testing.h"
#include "http/testing.h"

namespace tix::http {
namespace {

using beast_http::field;
using beast_http::status;
using beast_http::verb;
using test_support::kAppJs;
using test_support::kAppJsBrotli;
using test_support::kAppJsGzip;
using test_support::kIndexHtml;
using test_support::ProblemCode;
using test_support::WebRoot;

constexpr std::string_view kAppPath = "/assets/app-abc123.js";

class StaticSiteTest : public ::testing::Test {
  protected:
    StaticSiteTest() {
        auto loaded = LoadStaticSite(root_.path(), {.connect_origins = {"http://127.0.0.1:8090"}});
        if (!loaded.ok()) ADD_FAILURE() << loaded.status().ToString();
        site_ = std::make_shared<const StaticSite>(std::move(loaded).value());
    }

    Response Get(std::string_view target, std::string_view accept_encoding = {},
                 std::string_view if_none_match = {}) const {
        RequestContext context;
        context.request = Request(verb::get, target, 11);
        if (!accept_encoding.empty()) context.request.set(field::accept_encoding, accept_encoding);
        if (!if_none_match.empty()) context.request.set(field::if_none_match, if_none_match);
        return site_->Answer(context);
    }

    WebRoot root_;
    std::shared_ptr<const StaticSite> site_;
};

TEST_F(StaticSiteTest, SlashIsIndexHtmlWithThePagesHeaders) {
    const Response index = Get("/");
    EXPECT_EQ(index.result(), status::ok);
    EXPECT_EQ(index.body(), kIndexHtml);
    EXPECT_EQ(index[field::content_type], "text/html; charset=utf-8");
    EXPECT_EQ(index[field::cache_control], "no-cache");
    EXPECT_FALSE(index[field::etag].empty());
    EXPECT_EQ(index["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(index["Referrer-Policy"], "same-origin");
    EXPECT_EQ(index["Content-Security-Policy"], ContentSecurityPolicy({"http://127.0.0.1:8090"}));
    EXPECT_EQ(Get("/index.html").body(), kIndexHtml);
    EXPECT_EQ(Get("/?utm_source=x").body(), kIndexHtml);
}

TEST_F(StaticSiteTest, ClientSideRoutesGetIndexHtml) {
    for (const char* route : {"/events/3", "/campaigns/2", "/admin", "/admin/", "/a%20b"}) {
        const Response page = Get(route);
        EXPECT_EQ(page.result(), status::ok) << route;
        EXPECT_EQ(page.body(), kIndexHtml) << route;
        EXPECT_EQ(page[field::cache_control], "no-cache") << route;
    }
}

TEST_F(StaticSiteTest, AMissingFileIs404ProblemJson) {
    for (const char* target : {"/assets/missing.js", "/favicon.ico", "/events/3/x.png"}) {
        const Response missing = Get(target);
        EXPECT_EQ(missing.result(), status::not_found) << target;
        EXPECT_EQ(missing[field::content_type], "application/problem+json");
        EXPECT_EQ(ProblemCode(missing), "not_found");
    }
}

TEST_F(StaticSiteTest, AssetsAreImmutableAndOtherFilesRevalidate) {
    const Response app = Get(kAppPath);
    EXPECT_EQ(app.body(), kAppJs);
    EXPECT_EQ(app[field::content_type], "text/javascript; charset=utf-8");
    EXPECT_EQ(app[field::cache_control], "public, max-age=31536000, immutable");
    EXPECT_TRUE(app["Content-Security-Policy"].empty()) << "a page's header, not a script's";
    const Response logo = Get("/img/icons/logo.svg");
    EXPECT_EQ(logo.body(), "<svg/>");
    EXPECT_EQ(logo[field::content_type], "image/svg+xml");
    EXPECT_EQ(logo[field::cache_control], "no-cache");
    EXPECT_TRUE(logo[field::vary].empty()) << "nothing to vary: no compressed copy";
    EXPECT_EQ(Get("/robots.txt")[field::content_type], "text/plain; charset=utf-8");
}

TEST_F(StaticSiteTest, BrotliThenGzipThenTheFileAsItIs) {
    const Response br = Get(kAppPath, "gzip, deflate, br");
    EXPECT_EQ(br.body(), kAppJsBrotli);
    EXPECT_EQ(br[field::content_encoding], "br");
    EXPECT_EQ(br[field::vary], "Accept-Encoding");
    const Response gzip = Get(kAppPath, "gzip, br;q=0");
    EXPECT_EQ(gzip.body(), kAppJsGzip);
    EXPECT_EQ(gzip[field::content_encoding], "gzip");
    const Response identity = Get(kAppPath, "identity");
    EXPECT_EQ(identity.body(), kAppJs);
    EXPECT_TRUE(identity[field::content_encoding].empty());
    EXPECT_EQ(identity[field::vary], "Accept-Encoding");
    EXPECT_EQ(Get(kAppPath).body(), kAppJs) << "no Accept-Encoding: no coding";
    EXPECT_EQ(Get(kAppPath, "br;q=0, gzip;q=0").body(), kAppJs);
    // Each coding has its own ETag: they are different bytes.
    EXPECT_NE(br[field::etag], gzip[field::etag]);
    EXPECT_NE(gzip[field::etag], identity[field::etag]);
}

TEST_F(StaticSiteTest, IfNoneMatchWithTheETagIs304WithoutABody) {
    const std::string etag(Get("/")[field::etag]);
    const Response not_modified = Get("/events/3", {}, etag);
    EXPECT_EQ(not_modified.result(), status::not_modified);
    EXPECT_TRUE(not_modified.body().empty());
    EXPECT_EQ(not_modified[field::etag], etag);
    EXPECT_EQ(not_modified[field::cache_control], "no-cache");
    EXPECT_EQ(Get("/", {}, "\"other\", W/" + etag).result(), status::not_modified);
    EXPECT_EQ(Get("/", {}, "*").result(), status::not_modified);
    EXPECT_EQ(Get("/", {}, "\"other\"").result(), status::ok);
    // The identity copy's ETag does not stand for the brotli copy.
    const std::string app_etag(Get(kAppPath)[field::etag]);
    EXPECT_EQ(Get(kAppPath, {}, app_etag).result(), status::not_modified);
    EXPECT_EQ(Get(kAppPath, "br", app_etag).result(), status::ok);
}

TEST_F(StaticSiteTest, OddSpellingsOfAPathNeverReachAFile) {
    for (const char* target :
         {"/../etc/passwd", "/%2e%2e/etc/passwd", "/%2e%2e/", "/assets/../index.html",
          "/assets%2Fapp-abc123.js", "/assets/app-abc123.js%00", "//assets/app-abc123.js",
          "/./robots.txt", "/assets/..%2F..%2Fetc%2Fpasswd", "/%5c..%5cetc%5cpasswd"}) {
        const Response response = Get(target);
        EXPECT_EQ(response.result(), status::not_found) << target;
        EXPECT_EQ(ProblemCode(response), "not_found") << target;
    }
    EXPECT_EQ(Get("/assets/app%2Dabc123.js").body(), kAppJs) << "a plain escape is the name";
}

TEST_F(StaticSiteTest, ARequestWithABodyIsRefused) {
    RequestContext context;
    context.request = Request(verb::get, "/", 11);
    context.request.body() = "x";
    EXPECT_EQ(site_->Answer(context).result(), status::bad_request);
}

// Through the server and a router: what a browser sees.
class StaticSiteServerTest : public StaticSiteTest {
  protected:
    static std::shared_ptr<Router> MakeRouter(std::shared_ptr<const StaticSite> site) {
        auto router = std::make_shared<Router>();
        router->Add(verb::get, "/api/v1/events", Access::kPublic,
                    [](RequestContext&, Responder respond) {
                        respond(JsonResponse(status::ok, boost::json::array{}));
                    });
        router->SetFallback({"api", "ws"}, StaticSiteHandler(std::move(site)));
        return router;
    }

    test_support::TestServer server_{MakeRouter(site_)};
    test_support::TestClient client_{server_.port()};
};

TEST_F(StaticSiteServerTest, HeadHasTheLengthButNoBody) {
    const Response head =
        client_.Send(test_support::TestClient::MakeRequest(verb::head, std::string(kAppPath)));
    EXPECT_EQ(head.result(), status::ok);
    EXPECT_EQ(head[field::content_length], std::to_string(kAppJs.size()));
    EXPECT_TRUE(head.body().empty());
    EXPECT_EQ(head[field::cache_control], "public, max-age=31536000, immutable");
    // The connection is still in step: the next answer is the next request's.
    EXPECT_EQ(client_.Get("/robots.txt").body(), "User-agent: *\n");
}

TEST_F(StaticSiteServerTest, ANotModifiedAnswerHasNoLength) {
    const std::string etag(client_.Get("/")[field::etag]);
    Request revalidate = test_support::TestClient::MakeRequest(verb::get, "/");
    revalidate.set(field::if_none_match, etag);
    const Response not_modified = client_.Send(revalidate);
    EXPECT_EQ(not_modified.result(), status::not_modified);
    EXPECT_EQ(not_modified.count(field::content_length), 0u) << "not the 200's, and not 0";
    EXPECT_EQ(client_.Get("/robots.txt").body(), "User-agent: *\n") << "still in step";
}

TEST_F(StaticSiteServerTest, TheApiAndItsUnknownPathsAnswerAsBefore) {
    EXPECT_EQ(client_.Get("/api/v1/events").body(), "[]");
    const Response nope = client_.Get("/api/v1/nope");
    EXPECT_EQ(nope.result(), status::not_found);
    EXPECT_EQ(ProblemCode(nope), "not_found");
    EXPECT_EQ(client_.Get("/events/3").body(), kIndexHtml);
    EXPECT_EQ(client_.PostJson("/events/3", "{}").result(), status::method_not_allowed);
}

TEST_F(StaticSiteServerTest, RawTraversalTargetsGetNoFile) {
    for (const char* target : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f"}) {
        test_support::TestClient client(server_.port());
        client.WriteRaw("GET " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        const Response response = client.Read();
        EXPECT_TRUE(response.result() == status::not_found ||
                    response.result() == status::bad_request)
            << target << " -> " << response.result_int();
        EXPECT_EQ(response.body().find("root:"), std::string::npos);
    }
}

}  // namespace
}  // namespace tix::http
