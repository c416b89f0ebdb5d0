// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// What every module's demo loader shares: reading its JSON description and saying, when the
// demo's own data is refused, that the fault is in this build (a 500), not in anything a
// person did, naming the record and every field at fault.

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "civic/core/context.hpp"
#include "civic/core/date.hpp"
#include "civic/core/error.hpp"
#include "civic/store/database.hpp"

namespace civic::kit {

// A text field of a demo file's object; nullopt when absent or not text.
inline std::optional<std::string> demo_text(const boost::json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_string()) return std::nullopt;
    return std::string(v->as_string());
}

// A whole-number field of a demo file's object; nullopt when absent or not a whole number.
inline std::optional<std::int64_t> demo_integer(const boost::json::object& o,
                                                std::string_view key) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_int64()) return std::nullopt;
    return v->as_int64();
}

// A list field of a demo file's object; an empty list when absent or not a list.
inline const boost::json::array& demo_list(const boost::json::object& o, std::string_view key) {
    static const boost::json::array none;
    const auto* v = o.if_contains(key);
    return v && v->is_array() ? v->as_array() : none;
}

// "The demo council's unit "ict" was refused: … [name: …]". whose: "demo council's".
inline Error demo_error(std::string_view whose, std::string_view what, std::string_view key,
                        const Error& e) {
    std::string detail =
        fmt::format("The {} {} \"{}\" was refused: {}", whose, what, key, e.detail);
    for (const auto& fe : e.errors) detail += fmt::format(" [{}: {}]", fe.field, fe.message);
    return Error::internal(detail);
}

// The one connection of a write, as a store::Database: reads and writes run on it, each write
// in a savepoint, rolled back when the write returns an error or throws, as a write of its own
// would be. So a service's public functions, each of which opens its own write, can run inside
// one transaction: a module's demo is loaded whole or not at all, keeping every rule.
class WithinTransaction final : public store::Database {
public:
    explicit WithinTransaction(store::Connection& c) : m_c(c) {}
    store::Dialect dialect() const override { return m_c.dialect(); }
    void close() override {}

protected:
    void run_read(const std::function<void(store::Connection&)>& fn) override { fn(m_c); }
    void run_write(const std::function<bool(store::Connection&)>& fn) override {
        m_c.execute("SAVEPOINT demo");
        bool keep = false;
        try {
            keep = fn(m_c);
        } catch (...) {
            m_c.execute("ROLLBACK TO SAVEPOINT demo");
            m_c.execute("RELEASE SAVEPOINT demo");
            throw;
        }
        if (!keep) m_c.execute("ROLLBACK TO SAVEPOINT demo");
        m_c.execute("RELEASE SAVEPOINT demo");
    }

private:
    store::Connection& m_c;
};

// The clock for what a demo does on a day, at an hour (UTC; the hours used fall on the same
// day in London), but never later than now: what is done today is done by now.
inline Context demo_clock(const Context& ctx, Date day, int hour) {
    Context c = ctx;
    c.now = std::min<TimePoint>(ctx.now, std::chrono::sys_days(day) + std::chrono::hours(hour));
    return c;
}

}  // namespace civic::kit
