// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// What every module's pages share: reading a posted form, sending a visitor to sign in,
// "saved" redirects with a success banner, a form shown again with its errors (422, or 409
// when someone else saved first), error pages that speak of addresses rather than ids,
// <select> options, dates as GOV.UK writes them, names in reading order, and lists that fill
// a page when the caller's scope leaves rows out.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "civic/core/error.hpp"
#include "civic/http/render.hpp"
#include "civic/http/request.hpp"
#include "civic/modules/kit/links.hpp"
#include "civic/modules/kit/page.hpp"

namespace civic::kit {

using Form = std::vector<std::pair<std::string, std::string>>;

// The first value of a field in a posted form; nullopt when the form does not have it.
std::optional<std::string> form_value(const Form& form, std::string_view name);
// The same, as an update's input takes it: "" when missing, so the field is cleared.
std::string form_text(const Form& form, std::string_view name);
// The version a form was read at (its hidden "version" field); 0 when missing or not a
// number, which the change steps answer as stale.
std::int64_t form_version(const Form& form);

// The sign-in page, coming back here afterwards.
http::Response sign_in_first(const http::Request& r);

// After a save: to the record's page, which shows the message once in a success banner.
http::Response saved(const http::Request& r, const std::string& href, std::string_view message);

// An error as a page. A 404 speaks of the address: pages never show ids.
http::Response error_page(const http::PageRenderer& pages, const http::Request& r, const Error& e);

// A form page: the template, the words around it and where it goes.
struct FormPage {
    std::string template_name;  // "plans/plan_form"
    std::string heading;        // "Add a plan", also the page title
    std::string action;         // where the form posts
    std::string button;         // "Add plan"
    std::string cancel_href;
};

// Shows a form: first time (error == nullptr, 200) or again with the errors of a refused
// save (422 with the GOV.UK error summary; 409 when the record changed since it was read).
http::Response show_form(const http::PageRenderer& pages, const http::Request& r,
                         const FormPage& form, boost::json::object view,
                         const Error* error = nullptr);

// <select> options from a fixed list: {value, label, selected}.
boost::json::array options(std::span<const std::string_view> values,
                           const std::function<std::string(std::string_view)>& label,
                           std::string_view selected);

// "2025-05-20" as GOV.UK writes dates: "20 May 2025"; a value that is not a date is shown
// as it is, and none as "".
std::string display_date(const std::optional<std::string>& iso);

// A status as a GOV.UK tag: {"text": "On track", "classes": "govuk-tag govuk-tag--green"}.
// One colour for each meaning, wherever a status shows: green for on track, approved,
// addressed, achieved or met; yellow for at risk or due soon; orange for behind, open, met late
// or due today; red for off track or overdue; blue for complete or reported; teal for in
// progress or running; grey for
// anything not being worked on (not started, deferred, cancelled, draft, superseded,
// archived, planned, closed) and for words it does not know.
boost::json::object status_tag(std::string_view status);

// A link's kind as a reader of one end says it: from the record the link starts at
// ("Depends on", "Answers") or from the one it points to ("Needed by", "Answered by").
std::string link_words(std::string_view kind, bool outgoing);

// A record's links as its page lists them: {words, label, href, note}, in the order given
// (the partial record_links draws them under "Links").
boost::json::array link_rows(const std::vector<ShownLink>& links);

// Alphabetical order as a reader expects it: capitals do not matter ("ICT" sits between
// "Housing" and "Legal"), and names equal but for capitals keep a fixed order.
bool name_less(std::string_view a, std::string_view b);

// Fills one page of a list from a service whose pages can hold fewer items than asked for
// (those the caller may not see are left out): asks again, a few times, from the cursor it
// was given. fetch(cursor, limit) returns the service's Result<Page<T>>.
template <typename T, typename Fetch>
Result<Page<T>> fill_page(int limit, std::optional<std::string> cursor, Fetch&& fetch) {
    Page<T> out;
    for (int attempt = 0; attempt < 10; ++attempt) {
        auto page = fetch(cursor, limit - static_cast<int>(out.items.size()));
        if (!page) return std::unexpected(page.error());
        for (auto& item : page->items) out.items.push_back(std::move(item));
        cursor = page->next_cursor;
        if (!cursor || static_cast<int>(out.items.size()) >= limit) break;
    }
    out.next_cursor = cursor;
    return out;
}

// The link to the next page of a search: the path, the search's fields that are set, and
// the cursor ("/people?name=ann&cursor=…").
std::string next_page_href(std::string_view path,
                           const std::vector<std::pair<std::string, std::string>>& fields,
                           const std::string& cursor);

}  // namespace civic::kit
