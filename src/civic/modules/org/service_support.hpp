#pragma once
// Helpers shared by the org service's translation units: scope checks, validation of common
// fields, and paging. Internal to the org module.

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/modules/org/model.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/modules/org/service.hpp"
#include "civic/store/audit.hpp"

namespace civic::org::detail {

enum class Access { Read, Write };

// True when one of the caller's grants covers a unit path ("" covers only council-wide
// grants). Viewers read; editors and administrators read and write.
inline bool covers(const Principal& p, std::string_view path, Access access) {
    for (const auto& g : p.grants) {
        if (access == Access::Write && g.role == Role::Viewer) continue;
        if (g.role == Role::Administrator || !g.unit_id) return true;
        if (!path.empty() && path.find("/" + *g.unit_id + "/") != std::string_view::npos)
            return true;
    }
    return false;
}

inline Result<void> require_signed_in(const Context& ctx) {
    if (!ctx.principal.signed_in()) return std::unexpected(Error::unauthorized());
    return ok();
}

// Collects field errors, then answers all of them at once.
class Checks {
public:
    void fail(std::string field, std::string message) {
        m_errors.push_back({std::move(field), std::move(message)});
    }
    bool failed(std::string_view field) const {
        return std::any_of(m_errors.begin(), m_errors.end(),
                           [&](const FieldError& e) { return e.field == field; });
    }
    // A required text field: present (on create) and not blank, and not too long.
    void text(std::string_view field, std::string_view label, const std::optional<std::string>& v,
              bool required, std::size_t max_len) {
        if (!v) {
            if (required) fail(std::string(field), fmt::format("Enter {}", label));
            return;
        }
        const auto t = trim(*v);
        if (required && t.empty()) {
            fail(std::string(field), fmt::format("Enter {}", label));
        } else if (t.size() > max_len) {
            fail(std::string(field),
                 fmt::format("{} must be {} characters or fewer", capitalise(label), max_len));
        }
    }
    // A value from a fixed list.
    template <std::size_t N>
    void one_of(std::string_view field, std::string_view label,
                const std::optional<std::string>& v, const std::string_view (&allowed)[N],
                bool required) {
        if (!v || v->empty()) {
            if (required || v) fail(std::string(field), fmt::format("Choose {}", label));
            return;
        }
        if (std::find(std::begin(allowed), std::end(allowed), *v) != std::end(allowed)) return;
        std::string list;
        for (std::size_t i = 0; i < N; ++i) {
            if (i) list += i + 1 == N ? " or " : ", ";
            list += allowed[i];
        }
        fail(std::string(field), fmt::format("{} must be {}", capitalise(label), list));
    }
    Result<void> result() const {
        if (m_errors.empty()) return ok();
        return std::unexpected(Error::validation(m_errors));
    }
    static std::string capitalise(std::string_view s) {
        std::string out(s);
        if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
        return out;
    }

private:
    std::vector<FieldError> m_errors;
};

inline std::string trimmed(const std::optional<std::string>& v) {
    return v ? std::string(trim(*v)) : std::string();
}

// An id field must look like an id before it is looked up.
inline bool bad_id(const std::optional<std::string>& v) { return v && !v->empty() && !is_id(*v); }

// Runs a list query that the caller's scope filters row by row: asks for limit + 1 rows,
// keeps the visible ones among the first `limit`, and sets the cursor from the rows scanned.
template <typename T, typename Fetch, typename Visible>
Page<T> filtered_page(int limit, Fetch&& fetch, Visible&& visible) {
    auto rows = fetch(limit + 1);
    Page<T> page;
    const bool more = static_cast<int>(rows.size()) > limit;
    if (more) {
        rows.resize(static_cast<std::size_t>(limit));
        if (!rows.empty()) page.next_cursor = rows.back().id;
    }
    for (auto& r : rows)
        if (visible(r)) page.items.push_back(std::move(r));
    return page;
}

inline Error stale(std::string_view what, std::int64_t current) {
    return Error::conflict(fmt::format(
        "Someone else changed this {} since you opened it (it is now at version {}). "
        "Reload it and make your change again.",
        what, current));
}

inline std::string now_text(const Context& ctx) { return format_timestamp(ctx.now); }

}  // namespace civic::org::detail
