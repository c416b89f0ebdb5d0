// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/process.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>
#include <thread>

namespace civic::governance {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t k_error_limit = 64 * 1024;
// How long a program's output may stay open after it has exited: a process it started may
// hold it (Chromium's helpers), and is killed after this.
constexpr auto k_grace = std::chrono::seconds(2);

std::string errno_text(int e) { return std::system_category().message(e); }

// A pipe whose ends close on exec; the child's copies (dup2) stay open in the child only.
struct Pipe {
    int read = -1, write = -1;
    bool open() {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0) return false;
        read = fds[0];
        write = fds[1];
        return true;
    }
    void close_read() {
        if (read >= 0) ::close(read);
        read = -1;
    }
    void close_write() {
        if (write >= 0) ::close(write);
        write = -1;
    }
    ~Pipe() {
        close_read();
        close_write();
    }
};

// posix_spawn's attributes and file actions, released however the run ends.
struct SpawnSetup {
    posix_spawnattr_t attr;
    posix_spawn_file_actions_t actions;
    bool attr_ready = false, actions_ready = false;
    ~SpawnSetup() {
        if (attr_ready) posix_spawnattr_destroy(&attr);
        if (actions_ready) posix_spawn_file_actions_destroy(&actions);
    }
};

// Kills the program's whole process group: the program and anything it started that stayed
// in it. Safe after the program is reaped: Linux gives no new process an id still in use as a
// process group's.
void kill_group(pid_t pid) { ::kill(-pid, SIGKILL); }

// Reaps the program; true once it has exited (its status in status).
bool reaped(pid_t pid, int& status, bool wait) {
    for (;;) {
        const pid_t r = waitpid(pid, &status, wait ? 0 : WNOHANG);
        if (r == pid) return true;
        if (r == 0) return false;
        if (errno == EINTR) continue;
        // ECHILD: someone else reaped it (SIGCHLD ignored); count it as gone, status unknown.
        status = 0;
        return true;
    }
}

}  // namespace

std::expected<ProcessOutcome, ProcessFailure> run_process(const ProcessRun& run) {
    using Reason = ProcessFailure::Reason;
    const auto fail = [&](Reason reason, std::string detail) {
        return std::unexpected(ProcessFailure{reason, std::move(detail)});
    };
    Pipe out, err;
    if (!out.open() || !err.open())
        return fail(Reason::NotStarted, fmt::format("pipe: {}", errno_text(errno)));

    SpawnSetup setup;
    if (posix_spawnattr_init(&setup.attr) != 0)
        return fail(Reason::NotStarted, "posix_spawnattr_init failed");
    setup.attr_ready = true;
    if (posix_spawn_file_actions_init(&setup.actions) != 0)
        return fail(Reason::NotStarted, "posix_spawn_file_actions_init failed");
    setup.actions_ready = true;

    // Its own process group (so a timeout kills all it started), no signal blocked that the
    // server's threads block, and the usual dispositions whatever the server set.
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int s : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGQUIT}) sigaddset(&defaults, s);
    posix_spawnattr_setpgroup(&setup.attr, 0);
    posix_spawnattr_setsigmask(&setup.attr, &none);
    posix_spawnattr_setsigdefault(&setup.attr, &defaults);
    posix_spawnattr_setflags(
        &setup.attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    posix_spawn_file_actions_addopen(&setup.actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&setup.actions, out.write, 1);
    posix_spawn_file_actions_adddup2(&setup.actions, err.write, 2);
    if (!run.working_directory.empty())
        posix_spawn_file_actions_addchdir_np(&setup.actions, run.working_directory.c_str());

    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(run.program.c_str()));
    for (const auto& a : run.args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& e : run.environment) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);

    pid_t pid = -1;
    if (const int e = posix_spawn(&pid, run.program.c_str(), &setup.actions, &setup.attr,
                                  argv.data(), envp.data());
        e != 0)
        return fail(Reason::NotStarted, fmt::format("{}: {}", run.program, errno_text(e)));
    out.close_write();
    err.close_write();

    ProcessOutcome outcome;
    const auto deadline = Clock::now() + run.timeout;
    std::optional<Clock::time_point> exited_at;
    int status = 0;
    bool exited = false;
    char buffer[65536];
    while (out.read >= 0 || err.read >= 0) {
        const auto now = Clock::now();
        if (now >= deadline || (exited_at && now >= *exited_at + k_grace)) break;
        pollfd fds[2];
        nfds_t n = 0;
        if (out.read >= 0) fds[n++] = {out.read, POLLIN, 0};
        if (err.read >= 0) fds[n++] = {err.read, POLLIN, 0};
        // Short waits, so that a program that has exited is noticed while a process it left
        // behind still holds its output open.
        const int r = poll(fds, n, 100);
        if (r < 0 && errno != EINTR) break;
        for (nfds_t i = 0; r > 0 && i < n; ++i) {
            if (fds[i].revents == 0) continue;
            const bool is_out = fds[i].fd == out.read;
            const ssize_t got = ::read(fds[i].fd, buffer, sizeof buffer);
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0) {
                is_out ? out.close_read() : err.close_read();
                continue;
            }
            if (is_out) {
                if (outcome.output.size() + static_cast<std::size_t>(got) > run.output_limit) {
                    kill_group(pid);
                    reaped(pid, status, true);
                    return fail(Reason::TooMuchOutput, fmt::format("{} wrote more than {} bytes",
                                                                   run.program, run.output_limit));
                }
                outcome.output.append(buffer, static_cast<std::size_t>(got));
            } else if (outcome.errors.size() < k_error_limit) {
                outcome.errors.append(buffer, std::min(static_cast<std::size_t>(got),
                                                       k_error_limit - outcome.errors.size()));
            }
        }
        if (!exited && reaped(pid, status, false)) {
            exited = true;
            exited_at = Clock::now();
        }
    }
    // Its output is closed (or its time is up): wait for it to exit, until the deadline.
    while (!exited && Clock::now() < deadline) {
        if (reaped(pid, status, false)) {
            exited = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    // Whatever it left running goes with it; if it is still running, so does it.
    kill_group(pid);
    if (!exited) {
        reaped(pid, status, true);
        return fail(Reason::TimedOut, fmt::format("{} did not finish within {} s", run.program,
                                                  run.timeout.count() / 1000.0));
    }
    outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return outcome;
}

std::optional<std::string> find_program(const std::vector<std::string_view>& names) {
    const auto runnable = [](const std::filesystem::path& p) {
        struct stat st {};
        return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(p.c_str(), X_OK) == 0;
    };
    const char* path_env = std::getenv("PATH");
    const std::string_view path = path_env ? path_env : "/usr/local/bin:/usr/bin:/bin";
    for (const auto name : names) {
        if (name.find('/') != std::string_view::npos) {
            if (runnable(std::filesystem::path(name))) return std::string(name);
            continue;
        }
        std::size_t start = 0;
        while (start <= path.size()) {
            const auto end = std::min(path.find(':', start), path.size());
            const auto dir = path.substr(start, end - start);
            // An empty entry or a relative one would mean the server's working directory: never.
            if (!dir.empty() && dir.front() == '/') {
                const auto candidate = std::filesystem::path(dir) / name;
                if (runnable(candidate)) return candidate.string();
            }
            start = end + 1;
        }
    }
    return std::nullopt;
}

std::optional<TemporaryDirectory> TemporaryDirectory::create(std::string_view prefix) {
    std::error_code ec;
    auto base = std::filesystem::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string pattern = (base / (std::string(prefix) + "XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) return std::nullopt;
    return TemporaryDirectory(std::filesystem::path(pattern));
}

TemporaryDirectory::TemporaryDirectory(TemporaryDirectory&& other) noexcept
    : m_path(std::move(other.m_path)) {
    other.m_path.clear();
}

TemporaryDirectory::~TemporaryDirectory() {
    if (m_path.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

}  // namespace civic::governance
