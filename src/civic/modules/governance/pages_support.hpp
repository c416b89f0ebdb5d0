// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Inside the governance pages only: the one struct whose member functions are the routes
// (pages.cpp: bodies and the home panel; pages_meeting.cpp: the calendar, a meeting's page and
// its minutes; pages_forms.cpp: the clerk's forms; pages_registers.cpp: the action log, the
// decisions register and the forward plan), and the words and pieces every page shares.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "civic/core/clock.hpp"
#include "civic/core/context.hpp"
#include "civic/core/date.hpp"
#include "civic/http/context.hpp"
#include "civic/http/render.hpp"
#include "civic/http/request.hpp"
#include "civic/modules/governance/service.hpp"
#include "civic/modules/kit/fields.hpp"
#include "civic/modules/kit/links.hpp"
#include "civic/modules/kit/pages.hpp"
#include "civic/modules/org/service.hpp"

namespace civic::governance::pages_detail {

using kit::Choices;

// Where each record's page is.
std::string body_href(const std::string& id);
std::string meeting_href(const std::string& id);
std::string item_href(const std::string& meeting_id, std::int64_t number);  // "/meetings/…#item-3"
std::string decision_href(const std::string& id);
std::string action_href(const std::string& id);
std::string entry_href(const std::string& id);
std::string person_href(const std::string& id);
// The feed another part of governance serves.
std::string body_calendar_href(const std::string& id);
// The decisions register as CSV, at the API.
inline constexpr std::string_view k_decisions_csv = "/api/v1/decisions.csv";

std::string capitalised(std::string_view s);
// The words a page shows for each of governance's fixed lists.
std::string body_kind_words(std::string_view kind);        // "Scrutiny panel"
std::string body_kind_plural(std::string_view kind);       // "Scrutiny panels"
std::string role_words(std::string_view role);             // "Vice-chair"
std::string capacity_words(std::string_view capacity);     // "Substitute"
std::string attendance_words(std::string_view status);     // "Sent apologies"
std::string call_in_words(std::string_view status);        // "Called in"
std::string exception_words(std::string_view exception);   // "General exception"
std::string deadline_state_words(std::string_view state);  // "Met", "Late", …
std::string topic_status_words(std::string_view status);   // "In progress"
std::string entry_status_words(std::string_view status);   // "Planned"
// A meeting's status as a GOV.UK tag, the word always said.
boost::json::object meeting_status_tag(std::string_view status);
// A deadline's state as a tag: met green, late red, due yellow, overdue red, open orange,
// closed grey.
boost::json::object deadline_tag(std::string_view state);
// An action's status as a tag; an overdue open action says so in red.
boost::json::object action_tag(const ActionView& a);

// A body's schedule in words: "Every Tuesday at 10:00", "On the first Tuesday of each month
// at 14:00"; the rule itself when it says more than these words can.
std::string schedule_words(const Body& b);
// "10:00 to 12:00".
std::string time_span(const Meeting& m);
// "Tuesday 8 December 2026"; the text as it is when it is not a date.
std::string long_date(const std::string& iso);
std::string short_date(const std::optional<std::string>& iso);  // "8 December 2026"

// A deadline in law as a page shows it: label, source, due, done, its tag and the lines that
// counted it.
boost::json::object deadline_view(const Deadline& d);

// A piece of Markdown as safe HTML, its headings starting at top_heading.
std::string markdown(std::string_view text, int top_heading);

// <select> options from {value, label} pairs, in the order given.
using kit::choices;

// A form's fields, drawn by the kit (kit/fields.hpp).
using kit::Field;
using kit::fields_html;
// The GOV.UK error summary of a refused save into view, its links going to the elements whose
// ids are the fields' names with `prefix` before them ("action-" for "#action-text").
void add_errors(boost::json::object& view, const Error& error, std::string_view prefix = "");
// A whole number from a form: nullopt when blank or missing; a field error when it is not one.
std::optional<std::int64_t> form_integer(const kit::Form& form, std::string_view name,
                                         std::string_view label, std::vector<FieldError>& errors);

// A page shown again with the GOV.UK error summary for a refused filter or choice.
http::Response refused_page(const http::PageRenderer& pages, const http::Request& r,
                            std::string_view tmpl, std::string_view title, boost::json::object view,
                            const Error& error);

// The values a form sent under one name, in order, blanks left out.
std::vector<std::string> form_values(const kit::Form& form, std::string_view name);
// A form field as an optional text: nullopt when the form does not have it.
inline std::optional<std::string> field(const kit::Form& form, std::string_view name) {
    return kit::form_value(form, name);
}

struct Pages {
    GovernanceService& service;
    org::OrgService& org;
    kit::LinkService& links;
    const http::PageRenderer& pages;
    const Clock& clock;

    Context ctx(const http::Request& r) const { return http::context_for(r, clock); }
    Date today(const Context& c) const;
    // Every person the caller may see, by name: for the forms' choices of people.
    Choices people_choices(const Context& c) const;
    // The bodies the caller may see, by name; only those whose meetings they may arrange
    // when `editable`.
    Choices body_choices(const Context& c, bool editable) const;
    // Every meeting the query gives, through every page of the list.
    Result<std::vector<MeetingView>> all_meetings(const Context& c, MeetingQuery q,
                                                  std::size_t at_most = 500) const;
    // A row of a meetings table: when, the body, the title, its status.
    boost::json::object meeting_row(const MeetingView& m) const;
    // A row of an actions table.
    boost::json::object action_row(const ActionView& a) const;
    // A row of a decisions table.
    boost::json::object decision_row(const DecisionView& d) const;

    // pages.cpp: bodies
    http::Response bodies(http::Request& r) const;
    http::Response body(http::Request& r) const;

    // pages_meeting.cpp: the calendar, a meeting, its minutes
    http::Response calendar(http::Request& r) const;
    http::Response meeting(http::Request& r) const;
    http::Response minutes(http::Request& r) const;

    // pages_forms.cpp: the clerk's forms
    http::Response new_meeting(http::Request& r) const;
    http::Response create_meeting(http::Request& r) const;
    http::Response edit_meeting(http::Request& r) const;
    http::Response update_meeting(http::Request& r) const;
    http::Response generate_form(http::Request& r) const;
    http::Response generate(http::Request& r) const;
    http::Response new_item(http::Request& r) const;
    http::Response create_item(http::Request& r) const;
    http::Response edit_item(http::Request& r) const;
    http::Response update_item(http::Request& r) const;
    http::Response publish_form(http::Request& r) const;
    http::Response publish(http::Request& r) const;
    http::Response attendance_form(http::Request& r) const;
    http::Response take_attendance(http::Request& r) const;
    http::Response minutes_form(http::Request& r) const;
    http::Response write_minutes(http::Request& r) const;
    http::Response add_resolution(http::Request& r) const;
    http::Response add_action(http::Request& r) const;
    http::Response approval_form(http::Request& r) const;
    http::Response approve(http::Request& r) const;

    // pages_registers.cpp: actions, decisions, the forward plan
    http::Response actions(http::Request& r) const;
    http::Response my_actions(http::Request& r) const;
    http::Response action(http::Request& r) const;
    http::Response edit_action(http::Request& r) const;
    http::Response update_action(http::Request& r) const;
    http::Response decisions(http::Request& r) const;
    http::Response decision(http::Request& r) const;
    http::Response forward_plan(http::Request& r) const;
    http::Response entry(http::Request& r) const;
};

// The home page's panel: the signed-in person's next meetings and overdue actions.
void add_home_panel(http::PageRenderer& pages, GovernanceService& service, const Clock& clock);

}  // namespace civic::governance::pages_detail
