#include "setup_client.h"

#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace tix::bench {

namespace beast = boost::beast;
namespace http = beast::http;

namespace {

constexpr std::uint64_t kBodyBytesMax = 256ULL * 1024 * 1024;  // 200,000 users' tokens fit

}  // namespace

SetupClient::SetupClient(boost::asio::ip::tcp::endpoint server) : server_(server), stream_(io_) {}

Result<SetupAnswer> SetupClient::Call(std::string_view method, std::string_view target,
                                      std::string_view bearer, const boost::json::value* body) {
    beast::error_code error;
    // One retry on a fresh connection: the server closes keep-alive connections idle for long.
    for (int attempt = 0; attempt < 2; ++attempt) {
        stream_.expires_after(kTimeout);
        if (!open_) {
            stream_.connect(server_, error);
            if (error) return Status::IoError("connect: " + error.message());
            stream_.socket().set_option(boost::asio::ip::tcp::no_delay(true));
            open_ = true;
        }
        http::request<http::string_body> request(http::string_to_verb(method), target, 11);
        request.set(http::field::host, server_.address().to_string());
        if (!bearer.empty())
            request.set(http::field::authorization, "Bearer " + std::string(bearer));
        if (body != nullptr) {
            request.set(http::field::content_type, "application/json");
            request.body() = boost::json::serialize(*body);
        }
        request.prepare_payload();
        http::write(stream_, request, error);
        http::response_parser<http::string_body> parser;
        parser.body_limit(kBodyBytesMax);
        if (!error) http::read(stream_, buffer_, parser, error);
        if (error) {
            beast::error_code ignored;
            stream_.socket().close(ignored);
            open_ = false;
            buffer_.clear();
            continue;
        }
        SetupAnswer answer{.status = parser.get().result_int()};
        if (!parser.get().keep_alive()) {
            beast::error_code ignored;
            stream_.socket().close(ignored);
            open_ = false;
        }
        boost::json::error_code json_error;
        answer.body = boost::json::parse(parser.get().body(), json_error);
        if (json_error) answer.body = nullptr;
        return answer;
    }
    return Status::IoError(std::string(method) + " " + std::string(target) + ": " +
                           error.message());
}

std::string DescribeAnswer(const SetupAnswer& answer) {
    std::string text = std::to_string(answer.status);
    if (const auto* object = answer.body.if_object()) {
        for (const char* key : {"code", "detail"}) {
            if (const auto* value = object->if_contains(key); value && value->is_string()) {
                text += std::string(" ") + value->as_string().c_str();
            }
        }
    }
    return text;
}

}  // namespace tix::bench
