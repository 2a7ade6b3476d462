#include "app/web_ui_setup.h"

#include <spdlog/spdlog.h>

#include <boost/url/parse.hpp>
#include <memory>

#include "http/static_site_loader.h"

namespace tix::app {

std::optional<std::string> OriginOf(std::string_view url) {
    const auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed || !parsed->has_authority() || parsed->encoded_host().empty()) return std::nullopt;
    const auto scheme = parsed->scheme_id();
    if (scheme != boost::urls::scheme::http && scheme != boost::urls::scheme::https) {
        return std::nullopt;
    }
    return std::string(parsed->scheme()) + "://" + std::string(parsed->encoded_host_and_port());
}

std::vector<std::string> ConnectOrigins(const PaymentConfig& payments) {
    if (!payments.provider()) return {};
    std::optional<std::string> origin = OriginOf(payments.provider_url);
    if (!origin) return {};
    return {std::move(*origin)};
}

Status AddWebUi(const std::string& web_root, const PaymentConfig& payments, http::Router& router) {
    Result<http::StaticSite> site =
        http::LoadStaticSite(web_root, {.connect_origins = ConnectOrigins(payments)});
    if (!site.ok()) return site.status();
    spdlog::info("web root {}: {} files, {} bytes in memory", web_root, site->file_count(),
                 site->bytes());
    router.SetFallback(
        {std::string(kApiFirstSegment), std::string(kWebSocketFirstSegment)},
        http::StaticSiteHandler(std::make_shared<const http::StaticSite>(std::move(site).value())));
    return Status::Ok();
}

}  // namespace tix::app
