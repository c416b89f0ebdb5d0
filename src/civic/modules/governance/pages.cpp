// SPDX-License-Identifier: AGPL-3.0-or-later
// The governance pages: the words and pieces every page shares, the bodies (by kind, and one
// body with its terms of reference, members, schedule, meetings, actions and work programme),
// the home page's panel, and the one list of routes. A meeting and the calendar are in
// pages_meeting.cpp, the clerk's forms in pages_forms.cpp, and the action log, the decisions
// register and the forward plan in pages_registers.cpp.

#include "civic/modules/governance/pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <memory>
#include <set>
#include <span>

#include "civic/core/markdown.hpp"
#include "civic/core/text.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/governance/pages_support.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/org/choices.hpp"

namespace civic::governance {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace pages_detail {

namespace {

using Words = std::pair<std::string_view, std::string_view>;

std::string word_or(std::span<const Words> table, std::string_view key) {
    for (const auto& [k, v] : table)
        if (k == key) return std::string(v);
    std::string out(key);
    std::replace(out.begin(), out.end(), '_', ' ');
    return capitalised(out);
}

std::string_view ordinal_word(int n) {
    static constexpr std::string_view k_words[] = {"first", "second", "third", "fourth", "fifth"};
    if (n >= 1 && n <= 5) return k_words[n - 1];
    if (n == -1) return "last";
    if (n == -2) return "second to last";
    return "";
}

std::string ordinal_number(int n) {
    const int tens = n % 100;
    std::string_view suffix = "th";
    if (tens < 11 || tens > 13) {
        if (n % 10 == 1) suffix = "st";
        if (n % 10 == 2) suffix = "nd";
        if (n % 10 == 3) suffix = "rd";
    }
    return fmt::format("{}{}", n, suffix);
}

std::string_view day_name(std::string_view code) {
    static constexpr Words k_days[] = {{"MO", "Monday"},   {"TU", "Tuesday"}, {"WE", "Wednesday"},
                                       {"TH", "Thursday"}, {"FR", "Friday"},  {"SA", "Saturday"},
                                       {"SU", "Sunday"}};
    for (const auto& [k, v] : k_days)
        if (k == code) return v;
    return {};
}

// "a, b and c".
std::string listed(const std::vector<std::string>& parts) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i)
        out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
    return out;
}

std::vector<std::string> split(std::string_view text, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find(sep, start);
        out.emplace_back(
            text.substr(start, end == std::string_view::npos ? text.size() - start : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

std::optional<int> whole(std::string_view s) {
    int n = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return n;
}

// The days of a BYDAY list in words: "Tuesday", "the first Tuesday", "Monday and Thursday".
std::optional<std::string> byday_words(std::string_view byday) {
    std::vector<std::string> parts;
    for (const auto& d : split(byday, ',')) {
        if (d.size() < 2) return std::nullopt;
        const auto name = day_name(std::string_view(d).substr(d.size() - 2));
        if (name.empty()) return std::nullopt;
        const std::string_view prefix = std::string_view(d).substr(0, d.size() - 2);
        if (prefix.empty()) {
            parts.emplace_back(name);
            continue;
        }
        const auto n = whole(prefix.starts_with('+') ? prefix.substr(1) : prefix);
        if (!n || ordinal_word(*n).empty()) return std::nullopt;
        parts.push_back(fmt::format("the {} {}", ordinal_word(*n), name));
    }
    return listed(parts);
}

}  // namespace

std::string body_href(const std::string& id) { return "/bodies/" + id; }
std::string meeting_href(const std::string& id) { return "/meetings/" + id; }
std::string item_href(const std::string& meeting_id, std::int64_t number) {
    return fmt::format("/meetings/{}#item-{}", meeting_id, number);
}
std::string decision_href(const std::string& id) { return "/decisions/" + id; }
std::string action_href(const std::string& id) { return "/actions/" + id; }
std::string entry_href(const std::string& id) { return "/forward-plan/" + id; }
std::string person_href(const std::string& id) { return "/people/" + id; }
std::string body_calendar_href(const std::string& id) {
    return "/api/v1/bodies/" + id + "/calendar.ics";
}

std::string capitalised(std::string_view s) {
    std::string out(s);
    if (!out.empty())
        out.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(out.front())));
    return out;
}

std::string body_kind_words(std::string_view kind) {
    static constexpr Words k_words[] = {
        {"council", "Full council"},  {"cabinet", "Cabinet"},
        {"committee", "Committee"},   {"scrutiny", "Scrutiny panel"},
        {"audit", "Audit committee"}, {"officer_group", "Officer group"}};
    return word_or(k_words, kind);
}

std::string body_kind_plural(std::string_view kind) {
    static constexpr Words k_words[] = {
        {"council", "Full council"},   {"cabinet", "Cabinet"},
        {"committee", "Committees"},   {"scrutiny", "Scrutiny panels"},
        {"audit", "Audit committees"}, {"officer_group", "Officer groups"}};
    return word_or(k_words, kind);
}

std::string role_words(std::string_view role) {
    static constexpr Words k_words[] = {{"chair", "Chair"},
                                        {"vice-chair", "Vice-chair"},
                                        {"member", "Member"},
                                        {"substitute", "Substitute"},
                                        {"co-opted", "Co-opted member"},
                                        {"officer", "Officer in attendance"}};
    return word_or(k_words, role);
}

std::string capacity_words(std::string_view capacity) {
    static constexpr Words k_words[] = {{"member", "Member"},
                                        {"substitute", "Substitute"},
                                        {"officer", "Officer"},
                                        {"guest", "Guest"}};
    return word_or(k_words, capacity);
}

std::string attendance_words(std::string_view status) {
    static constexpr Words k_words[] = {
        {"present", "Present"}, {"apologies", "Sent apologies"}, {"absent", "Absent"}};
    return word_or(k_words, status);
}

std::string call_in_words(std::string_view status) {
    static constexpr Words k_words[] = {{"called_in", "Called in"},
                                        {"upheld", "Upheld after call-in"},
                                        {"referred_back", "Referred back after call-in"},
                                        {"", "Not called in"}};
    return word_or(k_words, status);
}

std::string exception_words(std::string_view exception) {
    static constexpr Words k_words[] = {{"general_exception", "General exception"},
                                        {"special_urgency", "Special urgency"},
                                        {"", "None"}};
    return word_or(k_words, exception);
}

std::string deadline_state_words(std::string_view state) {
    static constexpr Words k_words[] = {{"met", "Met"},          {"late", "Late"},
                                        {"due", "Due"},          {"overdue", "Overdue"},
                                        {"open", "Window open"}, {"closed", "Window closed"}};
    return word_or(k_words, state);
}

std::string topic_status_words(std::string_view status) {
    static constexpr Words k_words[] = {{"in_progress", "In progress"}};
    return word_or(k_words, status);
}

std::string entry_status_words(std::string_view status) {
    static constexpr Words k_words[] = {{"planned", "Planned"},
                                        {"taken", "Decision taken"},
                                        {"deferred", "Deferred"},
                                        {"withdrawn", "Withdrawn"}};
    return word_or(k_words, status);
}

json::object meeting_status_tag(std::string_view status) {
    static constexpr Words k_colours[] = {{"scheduled", "govuk-tag govuk-tag--blue"},
                                          {"held", "govuk-tag govuk-tag--green"},
                                          {"cancelled", "govuk-tag govuk-tag--red"},
                                          {"rescheduled", "govuk-tag govuk-tag--yellow"},
                                          {"adjourned", "govuk-tag govuk-tag--orange"}};
    std::string classes = "govuk-tag govuk-tag--grey";
    for (const auto& [k, v] : k_colours)
        if (k == status) classes = std::string(v);
    return json::object{{"text", capitalised(status)}, {"classes", classes}};
}

json::object deadline_tag(std::string_view state) {
    static constexpr Words k_colours[] = {
        {"met", "govuk-tag govuk-tag--green"},   {"late", "govuk-tag govuk-tag--red"},
        {"due", "govuk-tag govuk-tag--yellow"},  {"overdue", "govuk-tag govuk-tag--red"},
        {"open", "govuk-tag govuk-tag--orange"}, {"closed", "govuk-tag govuk-tag--grey"}};
    std::string classes = "govuk-tag govuk-tag--grey";
    for (const auto& [k, v] : k_colours)
        if (k == state) classes = std::string(v);
    return json::object{{"text", deadline_state_words(state)}, {"classes", classes}};
}

json::object action_tag(const ActionView& a) {
    if (a.overdue) return kit::status_tag("overdue");
    return kit::status_tag(a.action.status);
}

std::string schedule_words(const Body& b) {
    if (!b.schedule_rrule) return "";
    std::map<std::string, std::string> parts;
    for (const auto& part : split(*b.schedule_rrule, ';')) {
        const auto eq = part.find('=');
        if (eq == std::string::npos) continue;
        parts[part.substr(0, eq)] = part.substr(eq + 1);
    }
    const std::string freq = parts["FREQ"];
    const int interval = whole(parts.contains("INTERVAL") ? parts["INTERVAL"] : "1").value_or(1);
    std::optional<std::string> words;
    static const std::set<std::string> k_read = {"FREQ",    "INTERVAL", "BYDAY", "BYMONTHDAY",
                                                 "BYMONTH", "WKST",     "UNTIL", "COUNT"};
    const bool plain = std::all_of(parts.begin(), parts.end(),
                                   [](const auto& p) { return k_read.contains(p.first); });
    const auto first =
        b.schedule_first_date ? parse_iso_date(*b.schedule_first_date) : std::optional<Date>();
    if (plain && freq == "WEEKLY") {
        std::optional<std::string> days =
            parts.contains("BYDAY") ? byday_words(parts["BYDAY"])
            : first                 ? std::optional<std::string>(weekday_name(weekday_of(*first)))
                                    : std::nullopt;
        if (days && days->find("the ") == std::string::npos)
            words = interval == 1   ? "Every " + *days
                    : interval == 2 ? "Every other " + *days
                                    : fmt::format("Every {} weeks on {}", interval, *days);
    } else if (plain && freq == "MONTHLY") {
        std::optional<std::string> when;
        if (parts.contains("BYDAY")) {
            when = byday_words(parts["BYDAY"]);
        } else if (parts.contains("BYMONTHDAY")) {
            if (auto n = whole(parts["BYMONTHDAY"]); n && *n > 0)
                when = "the " + ordinal_number(*n);
            else if (n && *n == -1)
                when = "the last day";
        } else if (first) {
            when = "the " + ordinal_number(static_cast<int>(unsigned(first->day())));
        }
        if (when)
            words = interval == 1 ? fmt::format("On {} of each month", *when)
                                  : fmt::format("On {} of every {} month", *when,
                                                ordinal_word(interval).empty()
                                                    ? ordinal_number(interval)
                                                    : std::string(ordinal_word(interval)));
    } else if (plain && freq == "DAILY" && !parts.contains("BYDAY")) {
        words = interval == 1 ? std::string("Every day") : fmt::format("Every {} days", interval);
    } else if (plain && freq == "YEARLY" && first && !parts.contains("BYDAY")) {
        words = fmt::format("Once a year, on {} {}", unsigned(first->day()),
                            month_name(unsigned(first->month())));
    }
    if (!words) return "By the rule " + *b.schedule_rrule;
    if (parts.contains("BYMONTH")) {
        std::set<unsigned> months;
        for (const auto& m : split(parts["BYMONTH"], ','))
            if (auto n = whole(m); n && *n >= 1 && *n <= 12) months.insert(unsigned(*n));
        std::vector<std::string> names;
        if (months.size() >= 9) {
            for (unsigned m = 1; m <= 12; ++m)
                if (!months.contains(m)) names.emplace_back(month_name(m));
            if (!names.empty()) *words += ", except in " + listed(names);
        } else {
            for (auto m : months) names.emplace_back(month_name(m));
            *words += ", in " + listed(names);
        }
    }
    if (b.schedule_time) *words += ", at " + *b.schedule_time;
    if (first) *words += ", from " + format_day_month_year(*first);
    if (parts.contains("UNTIL") && parts["UNTIL"].size() >= 8) {
        const std::string u = parts["UNTIL"];
        if (auto d = parse_iso_date(u.substr(0, 4) + "-" + u.substr(4, 2) + "-" + u.substr(6, 2)))
            *words += " until " + format_day_month_year(*d);
    }
    if (parts.contains("COUNT")) *words += fmt::format(" ({} meetings in all)", parts["COUNT"]);
    return *words;
}

std::string time_span(const Meeting& m) {
    if (m.start_time.size() != 5) return m.start_time;
    const int start = std::stoi(m.start_time.substr(0, 2)) * 60 + std::stoi(m.start_time.substr(3));
    const int end = start + static_cast<int>(m.duration_minutes);
    if (end >= 24 * 60) return "From " + m.start_time;
    return fmt::format("{} to {:02}:{:02}", m.start_time, end / 60, end % 60);
}

std::string long_date(const std::string& iso) {
    const auto d = parse_iso_date(iso);
    return d ? format_long_date(*d) : iso;
}

std::string short_date(const std::optional<std::string>& iso) {
    if (!iso) return "";
    return kit::display_date(iso);
}

json::object deadline_view(const Deadline& d) {
    json::array lines;
    for (const auto& l : d.lines) lines.push_back(json::value(l));
    json::object o{{"name", d.name},
                   {"label", d.label},
                   {"source", d.source},
                   {"due", long_date(d.due)},
                   {"done", d.done_on ? long_date(*d.done_on) : std::string()},
                   {"tag", deadline_tag(d.state)},
                   {"exception", d.exception},
                   {"then", d.then ? long_date(*d.then) : std::string()},
                   {"lines", std::move(lines)}};
    return o;
}

std::string markdown(std::string_view text, int top_heading) {
    return markdown_to_html(text, top_heading);
}

void add_errors(json::object& view, const Error& error, std::string_view prefix) {
    http::add_form_errors(view, error);
    if (prefix.empty()) return;
    if (auto* list = view.if_contains("errors"); list && list->is_array())
        for (auto& e : list->as_array()) {
            auto& o = e.as_object();
            const std::string href(o["href"].as_string());
            if (href.starts_with("#") && href != "#main-content")
                o["href"] = "#" + std::string(prefix) + href.substr(1);
        }
}

std::optional<std::int64_t> form_integer(const kit::Form& form, std::string_view name,
                                         std::string_view label, std::vector<FieldError>& errors) {
    const std::string text(trim(kit::form_text(form, name)));
    if (text.empty()) return std::nullopt;
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc{} && p == text.data() + text.size()) return n;
    errors.push_back({std::string(name), fmt::format("{} must be a whole number, like 90", label)});
    return std::nullopt;
}

Response refused_page(const http::PageRenderer& pages, const Request& r, std::string_view tmpl,
                      std::string_view title, json::object view, const Error& error) {
    http::add_form_errors(view, error);
    return pages.page(r, tmpl, "Error: " + std::string(title), std::move(view),
                      http::status_for(error.kind));
}

std::vector<std::string> form_values(const kit::Form& form, std::string_view name) {
    std::vector<std::string> out;
    for (const auto& [k, v] : form)
        if (k == name && !trim(v).empty()) out.emplace_back(trim(v));
    return out;
}

Date Pages::today(const Context& c) const { return kit::today(c); }

Choices Pages::people_choices(const Context& c) const { return org::people_choices(org, c); }

Choices Pages::body_choices(const Context& c, bool editable) const {
    Choices out;
    if (auto found = service.list_bodies(c, BodyQuery{})) {
        for (const auto& b : *found)
            if (!editable || service.can_edit(c, b.body.unit_path))
                out.emplace_back(b.body.id, b.name);
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return kit::name_less(a.second, b.second); });
    return out;
}

Result<std::vector<MeetingView>> Pages::all_meetings(const Context& c, MeetingQuery q,
                                                     std::size_t at_most) const {
    std::vector<MeetingView> out;
    q.limit = 100;
    while (out.size() < at_most) {
        auto page = service.list_meetings(c, q);
        if (!page) return std::unexpected(page.error());
        for (auto& m : page->items) out.push_back(std::move(m));
        if (!page->next_cursor) break;
        q.cursor = page->next_cursor;
    }
    if (out.size() > at_most) out.resize(at_most);
    return out;
}

json::object Pages::meeting_row(const MeetingView& v) const {
    const Meeting& m = v.meeting;
    return json::object{{"href", meeting_href(m.id)},
                        {"date", long_date(m.date)},
                        {"short_date", short_date(m.date)},
                        {"time", time_span(m)},
                        {"start", m.start_time},
                        {"body", v.body_name},
                        {"body_href", body_href(m.body_id)},
                        {"title", m.title},
                        {"own_title", m.title != v.body_name},
                        {"label", fmt::format("{}, {}", m.title, long_date(m.date))},
                        {"status", meeting_status_tag(m.status)},
                        {"not_scheduled", m.status != "scheduled"},
                        {"venue", m.venue},
                        {"published", v.published},
                        {"status_reason", m.status_reason}};
}

json::object Pages::action_row(const ActionView& a) const {
    const Action& x = a.action;
    return json::object{
        {"href", action_href(x.id)},
        {"text", x.text},
        {"owner", a.owner},
        {"owner_href", x.owner_person_id ? person_href(*x.owner_person_id) : std::string()},
        {"due", short_date(x.due_date)},
        {"tag", action_tag(a)},
        {"body", a.body_name},
        {"body_href", body_href(x.body_id)},
        {"meeting_href", meeting_href(x.meeting_id)},
        {"meeting_date", short_date(a.meeting_date)},
        {"carried", a.carried},
        {"closed_on", short_date(x.closed_on)},
        {"closed_note", x.closed_note}};
}

json::object Pages::decision_row(const DecisionView& d) const {
    const Decision& x = d.decision;
    json::object row{
        {"href", decision_href(x.id)},
        {"title", x.title},
        {"date", short_date(x.decided_on)},
        {"body", d.body_name},
        {"body_href", body_href(x.body_id)},
        {"maker", x.decision_maker},
        {"body_differs", x.decision_maker != d.body_name},
        {"key", x.key_decision},
        {"exempt", x.exempt_paragraph.has_value()},
        {"call_in", x.call_in_status.empty()
                        ? json::value(nullptr)
                        : json::value(kit::status_tag(call_in_words(x.call_in_status)))}};
    if (d.call_in) row["window"] = deadline_view(*d.call_in);
    return row;
}

// ---- Bodies ----

Response Pages::bodies(Request& r) const {
    const Context c = ctx(r);
    auto found = service.list_bodies(c, BodyQuery{});
    if (!found) return kit::error_page(pages, r, found.error());
    // Each body's next meeting: the meetings of the next 400 days, the first of each.
    std::map<std::string, const MeetingView*> next;
    MeetingQuery q;
    q.from = format_iso_date(today(c));
    q.to = format_iso_date(add_days(today(c), 400));
    auto coming = all_meetings(c, q, 2000);
    if (coming)
        for (const auto& m : *coming)
            if (m.meeting.status != "cancelled") next.emplace(m.meeting.body_id, &m);
    json::array groups;
    for (auto kind : k_body_kinds) {
        std::vector<const BodyView*> of_kind;
        for (const auto& b : *found)
            if (b.body.kind == kind && !b.body.archived_at) of_kind.push_back(&b);
        if (of_kind.empty()) continue;
        std::sort(of_kind.begin(), of_kind.end(),
                  [](const auto* a, const auto* b) { return kit::name_less(a->name, b->name); });
        json::array rows;
        for (const auto* b : of_kind) {
            json::object row{{"href", body_href(b->body.id)},
                             {"name", b->name},
                             {"private", b->body.access == "private"},
                             {"schedule", schedule_words(b->body)},
                             {"members", b->members.size()}};
            if (auto it = next.find(b->body.id); it != next.end())
                row["next"] = meeting_row(*it->second);
            rows.push_back(std::move(row));
        }
        groups.push_back(json::object{{"id", std::string("kind-") + std::string(kind)},
                                      {"heading", body_kind_plural(kind)},
                                      {"rows", std::move(rows)}});
    }
    json::object view{{"groups", std::move(groups)}, {"has_bodies", !found->empty()}};
    return pages.page(r, "governance/bodies", "Committees and bodies", std::move(view));
}

Response Pages::body(Request& r) const {
    const Context c = ctx(r);
    auto found = service.get_body(c, std::string(r.param("id")));
    if (!found) return kit::error_page(pages, r, found.error());
    const BodyView& b = *found;
    const Body& x = b.body;
    const bool can_edit = service.can_edit(c, x.unit_path) && !x.archived_at;
    json::object view;
    json::object about{
        {"name", b.name},
        {"description", b.description},
        {"kind", body_kind_words(x.kind)},
        {"access", x.access == "public" ? "Public: anyone may attend and read its papers"
                                        : "Private: its papers are for its members and officers"},
        {"executive", x.executive},
        {"quorum", x.quorum ? fmt::format("{} member{}", *x.quorum, *x.quorum == 1 ? "" : "s")
                            : std::string("Not set")},
        {"schedule", schedule_words(x)},
        {"duration", fmt::format("{} minutes", x.duration_minutes)},
        {"venue", x.venue},
        {"online_url", x.online_url},
        {"archived", x.archived_at.has_value()},
        {"unit_href", "/units/" + x.id},
        {"calendar_href", body_calendar_href(x.id)},
        {"terms_html", markdown(x.terms_of_reference, 3)}};
    if (b.parent_id) {
        if (auto parent = org.get_unit(c, *b.parent_id)) {
            about["parent"] = parent->name;
            about["parent_href"] =
                parent->kind == "body" ? body_href(parent->id) : "/units/" + parent->id;
        }
    }
    view["body"] = std::move(about);

    // Members, chair first, then by role and name.
    std::vector<MemberView> members = b.members;
    const auto rank = [](std::string_view role) {
        for (std::size_t i = 0; i < std::size(k_member_roles); ++i)
            if (k_member_roles[i] == role) return i;
        return std::size(k_member_roles);
    };
    std::stable_sort(members.begin(), members.end(), [&](const auto& a, const auto& m) {
        if (rank(a.role) != rank(m.role)) return rank(a.role) < rank(m.role);
        return kit::name_less(a.name, m.name);
    });
    json::array member_rows;
    for (const auto& m : members)
        member_rows.push_back(
            json::object{{"name", m.name},
                         {"href", person_href(m.person_id)},
                         {"role", m.role_text.empty() ? role_words(m.role) : m.role_text},
                         {"kind", capitalised(m.person_kind)},
                         {"since", short_date(m.start_date)},
                         {"until", short_date(m.end_date)}});
    view["has_members"] = !member_rows.empty();
    view["members"] = std::move(member_rows);

    // Its meetings: the next ten, and the last ten held.
    const Date now = today(c);
    MeetingQuery upcoming;
    upcoming.body_id = x.id;
    upcoming.from = format_iso_date(now);
    auto coming = all_meetings(c, upcoming, 10);
    if (!coming) return kit::error_page(pages, r, coming.error());
    json::array coming_rows;
    for (const auto& m : *coming) coming_rows.push_back(meeting_row(m));
    view["has_upcoming"] = !coming_rows.empty();
    view["upcoming"] = std::move(coming_rows);
    MeetingQuery before;
    before.body_id = x.id;
    before.from = format_iso_date(add_days(now, -2 * 366));
    before.to = format_iso_date(add_days(now, -1));
    auto past = all_meetings(c, before, 1000);
    if (!past) return kit::error_page(pages, r, past.error());
    json::array past_rows;
    for (auto it = past->rbegin(); it != past->rend() && past_rows.size() < 10; ++it)
        past_rows.push_back(meeting_row(*it));
    view["has_past"] = !past_rows.empty();
    view["past"] = std::move(past_rows);
    view["calendar_month_href"] = "/meetings?body_id=" + x.id;

    // Its open actions, overdue first.
    ActionQuery aq;
    aq.body_id = x.id;
    aq.status = "open";
    if (auto acts = service.list_actions(c, aq)) {
        std::stable_sort(acts->begin(), acts->end(),
                         [](const auto& a, const auto& m) { return a.overdue && !m.overdue; });
        json::array rows;
        std::size_t overdue = 0;
        for (const auto& a : *acts) {
            overdue += a.overdue ? 1 : 0;
            rows.push_back(action_row(a));
        }
        view["has_actions"] = !rows.empty();
        view["actions"] = std::move(rows);
        if (overdue) view["overdue_text"] = fmt::format("{} overdue.", overdue);
        view["actions_href"] = "/actions?body_id=" + x.id;
    }

    // A scrutiny panel's work programme.
    if (x.kind == "scrutiny") {
        view["scrutiny"] = true;
        if (auto topics = service.list_topics(c, x.id)) {
            json::array rows;
            for (const auto& t : *topics) {
                json::array meetings;
                for (const auto& m : t.meetings)
                    meetings.push_back(
                        json::object{{"href", meeting_href(m.id)}, {"date", short_date(m.date)}});
                std::vector<std::string> leads = t.lead_member_names;
                rows.push_back(
                    json::object{{"title", t.topic.title},
                                 {"description", t.topic.description},
                                 {"leads", listed(leads)},
                                 {"status", kit::status_tag(topic_status_words(t.topic.status))},
                                 {"meetings", std::move(meetings)}});
            }
            view["has_topics"] = !rows.empty();
            view["topics"] = std::move(rows);
        }
    }

    view["can_edit"] = can_edit;
    view["new_meeting_href"] = "/meetings/new?body_id=" + x.id;
    view["generate_href"] = body_href(x.id) + "/generate";
    view["has_schedule"] = x.schedule_rrule.has_value();
    return pages.page(r, "governance/body", b.name, std::move(view));
}

// ---- The home page's panel ----

void add_home_panel(http::PageRenderer& pages, GovernanceService& service, const Clock& clock) {
    pages.add_home_panel([&service, &clock](const Request& r) -> std::optional<std::string> {
        if (!r.principal.signed_in() || !r.principal.person_id) return std::nullopt;
        const Context c = http::context_for(r, clock);
        const Date now = kit::today(c);
        MeetingQuery q;
        q.person_id = r.principal.person_id;
        q.from = format_iso_date(now);
        q.to = format_iso_date(add_days(now, 60));
        q.limit = 5;
        json::array meetings;
        if (auto found = service.list_meetings(c, q))
            for (const auto& v : found->items) {
                const Meeting& m = v.meeting;
                meetings.push_back(json::object{{"href", meeting_href(m.id)},
                                                {"date", long_date(m.date)},
                                                {"time", m.start_time},
                                                {"body", v.body_name},
                                                {"status", meeting_status_tag(m.status)},
                                                {"not_scheduled", m.status != "scheduled"}});
            }
        json::array overdue;
        if (auto mine = service.my_actions(c))
            for (const auto& a : *mine)
                if (a.overdue)
                    overdue.push_back(json::object{{"href", action_href(a.action.id)},
                                                   {"text", a.action.text},
                                                   {"body", a.body_name},
                                                   {"due", short_date(a.action.due_date)}});
        if (meetings.empty() && overdue.empty()) return std::nullopt;
        json::object view{{"has_meetings", !meetings.empty()},
                          {"meetings", std::move(meetings)},
                          {"has_overdue", !overdue.empty()},
                          {"overdue", std::move(overdue)}};
        return http::PageRenderer::render("governance/home_panel", view);
    });
}

}  // namespace pages_detail

void register_pages(http::Router& router, GovernanceService& service, org::OrgService& org,
                    kit::LinkService& links, http::PageRenderer& pages, const Clock& clock) {
    using pages_detail::Pages;
    pages.add_navigation({"Meetings",
                          "/meetings",
                          {"/meetings", "/bodies", "/agenda-items", "/decisions", "/actions",
                           "/forward-plan", "/my/actions"}});
    pages_detail::add_home_panel(pages, service, clock);
    auto p = std::make_shared<Pages>(Pages{service, org, links, pages, clock});
    const auto on = [&router, p](Method m, std::string pattern,
                                 Response (Pages::*fn)(Request&) const) {
        router.add(m, std::move(pattern), [p, fn](Request& r) { return ((*p).*fn)(r); });
    };
    // Fixed paths before patterns: the first match wins.
    on(Method::Get, "/bodies", &Pages::bodies);
    on(Method::Get, "/bodies/{id}", &Pages::body);
    on(Method::Get, "/bodies/{id}/generate", &Pages::generate_form);
    on(Method::Post, "/bodies/{id}/generate", &Pages::generate);
    on(Method::Get, "/meetings", &Pages::calendar);
    on(Method::Get, "/meetings/new", &Pages::new_meeting);
    on(Method::Post, "/meetings", &Pages::create_meeting);
    on(Method::Get, "/meetings/{id}", &Pages::meeting);
    on(Method::Post, "/meetings/{id}", &Pages::update_meeting);
    on(Method::Get, "/meetings/{id}/edit", &Pages::edit_meeting);
    on(Method::Get, "/meetings/{id}/minutes", &Pages::minutes);
    on(Method::Get, "/meetings/{id}/items/new", &Pages::new_item);
    on(Method::Post, "/meetings/{id}/items", &Pages::create_item);
    on(Method::Get, "/meetings/{id}/publish", &Pages::publish_form);
    on(Method::Post, "/meetings/{id}/publish", &Pages::publish);
    on(Method::Get, "/meetings/{id}/attendance", &Pages::attendance_form);
    on(Method::Post, "/meetings/{id}/attendance", &Pages::take_attendance);
    on(Method::Get, "/meetings/{id}/minutes/approve", &Pages::approval_form);
    on(Method::Post, "/meetings/{id}/minutes/approve", &Pages::approve);
    on(Method::Get, "/agenda-items/{id}/edit", &Pages::edit_item);
    on(Method::Post, "/agenda-items/{id}", &Pages::update_item);
    on(Method::Get, "/agenda-items/{id}/minutes", &Pages::minutes_form);
    on(Method::Post, "/agenda-items/{id}/minutes", &Pages::write_minutes);
    on(Method::Post, "/agenda-items/{id}/resolutions", &Pages::add_resolution);
    on(Method::Post, "/agenda-items/{id}/actions", &Pages::add_action);
    on(Method::Get, "/actions", &Pages::actions);
    on(Method::Get, "/my/actions", &Pages::my_actions);
    on(Method::Get, "/actions/{id}", &Pages::action);
    on(Method::Post, "/actions/{id}", &Pages::update_action);
    on(Method::Get, "/actions/{id}/edit", &Pages::edit_action);
    on(Method::Get, "/decisions", &Pages::decisions);
    on(Method::Get, "/decisions/{id}", &Pages::decision);
    on(Method::Get, "/forward-plan", &Pages::forward_plan);
    on(Method::Get, "/forward-plan/{id}", &Pages::entry);
}

}  // namespace civic::governance
