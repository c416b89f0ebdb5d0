// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/http/server.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <list>
#include <mutex>
#include <thread>

#include "civic/core/ids.hpp"
#include "civic/core/log.hpp"
#include "civic/http/problem.hpp"

namespace civic::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);

namespace {

// An incoming X-Request-Id is kept when it is short and plain, so a request can be followed
// through a load balancer; otherwise Civic makes one.
std::string request_id_for(const bhttp::request_header<>& h) {
    const auto it = h.find("x-request-id");
    if (it != h.end()) {
        const std::string_view v = it->value();
        const bool plain = !v.empty() && v.size() <= 64 &&
                           v.find_first_not_of(
                               "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "0123456789-_.") == std::string_view::npos;
        if (plain) return std::string(v);
    }
    return random_token(9);
}

Request to_request(bhttp::request<bhttp::string_body>&& in, std::string request_id,
                   std::string remote) {
    Request r;
    r.method = parse_method(std::string_view(in.method_string()));
    r.target = std::string(in.target());
    const std::string_view target = r.target;
    const auto q = target.find('?');
    r.path = percent_decode(target.substr(0, q), false);
    if (q != std::string_view::npos) r.query = parse_form(target.substr(q + 1));
    for (const auto& field : in) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers.push_back({std::move(name), std::string(field.value())});
    }
    r.body = std::move(in.body());
    r.request_id = std::move(request_id);
    r.remote = std::move(remote);
    return r;
}

// Takes the scheme and client address a trusted proxy reports.
void apply_forwarded(Request& r) {
    if (auto proto = r.header("x-forwarded-proto")) r.secure = *proto == "https";
    if (auto fwd = r.header("x-forwarded-for")) {
        std::string_view first = fwd->substr(0, fwd->find(','));
        while (!first.empty() && first.front() == ' ') first.remove_prefix(1);
        while (!first.empty() && first.back() == ' ') first.remove_suffix(1);
        if (!first.empty()) r.remote = std::string(first);
    }
}

}  // namespace

// Paths come from the client: escape them so each access log line stays one valid JSON object.
static std::string json_escape(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else if (c < 0x20) {
            out += fmt::format("\\u{:04x}", c);
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    return out;
}

struct Server::Impl {
    ServerOptions options;
    RequestHandler handler;
    asio::io_context ioc;
    tcp::acceptor acceptor{ioc};
    asio::signal_set signals{ioc, SIGINT, SIGTERM};
    std::atomic<bool> stopping{false};

    // Live connections, so that shutdown can close the idle ones.
    // busy and closed are only touched on the connection's strand.
    struct Connection {
        beast::tcp_stream* stream = nullptr;
        asio::strand<asio::io_context::executor_type> strand;
        bool busy = false;
        bool closed = false;
    };
    std::mutex connections_mutex;
    std::list<std::shared_ptr<Connection>> connections;

    Impl(ServerOptions o, RequestHandler h) : options(std::move(o)), handler(std::move(h)) {}

    void log_access(const Request& req, int status, std::size_t bytes,
                    std::chrono::steady_clock::time_point start) {
        if (!options.access_log) return;
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        spdlog::info(
            R"({{"event":"access","request_id":"{}","method":"{}","path":"{}","status":{},"bytes":{},"ms":{:.3f},"remote":"{}"}})",
            req.request_id, method_name(req.method), json_escape(req.path), status, bytes, ms,
            req.remote);
    }

    // Turns a Response into Beast's and sends it.
    template <typename Stream>
    asio::awaitable<beast::error_code> send(Stream& stream, Response&& res, unsigned version,
                                            bool keep_alive, bool head,
                                            std::string_view request_id) {
        bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
        out.set(bhttp::field::server, "Civic");
        for (const auto& h : res.headers) out.insert(h.name, h.value);
        out.set("x-request-id", request_id);
        out.keep_alive(keep_alive);
        const std::size_t size = res.body.size();
        if (head) {
            out.content_length(size);
        } else {
            out.body() = std::move(res.body);
            out.prepare_payload();
        }
        beast::get_lowest_layer(stream).expires_after(options.write_timeout);
        auto [ec, n] = co_await bhttp::async_write(stream, out, use_nothrow);
        co_return ec;
    }

    // After refusing a request whose body is still arriving, read and drop what the client
    // keeps sending for a short while before closing: closing with unread data makes the
    // kernel reset the connection, and the client would lose the answer.
    asio::awaitable<void> linger(beast::tcp_stream& stream) {
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        std::array<char, 64 * 1024> sink{};
        std::size_t total = 0;
        const std::size_t cap = options.body_limit * 2 + 1024 * 1024;
        stream.expires_after(std::chrono::seconds(2));
        while (total < cap) {
            auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), use_nothrow);
            if (ec) break;
            total += n;
        }
    }

    asio::awaitable<void> session(tcp::socket socket,
                                  asio::strand<asio::io_context::executor_type> strand) {
        beast::tcp_stream stream(std::move(socket));
        std::string remote;
        {
            beast::error_code ec;
            const auto ep = stream.socket().remote_endpoint(ec);
            if (!ec) remote = ep.address().to_string();
        }
        auto self = std::make_shared<Connection>(Connection{&stream, strand, false, false});
        std::list<std::shared_ptr<Connection>>::iterator entry;
        {
            std::scoped_lock lock(connections_mutex);
            entry = connections.insert(connections.end(), self);
        }
        beast::flat_buffer buffer;
        bool first = true;
        while (!stopping) {
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
            parser.body_limit(options.body_limit);
            stream.expires_after(first ? options.header_timeout : options.idle_timeout);
            first = false;
            auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, use_nothrow);
            if (ec == bhttp::error::body_limit) {
                // Beast refuses a declared Content-Length over the limit while reading the headers.
                Request req = to_request(parser.release(), random_token(9), remote);
                auto res = problem_response(
                    req, Error{ErrorKind::PayloadTooLarge,
                               fmt::format("The request body is larger than the limit of {} bytes.",
                                           options.body_limit),
                               {}});
                log_access(req, res.status, res.body.size(), std::chrono::steady_clock::now());
                co_await send(stream, std::move(res), 11, false, false, req.request_id);
                co_await linger(stream);
                break;
            }
            if (ec) {
                if (ec == bhttp::error::header_limit) {
                    Request req;
                    req.request_id = random_token(9);
                    co_await send(stream,
                                  problem_response(req, Error::bad_request(
                                                            "The request headers are too large.")),
                                  11, false, false, req.request_id);
                }
                break;
            }
            self->busy = true;
            const auto start = std::chrono::steady_clock::now();
            const std::string request_id = request_id_for(parser.get());
            const unsigned version = parser.get().version();
            const bool head = parser.get().method() == bhttp::verb::head;

            // Refuse an oversized body before reading it.
            const auto length = parser.content_length();
            if (length && *length > options.body_limit) {
                Request req = to_request(parser.release(), request_id, remote);
                auto res = problem_response(
                    req, Error{ErrorKind::PayloadTooLarge,
                               fmt::format("The request body is larger than the limit of {} bytes.",
                                           options.body_limit),
                               {}});
                log_access(req, res.status, res.body.size(), start);
                co_await send(stream, std::move(res), version, false, head, request_id);
                co_await linger(stream);
                break;
            }
            stream.expires_after(options.read_timeout);
            std::tie(ec, n) = co_await bhttp::async_read(stream, buffer, parser, use_nothrow);
            if (ec) {
                if (ec == bhttp::error::body_limit) {
                    Request req = to_request(parser.release(), request_id, remote);
                    auto res = problem_response(
                        req,
                        Error{ErrorKind::PayloadTooLarge,
                              fmt::format("The request body is larger than the limit of {} bytes.",
                                          options.body_limit),
                              {}});
                    log_access(req, res.status, res.body.size(), start);
                    co_await send(stream, std::move(res), version, false, head, request_id);
                    co_await linger(stream);
                } else if (ec != beast::error::timeout && ec != bhttp::error::end_of_stream) {
                    Request req;
                    req.request_id = request_id;
                    co_await send(
                        stream,
                        problem_response(
                            req, Error::bad_request("The request could not be read as HTTP.")),
                        version, false, false, request_id);
                }
                break;
            }
            const bool keep_alive = parser.get().keep_alive();
            Request req = to_request(parser.release(), request_id, remote);
            if (options.trust_proxy) apply_forwarded(req);
            Response res;
            {
                // The handler runs on this thread without suspending, so its log lines carry the
                // id.
                ScopedLogRequestId log_id(request_id);
                res = handler(req);
            }
            const int status = res.status;
            const std::size_t bytes = res.body.size();
            const bool keep = keep_alive && !stopping;
            const auto wec = co_await send(stream, std::move(res), version, keep, head, request_id);
            log_access(req, status, bytes, start);
            self->busy = false;
            if (wec || !keep) break;
        }
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream.close();
        self->closed = true;
        std::scoped_lock lock(connections_mutex);
        connections.erase(entry);
    }

    asio::awaitable<void> accept_loop() {
        while (!stopping) {
            auto strand = asio::make_strand(ioc);
            auto [ec, socket] = co_await acceptor.async_accept(strand, use_nothrow);
            if (ec) {
                if (stopping || ec == asio::error::operation_aborted) break;
                spdlog::warn("accept failed: {}", ec.message());
                continue;
            }
            asio::co_spawn(strand, session(std::move(socket), strand), asio::detached);
        }
    }

    asio::awaitable<void> drain() {
        // Close idle connections now; busy ones close after their response. Wait for them.
        asio::steady_timer timer(ioc);
        const auto deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
        while (true) {
            std::size_t open = 0;
            {
                std::scoped_lock lock(connections_mutex);
                for (const auto& c : connections) {
                    ++open;
                    asio::post(c->strand, [c] {
                        if (!c->closed && !c->busy) c->stream->cancel();
                    });
                }
            }
            if (open == 0 || std::chrono::steady_clock::now() >= deadline) break;
            timer.expires_after(std::chrono::milliseconds(20));
            co_await timer.async_wait(use_nothrow);
        }
        ioc.stop();
    }

    void begin_stop() {
        if (stopping.exchange(true)) return;
        spdlog::info("stopping: no new connections; finishing requests in flight");
        beast::error_code ignored;
        acceptor.close(ignored);
        signals.cancel(ignored);
        asio::co_spawn(ioc, drain(), asio::detached);
    }
};

Server::Server(ServerOptions options, RequestHandler handler)
    : m_impl(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() = default;

unsigned short Server::listen() {
    auto& a = m_impl->acceptor;
    const tcp::endpoint ep(asio::ip::make_address(m_impl->options.bind), m_impl->options.port);
    a.open(ep.protocol());
    a.set_option(asio::socket_base::reuse_address(true));
    a.bind(ep);
    a.listen(asio::socket_base::max_listen_connections);
    return a.local_endpoint().port();
}

void Server::run() {
    auto& impl = *m_impl;
    impl.signals.async_wait([&impl](const boost::system::error_code& ec, int sig) {
        if (ec) return;
        spdlog::info("received signal {}", sig);
        impl.begin_stop();
    });
    asio::co_spawn(impl.ioc, impl.accept_loop(), asio::detached);
    std::vector<std::thread> threads;
    for (int i = 1; i < impl.options.threads; ++i)
        threads.emplace_back([&impl] { impl.ioc.run(); });
    impl.ioc.run();
    for (auto& t : threads) t.join();
}

void Server::stop() {
    asio::post(m_impl->ioc, [impl = m_impl.get()] { impl->begin_stop(); });
}

}  // namespace civic::http
