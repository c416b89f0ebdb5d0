// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/log.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace civic {
namespace {

thread_local std::string t_request_id = "-";

class RequestIdFlag final : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg&, const std::tm&,
                spdlog::memory_buf_t& dest) override {
        dest.append(t_request_id.data(), t_request_id.data() + t_request_id.size());
    }
    std::unique_ptr<custom_flag_formatter> clone() const override {
        return std::make_unique<RequestIdFlag>();
    }
};

}  // namespace

void init_logging(std::string_view level) {
    // Logs go to standard error, so standard output stays for what a command prints.
    auto logger = spdlog::stderr_color_mt("civic");
    auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    formatter->add_flag<RequestIdFlag>('*').set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l [%*] %v");
    logger->set_formatter(std::move(formatter));
    logger->set_level(spdlog::level::from_str(std::string(level)));
    spdlog::set_default_logger(logger);
    spdlog::flush_on(spdlog::level::info);
}

void set_log_request_id(std::string_view id) { t_request_id.assign(id.empty() ? "-" : id); }
std::string_view log_request_id() { return t_request_id; }

ScopedLogRequestId::ScopedLogRequestId(std::string_view id) : m_previous(t_request_id) {
    set_log_request_id(id);
}
ScopedLogRequestId::~ScopedLogRequestId() { t_request_id = m_previous; }

}  // namespace civic
