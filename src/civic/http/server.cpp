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
#include <optional>
#include <string_view>
#include <thread>

#include "civic/core/ids.hpp"
#include "civic/core/log.hpp"
#include "civic/core/utf8.hpp"
#include "civic/http/problem.hpp"

namespace civic::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);
// How much the session asks the socket for at a time while it waits for a request's head.
constexpr std::size_t k_read_size = 16 * 1024;

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

// Why a request could not be read, in words for the client: the one table from Beast's parser
// errors to the detail of the 400 answer. Errors not listed get k_unreadable.
struct Refusal {
    bhttp::error error;
    std::string_view detail;
};
constexpr Refusal k_refusals[] = {
    {bhttp::error::bad_method,
     "The request line does not start with a method such as GET or POST."},
    {bhttp::error::bad_target,
     "The request line holds a path with characters HTTP does not allow there: spaces and "
     "control characters must be percent-encoded."},
    {bhttp::error::bad_version,
     "The request line has no HTTP version, or one Civic does not speak: it must end with "
     "HTTP/1.1 or HTTP/1.0."},
    {bhttp::error::bad_line_ending, "Each line of the request must end with CR LF."},
    {bhttp::error::bad_field,
     "A header name is empty or holds characters HTTP does not allow in a name."},
    {bhttp::error::bad_value,
     "A header value holds characters HTTP does not allow there, such as a control character."},
    {bhttp::error::bad_obs_fold, "Header lines may not be folded: give each header on one line."},
    {bhttp::error::bad_content_length,
     "Content-Length must be a whole number of bytes, such as 42, given once."},
    {bhttp::error::multiple_content_length, "The request has two Content-Length headers."},
    {bhttp::error::bad_transfer_encoding,
     "Transfer-Encoding must be chunked, given once and without Content-Length."},
    {bhttp::error::bad_chunk,
     "The chunked body is malformed: each chunk must start with its size in hexadecimal on a "
     "line of its own, and the body must end with a chunk of size 0."},
    {bhttp::error::bad_chunk_extension,
     "The chunked body is malformed: an extension after a chunk size is not valid."},
    {bhttp::error::header_limit, "The request headers are too large."},
    {bhttp::error::partial_message, "The request ended before it was complete."},
};
constexpr std::string_view k_unreadable = "The request could not be read as HTTP.";
// Beast reports a NUL byte as a bad path, name or value; the raw head says what it was.
constexpr std::string_view k_nul_byte =
    "The request holds a NUL byte, which HTTP does not allow in the request line or a header.";

std::string_view refusal_for(beast::error_code ec) {
    for (const auto& r : k_refusals)
        if (ec == r.error) return r.detail;
    return k_unreadable;
}

// True for an error that means the request was broken, and so deserves an answer; false for
// a closed connection, a timeout or a shutdown, which end the connection without one.
bool is_broken_request(beast::error_code ec) {
    return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
           ec != bhttp::error::end_of_stream;
}

// Looks at the bytes of a request's head as they arrive, for what Beast's parser lets through
// or names only vaguely: a NUL byte and a request line with no version or with spaces in its
// path (all of which Beast calls a bad path, name or value), a line that ends with a bare LF,
// and a folded header line (obs-fold), which Beast quietly joins to the one before. RFC 9112
// lets a server refuse folding; Civic does, because a proxy in front may read it differently.
class HeadScanner {
public:
    // The fault in the next bytes received, if any. Bytes past the head's blank line belong
    // to the body and are not looked at.
    std::optional<std::string_view> look(std::string_view bytes) {
        for (const char c : bytes) {
            if (m_done) break;
            if (c == '\0') return k_nul_byte;
            if (c == '\n') {
                if (m_prev != '\r') return refusal_for(bhttp::error::bad_line_ending);
                // An empty line before the request line is left to Beast.
                if (m_line == 0 && m_length > 1) {
                    if (m_spaces < 2) return refusal_for(bhttp::error::bad_version);
                    if (m_spaces > 2) return refusal_for(bhttp::error::bad_target);
                }
                if (m_line > 0 && m_length == 1) m_done = true;  // the blank line: "\r\n"
                ++m_line;
                m_length = 0;
            } else {
                if (m_line > 0 && m_length == 0 && (c == ' ' || c == '\t'))
                    return refusal_for(bhttp::error::bad_obs_fold);
                if (m_line == 0 && c == ' ') ++m_spaces;
                ++m_length;
            }
            m_prev = c;
        }
        return std::nullopt;
    }

private:
    bool m_done = false;
    char m_prev = '\0';
    std::size_t m_line = 0;    // 0: the request line
    std::size_t m_length = 0;  // bytes of the current line so far, its CR included
    std::size_t m_spaces = 0;  // in the request line
};

// What Beast accepts but Civic refuses, because a proxy in front may frame the body
// differently (request smuggling): a repeated Content-Length, even with the same value, a
// list in one, and a Transfer-Encoding that does not end with chunked (RFC 9112 6.3).
beast::error_code framing_fault(const bhttp::request_parser<bhttp::string_body>& parser) {
    int lengths = 0;
    for (const auto& field : parser.get()) {
        if (field.name() == bhttp::field::content_length) {
            if (++lengths > 1) return bhttp::error::multiple_content_length;
            const std::string_view v = field.value();
            if (v.empty() || v.find_first_not_of("0123456789") != std::string_view::npos)
                return bhttp::error::bad_content_length;
        }
        if (field.name() == bhttp::field::transfer_encoding && !parser.chunked())
            return bhttp::error::bad_transfer_encoding;
    }
    return {};
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
            req.request_id, method_name(req.method), json_escape(shown_safely(req.path)), status,
            bytes, ms, req.remote);
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

    // What became of reading a request's head: Beast's error or the socket's, or the fault the
    // scanner found.
    struct HeadRead {
        beast::error_code ec;
        std::optional<std::string_view> fault;
    };

    // Reads a request's head into the parser, as bhttp::async_read_header does, but shows the
    // scanner each byte before Beast parses it. The deadline is the stream's.
    asio::awaitable<HeadRead> read_head(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                        bhttp::request_parser<bhttp::string_body>& parser) {
        HeadScanner scanner;
        std::size_t scanned = 0;  // bytes at the front of the buffer the scanner has seen
        for (;;) {
            const auto data = buffer.data();
            const std::string_view bytes(static_cast<const char*>(data.data()), data.size());
            if (auto fault = scanner.look(bytes.substr(scanned))) co_return HeadRead{{}, fault};
            if (!bytes.empty()) {
                beast::error_code ec;
                const std::size_t used = parser.put(data, ec);
                buffer.consume(used);
                scanned = bytes.size() - used;
                if (ec && ec != bhttp::error::need_more) co_return HeadRead{ec, {}};
                if (parser.is_header_done()) co_return HeadRead{};
                if (!ec && used > 0) continue;  // Beast parsed the request line: now the rest
            }
            auto [ec, n] =
                co_await stream.async_read_some(buffer.prepare(k_read_size), use_nothrow);
            buffer.commit(n);
            if (ec == asio::error::eof) {
                // As in Beast's own read: an unfinished request, or a connection closed between
                // requests.
                if (!parser.got_some()) co_return HeadRead{bhttp::error::end_of_stream, {}};
                beast::error_code eof;
                parser.put_eof(eof);
                co_return HeadRead{eof ? eof : bhttp::error::partial_message, {}};
            }
            if (ec) co_return HeadRead{ec, {}};
        }
    }

    // Answers a request that cannot be read 400, with a problem saying what was wrong, logs
    // it, and lets the client read the answer before the connection closes.
    asio::awaitable<void> refuse(beast::tcp_stream& stream,
                                 bhttp::request_parser<bhttp::string_body>& parser,
                                 const std::string& remote, std::string_view detail,
                                 std::chrono::steady_clock::time_point start) {
        const std::string request_id = request_id_for(parser.get());
        const unsigned version = parser.get().version() == 10 ? 10 : 11;
        const bool head = parser.get().method() == bhttp::verb::head;
        Request req = to_request(parser.release(), request_id, remote);
        auto res = problem_response(req, Error::bad_request(std::string(detail)));
        log_access(req, res.status, res.body.size(), start);
        co_await send(stream, std::move(res), version, false, head, request_id);
        co_await linger(stream);
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
            if (!first && buffer.size() == 0) {
                // A kept-alive connection may wait up to the idle limit for its next request
                // to begin...
                stream.expires_after(options.idle_timeout);
                auto [ec, n] =
                    co_await stream.async_read_some(buffer.prepare(k_read_size), use_nothrow);
                buffer.commit(n);
                if (ec) break;
            }
            first = false;
            // ...but from its first byte (or, on a new connection, from the accept) a request
            // has the header deadline to send its head, so a slow client cannot hold a
            // connection open.
            stream.expires_after(options.header_timeout);
            const auto start = std::chrono::steady_clock::now();
            auto [ec, fault] = co_await read_head(stream, buffer, parser);
            if (fault) {
                co_await refuse(stream, parser, remote, *fault, start);
                break;
            }
            if (ec == beast::error::timeout && parser.got_some())
                spdlog::info(R"({{"event":"header_timeout","remote":"{}"}})", remote);
            if (!ec) ec = framing_fault(parser);
            // Beast names Content-Length after Transfer-Encoding a bad length.
            if (ec == bhttp::error::bad_content_length && parser.chunked())
                ec = bhttp::error::bad_transfer_encoding;
            if (ec == bhttp::error::body_limit) {
                // Beast refuses a declared Content-Length over the limit while reading the headers.
                std::string request_id = request_id_for(parser.get());
                Request req = to_request(parser.release(), std::move(request_id), remote);
                auto res = problem_response(
                    req, Error{ErrorKind::PayloadTooLarge,
                               fmt::format("The request body is larger than the limit of {} bytes.",
                                           options.body_limit),
                               {}});
                log_access(req, res.status, res.body.size(), start);
                co_await send(stream, std::move(res), 11, false, false, req.request_id);
                co_await linger(stream);
                break;
            }
            if (ec) {
                if (is_broken_request(ec))
                    co_await refuse(stream, parser, remote, refusal_for(ec), start);
                break;
            }
            self->busy = true;
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
            std::tie(ec, std::ignore) =
                co_await bhttp::async_read(stream, buffer, parser, use_nothrow);
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
                } else if (is_broken_request(ec)) {
                    co_await refuse(stream, parser, remote, refusal_for(ec), start);
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
