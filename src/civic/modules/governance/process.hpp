// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Running another program (Chromium, qpdf, pandoc) from a request, safely: no shell, so no
// text is ever read as a command; its own process group, killed whole when it overruns its
// time; its standard input /dev/null and its output captured up to a limit; an environment
// the caller gives in full, so nothing of the server's (a database password) leaks to it; and
// a temporary directory for its files that is removed however the request ends.
//
// Nothing here is governance's: it is kept in its own file, with no tie to the module, so that
// it can move into core when another module needs it.

#include <chrono>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace civic::governance {

struct ProcessRun {
    std::string program;            // an absolute path (find_program() gives one)
    std::vector<std::string> args;  // after the program's name
    // The whole environment of the program, "NAME=value" each; nothing is inherited.
    std::vector<std::string> environment;
    std::filesystem::path working_directory;  // empty: the server's
    std::chrono::milliseconds timeout{60000};
    std::size_t output_limit = std::size_t{16} << 20;  // standard output's bytes, at most
};

struct ProcessOutcome {
    int exit_code = 0;   // -1 when a signal ended it
    std::string output;  // standard output
    std::string errors;  // standard error, its first 64 KiB
};

struct ProcessFailure {
    enum class Reason { NotStarted, TimedOut, TooMuchOutput };
    Reason reason = Reason::NotStarted;
    std::string detail;  // for the log: what failed, and how
};

// Runs a program to its end, or until its time is up (then it and every process it started
// are killed). A program that runs and exits with a failure is an outcome, not a failure:
// the caller reads exit_code.
std::expected<ProcessOutcome, ProcessFailure> run_process(const ProcessRun& run);

// The absolute path of the first of these names that is an executable file in a directory on
// PATH (a name holding a '/' is taken as a path); nullopt when none is.
std::optional<std::string> find_program(const std::vector<std::string_view>& names);

// A new directory under the system's temporary directory (TMPDIR), private to the server
// (mode 0700), removed with everything in it when this goes out of scope.
class TemporaryDirectory {
public:
    // nullopt when the directory cannot be made.
    static std::optional<TemporaryDirectory> create(std::string_view prefix);
    TemporaryDirectory(TemporaryDirectory&& other) noexcept;
    TemporaryDirectory& operator=(TemporaryDirectory&&) = delete;
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    ~TemporaryDirectory();

    const std::filesystem::path& path() const { return m_path; }

private:
    explicit TemporaryDirectory(std::filesystem::path path) : m_path(std::move(path)) {}
    std::filesystem::path m_path;
};

}  // namespace civic::governance
