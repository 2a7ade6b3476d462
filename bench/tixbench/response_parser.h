// ResponseParser: a Beast HTTP/1.1 response parser that keeps only what the bench needs (the
// status, the body and Retry-After) and appends the body to a string the connection reuses, so
// reading an answer allocates nothing once the string has grown. Single use, like every Beast
// parser: the connection emplaces a fresh one (no heap) per response.
#pragma once

#include <boost/beast/http/basic_parser.hpp>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <string>

namespace tix::bench {

class ResponseParser final : public boost::beast::http::basic_parser<false> {
  public:
    static constexpr std::uint64_t kBodyBytesMax = 64 * 1024 * 1024;  // seat maps are large

    // REQUIRES: `body` outlives the parser.
    explicit ResponseParser(std::string& body) : body_(body) {
        body_.clear();
        body_limit(kBodyBytesMax);
    }

    unsigned status() const { return status_; }
    // Retry-After in whole seconds (tixd never sends the HTTP-date form); 0 if absent.
    std::chrono::seconds retry_after() const { return retry_after_; }

  private:
    using error_code = boost::beast::error_code;
    using string_view = boost::beast::string_view;

    void on_request_impl(boost::beast::http::verb, string_view, string_view, int,
                         error_code&) override {}
    void on_response_impl(int code, string_view, int, error_code&) override {
        status_ = static_cast<unsigned>(code);
    }
    void on_field_impl(boost::beast::http::field field, string_view, string_view value,
                       error_code&) override {
        if (field != boost::beast::http::field::retry_after) return;
        std::int64_t seconds = 0;
        const auto [end, error] =
            std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (error == std::errc() && end == value.data() + value.size() && seconds >= 0) {
            retry_after_ = std::chrono::seconds(seconds);
        }
    }
    void on_header_impl(error_code&) override {}
    void on_body_init_impl(const boost::optional<std::uint64_t>& length, error_code&) override {
        if (length) body_.reserve(static_cast<std::size_t>(*length));
    }
    std::size_t on_body_impl(string_view body, error_code&) override {
        body_.append(body.data(), body.size());
        return body.size();
    }
    void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
    std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code&) override {
        body_.append(body.data(), body.size());
        return body.size();
    }
    void on_finish_impl(error_code&) override {}

    std::string& body_;
    unsigned status_ = 0;
    std::chrono::seconds retry_after_{0};
};

}  // namespace tix::bench
