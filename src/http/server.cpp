#include "http/server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <vector>

#include "http/session.h"

namespace tix::http {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

// After a failed accept (e.g. out of file descriptors) wait before trying again, so the
// accept loop does not spin.
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};

}  // namespace

struct HttpServer::Listener : std::enable_shared_from_this<HttpServer::Listener> {
    Listener(std::vector<asio::io_context*> io_contexts, bool one_thread_each,
             tcp::endpoint listen_endpoint, std::shared_ptr<ServerShared> server_shared)
        : contexts(std::move(io_contexts)),
          one_thread_per_context(one_thread_each),
          endpoint(listen_endpoint),
          shared(std::move(server_shared)),
          acceptor(asio::make_strand(*contexts.front())),
          retry_timer(acceptor.get_executor()) {}

    void Accept() {
        asio::io_context& io = *contexts[next_context];
        next_context = (next_context + 1) % contexts.size();
        auto on_accept = [self = shared_from_this()](error_code ec, tcp::socket socket) {
            self->OnAccept(ec, std::move(socket));
        };
        // A context run by one thread already serializes its sessions; a strand (a mutex and
        // a type-erased hop per handler, ~4% of CPU under load) is needed only when several
        // threads share one context.
        if (one_thread_per_context) {
            acceptor.async_accept(io.get_executor(), std::move(on_accept));
        } else {
            acceptor.async_accept(asio::make_strand(io), std::move(on_accept));
        }
    }

    void OnAccept(error_code ec, tcp::socket socket) {
        if (shared->stopped.load() || ec == asio::error::operation_aborted) return;
        if (ec) {
            spdlog::warn("http: accept failed: {}; retrying", ec.message());
            retry_timer.expires_after(kAcceptRetryDelay);
            retry_timer.async_wait([self = shared_from_this()](error_code timer_ec) {
                if (!timer_ec && !self->shared->stopped.load()) self->Accept();
            });
            return;
        }
        Admit(std::move(socket));
        Accept();
    }

    // Registers a session for the socket: 503 when over the limit, dropped when far over.
    void Admit(tcp::socket socket) {
        std::shared_ptr<Session> session;
        {
            std::lock_guard lock(shared->mutex);
            const std::size_t open = shared->sessions.size();
            const std::size_t limit = shared->limits.connections_max;
            if (open >= limit && !overload_logged) {
                spdlog::warn("http: {} connections open, answering 503 to new ones", open);
            }
            overload_logged = open >= limit;
            if (open >= limit + kRejectingConnectionsMax) return;  // closes the socket
            session = std::make_shared<Session>(std::move(socket), shared, open >= limit);
            shared->sessions.emplace(session.get(), session);
        }
        session->Start();
    }

    const std::vector<asio::io_context*> contexts;
    const bool one_thread_per_context;
    std::size_t next_context = 0;  // on the acceptor's strand only
    const tcp::endpoint endpoint;
    const std::shared_ptr<ServerShared> shared;
    tcp::acceptor acceptor;  // used on its strand only, once started
    asio::steady_timer retry_timer;
    bool overload_logged = false;  // guarded by shared->mutex
};

HttpServer::HttpServer(asio::io_context& io, tcp::endpoint endpoint,
                       std::shared_ptr<const Router> router, ServerLimits limits)
    : HttpServer(std::vector<asio::io_context*>{&io}, false, endpoint, std::move(router), limits) {}

HttpServer::HttpServer(std::vector<asio::io_context*> contexts, tcp::endpoint endpoint,
                       std::shared_ptr<const Router> router, ServerLimits limits)
    : HttpServer(std::move(contexts), true, endpoint, std::move(router), limits) {}

HttpServer::HttpServer(std::vector<asio::io_context*> contexts, bool one_thread_per_context,
                       tcp::endpoint endpoint, std::shared_ptr<const Router> router,
                       ServerLimits limits) {
    auto shared = std::make_shared<ServerShared>();
    shared->router = std::move(router);
    shared->limits = limits;
    listener_ = std::make_shared<Listener>(std::move(contexts), one_thread_per_context, endpoint,
                                           std::move(shared));
}

HttpServer::~HttpServer() { Stop(); }

Result<std::uint16_t> HttpServer::Start() {
    tcp::acceptor& acceptor = listener_->acceptor;
    const auto failed = [this](std::string_view step, const error_code& ec) {
        const auto& endpoint = listener_->endpoint;
        return Status::IoError(std::string(step) + " " + endpoint.address().to_string() + ":" +
                               std::to_string(endpoint.port()) + ": " + ec.message());
    };
    error_code ec;
    acceptor.open(listener_->endpoint.protocol(), ec);
    if (ec) return failed("open", ec);
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (ec) return failed("set SO_REUSEADDR on", ec);
    acceptor.bind(listener_->endpoint, ec);
    if (ec) return failed("bind", ec);
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return failed("listen on", ec);
    const std::uint16_t port = acceptor.local_endpoint(ec).port();
    if (ec) return failed("local endpoint of", ec);
    asio::dispatch(acceptor.get_executor(), [listener = listener_] { listener->Accept(); });
    return port;
}

void HttpServer::Stop() {
    ServerShared& shared = *listener_->shared;
    if (shared.stopped.exchange(true)) return;
    asio::post(listener_->acceptor.get_executor(), [listener = listener_] {
        error_code ignored;
        listener->acceptor.close(ignored);
        listener->retry_timer.cancel();
    });
    std::vector<std::shared_ptr<Connection>> open;
    {
        std::lock_guard lock(shared.mutex);
        for (const auto& [key, weak] : shared.sessions) {
            if (auto connection = weak.lock()) open.push_back(std::move(connection));
        }
    }
    for (const auto& connection : open) connection->Close();
}

std::size_t HttpServer::connection_count() const {
    std::lock_guard lock(listener_->shared->mutex);
    return listener_->shared->sessions.size();
}

}  // namespace tix::http
