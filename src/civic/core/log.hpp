// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Logging with the request id on every line: the HTTP layer sets the id for the thread that
// serves a request, and the log pattern's %* prints it.

#include <string>
#include <string_view>

namespace civic {

// Sets up spdlog: the pattern with the request id, and the level.
void init_logging(std::string_view level = "info");

// The request id printed on log lines written by this thread ("-" when none).
void set_log_request_id(std::string_view id);
std::string_view log_request_id();

// Sets the request id for a scope and restores the previous one after.
class ScopedLogRequestId {
public:
    explicit ScopedLogRequestId(std::string_view id);
    ~ScopedLogRequestId();
    ScopedLogRequestId(const ScopedLogRequestId&) = delete;
    ScopedLogRequestId& operator=(const ScopedLogRequestId&) = delete;

private:
    std::string m_previous;
};

}  // namespace civic
