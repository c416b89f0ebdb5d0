// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/kit/checks.hpp"

#include "civic/core/clock.hpp"
#include "civic/core/recurrence.hpp"

namespace civic::kit {

std::string Checks::capitalise(std::string_view s) {
    std::string out(s);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
    return out;
}

void Checks::text(std::string_view field, std::string_view label,
                  const std::optional<std::string>& v, Required required, std::size_t max_len,
                  Lines lines) {
    if (!v) {
        if (required == Required::Yes) fail(std::string(field), fmt::format("Enter {}", label));
        return;
    }
    if (const auto fault = text_fault(*v, lines); fault != TextFault::None) {
        fail(std::string(field), fmt::format("{} {}", capitalise(label), describe(fault)));
        return;
    }
    const auto t = trim(*v);
    if (required == Required::Yes && t.empty()) {
        fail(std::string(field), fmt::format("Enter {}", label));
    } else if (t.size() > max_len) {
        fail(std::string(field),
             fmt::format("{} must be {} characters or fewer", capitalise(label), max_len));
    }
}

void Checks::text_list(std::string_view field, std::string_view label,
                       const std::optional<std::vector<std::string>>& v, std::size_t max_items,
                       std::size_t max_len) {
    if (!v) return;
    if (v->size() > max_items) {
        fail(std::string(field),
             fmt::format("{} can have at most {} items", capitalise(label), max_items));
        return;
    }
    for (const auto& item : *v) {
        if (const auto fault = text_fault(item, Lines::One); fault != TextFault::None) {
            fail(std::string(field), fmt::format("Each item of {} {}", label, describe(fault)));
            return;
        }
        if (trim(item).empty() || item.size() > max_len) {
            fail(std::string(field), fmt::format("Each item of {} must be between 1 and {} "
                                                 "characters",
                                                 label, max_len));
            return;
        }
    }
}

std::optional<std::string> Checks::choice(std::string_view field, std::string_view label,
                                          const std::optional<std::string>& v,
                                          std::span<const std::string_view> allowed,
                                          Required required) {
    const std::string_view given = v ? trim(*v) : std::string_view();
    if (given.empty()) {
        if (required == Required::Yes || v)
            fail(std::string(field), fmt::format("Choose {}", label));
        return std::nullopt;
    }
    for (auto a : allowed)
        if (equal_ignoring_case(a, given)) return std::string(a);
    fail(std::string(field),
         fmt::format("{} must be {}", capitalise(label), list_in_words(allowed)));
    return std::nullopt;
}

Date today(const Context& ctx) { return uk_date(ctx.now); }

WallTime now_in_uk(const Context& ctx) { return uk_wall_time(ctx.now); }

std::optional<std::optional<std::string>> date_field(Checks& checks, std::string_view field,
                                                     std::string_view label,
                                                     const std::optional<std::string>& v) {
    if (!v) return std::nullopt;
    const std::string text(trim(*v));
    if (text.empty()) return std::optional<std::string>();
    if (!parse_iso_date(text)) {
        checks.fail(std::string(field),
                    fmt::format("{} must be a real date written as YYYY-MM-DD, for example "
                                "2026-03-31",
                                label));
        return std::nullopt;
    }
    return std::optional<std::string>(text);
}

void number_field(Checks& checks, std::string_view field, std::string_view label,
                  const std::optional<std::int64_t>& v, std::int64_t lo, std::int64_t hi) {
    if (v && (*v < lo || *v > hi))
        checks.fail(std::string(field),
                    fmt::format("{} must be a whole number from {} to {}", label, lo, hi));
}

}  // namespace civic::kit
