// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/kit/pages.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "civic/core/date.hpp"
#include "civic/core/recurrence.hpp"
#include "civic/core/text.hpp"
#include "civic/http/problem.hpp"

namespace civic::kit {
namespace json = boost::json;

std::optional<std::string> form_value(const Form& form, std::string_view name) {
    for (const auto& [k, v] : form)
        if (k == name) return v;
    return std::nullopt;
}

std::string form_text(const Form& form, std::string_view name) {
    return form_value(form, name).value_or("");
}

std::int64_t form_version(const Form& form) {
    const std::string v = form_text(form, "version");
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    return ec == std::errc{} && p == v.data() + v.size() ? n : 0;
}

http::Response sign_in_first(const http::Request& r) {
    return http::Response::redirect("/sign-in?return_to=" + http::url_encode(r.target));
}

http::Response saved(const http::Request& r, const std::string& href, std::string_view message) {
    auto res = http::Response::redirect(href);
    http::set_flash(res, r, message);
    return res;
}

http::Response error_page(const http::PageRenderer& pages, const http::Request& r, const Error& e) {
    if (e.kind == ErrorKind::NotFound)
        return pages.error_page(
            r, Error::not_found("There is nothing at this address. The link may be wrong, or the "
                                "page may be one you cannot see."));
    return pages.error_page(r, e);
}

http::Response show_form(const http::PageRenderer& pages, const http::Request& r,
                         const FormPage& form, json::object view, const Error* error) {
    view["action"] = form.action;
    view["heading"] = form.heading;
    view["button"] = form.button;
    view["cancel_href"] = form.cancel_href;
    if (!error) return pages.page(r, form.template_name, form.heading, std::move(view));
    http::add_form_errors(view, *error);
    return pages.page(r, form.template_name, "Error: " + form.heading, std::move(view),
                      error->kind == ErrorKind::Conflict ? 409 : 422);
}

json::array options(std::span<const std::string_view> values,
                    const std::function<std::string(std::string_view)>& label,
                    std::string_view selected) {
    json::array out;
    for (auto v : values)
        out.push_back(json::object{{"value", v}, {"label", label(v)}, {"selected", v == selected}});
    return out;
}

std::string display_date(const std::optional<std::string>& iso) {
    if (!iso) return "";
    const auto d = uk_date_of(*iso);
    return d ? format_day_month_year(*d) : *iso;
}

json::object status_tag(std::string_view status) {
    static constexpr std::pair<std::string_view, std::string_view> k_colours[] = {
        {"on track", "green"},   {"approved", "green"}, {"addressed", "green"},
        {"achieved", "green"},   {"at risk", "yellow"}, {"due soon", "yellow"},
        {"behind", "orange"},    {"open", "orange"},    {"off track", "red"},
        {"overdue", "red"},      {"complete", ""},      {"reported", ""},
        {"in progress", "teal"}, {"met", "green"},      {"met late", "orange"},
        {"due today", "orange"}, {"running", "teal"}};
    std::string classes = "govuk-tag govuk-tag--grey";
    for (const auto& [word, colour] : k_colours)
        if (equal_ignoring_case(word, status))
            classes = colour.empty() ? "govuk-tag" : "govuk-tag govuk-tag--" + std::string(colour);
    std::string text(status);
    if (!text.empty())
        text.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(text.front())));
    return json::object{{"text", text}, {"classes", classes}};
}

json::array link_rows(const std::vector<ShownLink>& links) {
    json::array rows;
    for (const auto& l : links)
        rows.push_back(json::object{{"words", link_words(l.link.kind, l.outgoing)},
                                    {"label", l.other.label},
                                    {"href", l.other.href},
                                    {"note", l.link.note}});
    return rows;
}

std::string link_words(std::string_view kind, bool outgoing) {
    struct Words {
        std::string_view kind, from, to;
    };
    static constexpr Words k_words[] = {{"depends_on", "Depends on", "Needed by"},
                                        {"contributes_to", "Contributes to", "Helped by"},
                                        {"constrained_by", "Constrained by", "Constrains"},
                                        {"answers", "Answers", "Answered by"},
                                        {"measured_by", "Measured by", "Measures"},
                                        {"mitigates", "Mitigates", "Mitigated by"},
                                        {"relates_to", "Related to", "Related to"}};
    for (const auto& w : k_words)
        if (w.kind == kind) return std::string(outgoing ? w.from : w.to);
    return std::string(kind);
}

bool name_less(std::string_view a, std::string_view b) {
    const auto lower = [](char ch) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    };
    const auto n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const char x = lower(a[i]), y = lower(b[i]);
        if (x != y) return x < y;
    }
    if (a.size() != b.size()) return a.size() < b.size();
    return a < b;
}

std::string next_page_href(std::string_view path,
                           const std::vector<std::pair<std::string, std::string>>& fields,
                           const std::string& cursor) {
    std::string href(path);
    href += "?";
    for (const auto& [name, value] : fields)
        if (!value.empty()) href += name + "=" + http::url_encode(value) + "&";
    return href + "cursor=" + http::url_encode(cursor);
}

}  // namespace civic::kit
