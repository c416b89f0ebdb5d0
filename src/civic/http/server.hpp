// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The HTTP edge, on Boost.Beast and Asio with C++20 coroutines. The server owns sockets,
// limits and deadlines; the handler is a plain function from Request to Response.
// Beast and Asio headers stay in server.cpp and the two *_impl.cpp files.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "civic/http/request.hpp"

namespace civic::http {

struct ServerOptions {
    std::string bind = "127.0.0.1";
    unsigned short port = 8080;  // 0: any free port (see Server::listen)
    int threads = 2;
    std::size_t body_limit = 10 * 1024 * 1024;
    std::size_t header_limit = 16 * 1024;
    // To receive a request's headers: from the accept on a new connection, and from the
    // request's first byte on a kept-alive one.
    std::chrono::seconds header_timeout{10};
    std::chrono::seconds read_timeout{30};   // to receive its body
    std::chrono::seconds write_timeout{30};  // to send the response
    // A kept-alive connection waiting for the first byte of its next request.
    std::chrono::seconds idle_timeout{60};
    std::chrono::seconds shutdown_grace{10};  // for in-flight requests after SIGTERM or SIGINT
    bool access_log = true;
    // Behind a TLS-terminating proxy (nginx, a load balancer): believe its X-Forwarded-Proto
    // and X-Forwarded-For, so cookies are marked Secure and logs show the client's address.
    bool trust_proxy = false;
};

using RequestHandler = std::function<Response(Request&)>;

class Server {
public:
    Server(ServerOptions options, RequestHandler handler);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and listens; returns the port (the chosen one when options.port is 0).
    // Throws std::system_error when the address cannot be bound.
    unsigned short listen();
    // Serves until SIGTERM, SIGINT or stop(); then stops accepting, lets requests in flight
    // finish (up to shutdown_grace), closes idle connections and returns.
    void run();
    // Asks run() to stop, as a signal would. Safe from any thread.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace civic::http
