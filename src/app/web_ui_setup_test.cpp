#include "app/web_ui_setup.h"

#include <gtest/gtest.h>

#include <fstream>

#include "common/temp_dir.h"

namespace tix::app {
namespace {

TEST(WebUiSetup, TheOriginOfAUrlIsSchemeHostAndPort) {
    EXPECT_EQ(OriginOf("http://127.0.0.1:8090"), "http://127.0.0.1:8090");
    EXPECT_EQ(OriginOf("https://pay.example.com/v1/x?y=1"), "https://pay.example.com");
    EXPECT_EQ(OriginOf("http://[::1]:8090/"), "http://[::1]:8090");
    EXPECT_EQ(OriginOf("ftp://example.com"), std::nullopt);
    EXPECT_EQ(OriginOf("127.0.0.1:8090"), std::nullopt);
    EXPECT_EQ(OriginOf("http://"), std::nullopt);
    EXPECT_EQ(OriginOf("http://a b; script-src *"), std::nullopt) << "nothing to inject in CSP";
}

TEST(WebUiSetup, PagesMayConnectToThePaymentProviderInProviderModeOnly) {
    PaymentConfig payments;
    payments.provider_url = "http://127.0.0.1:8090";
    EXPECT_TRUE(ConnectOrigins(payments).empty());
    payments.mode = "provider";
    EXPECT_EQ(ConnectOrigins(payments), std::vector<std::string>{"http://127.0.0.1:8090"});
}

TEST(WebUiSetup, ADirectoryWithoutIndexHtmlIsRefused) {
    const TempDir root;
    http::Router router;
    const Status missing = AddWebUi(root.File("nowhere"), {}, router);
    EXPECT_FALSE(missing.ok());
    const Status empty = AddWebUi(root.path().string(), {}, router);
    EXPECT_FALSE(empty.ok());
    EXPECT_NE(empty.message().find("index.html"), std::string::npos);
    std::ofstream(root.File("index.html")) << "<!doctype html>";
    EXPECT_TRUE(AddWebUi(root.path().string(), {}, router).ok());
}

}  // namespace
}  // namespace tix::app
