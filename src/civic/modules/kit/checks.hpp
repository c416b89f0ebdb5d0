// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Field checks every module's rules share: each check records a field error in plain words
// instead of failing at once, so one answer lists every field at fault. Text goes through
// the one text rule (core/utf8.hpp) whichever way it came in: JSON, a form, a CSV cell or the
// command line.

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/date.hpp"
#include "civic/core/error.hpp"
#include "civic/core/ids.hpp"
#include "civic/core/text.hpp"
#include "civic/core/utf8.hpp"
#include "civic/core/working_hours.hpp"

namespace civic::kit {

enum class Required { No, Yes };

// Whether a field of a create or an update must be filled in: always on a create; on an
// update only when it is sent, so a field can be changed but never blanked.
inline Required required_when(bool creating, const std::optional<std::string>& sent) {
    return creating || sent ? Required::Yes : Required::No;
}

class Checks {
public:
    void fail(std::string field, std::string message) {
        m_errors.push_back({std::move(field), std::move(message)});
    }
    bool failed(std::string_view field) const {
        return std::any_of(m_errors.begin(), m_errors.end(),
                           [&](const FieldError& e) { return e.field == field; });
    }
    bool any() const { return !m_errors.empty(); }

    // A text field: when required, present and not blank; never longer than max_len bytes;
    // and text Civic can store (UTF-8, no control characters, one line unless Lines::Many).
    void text(std::string_view field, std::string_view label, const std::optional<std::string>& v,
              Required required, std::size_t max_len, Lines lines = Lines::One);
    // A list of text items, each checked as one line of at most max_len.
    void text_list(std::string_view field, std::string_view label,
                   const std::optional<std::vector<std::string>>& v, std::size_t max_items,
                   std::size_t max_len);
    // A value from a fixed list, matched without regard to case. Returns the list's own
    // spelling, or nullopt when absent or not in the list (then a field error is recorded).
    std::optional<std::string> choice(std::string_view field, std::string_view label,
                                      const std::optional<std::string>& v,
                                      std::span<const std::string_view> allowed, Required required);

    Result<void> result() const {
        if (m_errors.empty()) return ok();
        return std::unexpected(Error::validation(m_errors));
    }
    const std::vector<FieldError>& errors() const { return m_errors; }

    static std::string capitalise(std::string_view s);

private:
    std::vector<FieldError> m_errors;
};

inline std::string trimmed(const std::optional<std::string>& v) {
    return v ? std::string(trim(*v)) : std::string();
}

// An id field must look like an id before it is looked up.
inline bool bad_id(const std::optional<std::string>& v) { return v && !v->empty() && !is_id(*v); }

// The 409 for a record someone else changed first.
inline Error stale(std::string_view what, std::int64_t current) {
    return Error::conflict(
        fmt::format("Someone else changed this {} since you opened it (it is now at version {}). "
                    "Reload it and make your change again.",
                    what, current));
}

inline std::string now_text(const Context& ctx) { return format_timestamp(ctx.now); }

// Today in the council's terms, from the context's clock.
Date today(const Context& ctx);
// The date and time of day in the UK now.
WallTime now_in_uk(const Context& ctx);

// A date field: YYYY-MM-DD, or blank for none. Records a field error otherwise. Returns the
// value to store (nullopt inside for blank) when the field was sent and is good.
std::optional<std::optional<std::string>> date_field(Checks& checks, std::string_view field,
                                                     std::string_view label,
                                                     const std::optional<std::string>& v);

// A whole number from lo to hi, when sent.
void number_field(Checks& checks, std::string_view field, std::string_view label,
                  const std::optional<std::int64_t>& v, std::int64_t lo, std::int64_t hi);

}  // namespace civic::kit
