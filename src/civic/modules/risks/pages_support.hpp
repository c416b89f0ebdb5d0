// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Inside the risk pages only: the one struct whose member functions are the routes (pages.cpp:
// the registers, a register, the heat map, the movement report, the issues log, the matrix and
// the home panel; pages_risk.cpp: a risk's page; pages_forms.cpp: the review, acceptance,
// escalation and risk forms; pages_matrix.cpp: the administrator's change to the matrix), and
// the words and pieces every page shares.

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
#include "civic/http/context.hpp"
#include "civic/http/render.hpp"
#include "civic/http/request.hpp"
#include "civic/modules/kit/fields.hpp"
#include "civic/modules/kit/pages.hpp"
#include "civic/modules/org/service.hpp"
#include "civic/modules/risks/service.hpp"

namespace civic::risks::pages_detail {

using kit::Choices;
// A form's fields, drawn by the kit (kit/fields.hpp).
using kit::Field;
using kit::fields_html;

// Where each record's page is.
std::string risk_href(const std::string& id);
std::string register_href(const std::string& id);

std::string capitalised(std::string_view s);
// "3 June 2026"; "" for none.
std::string day(const std::optional<std::string>& iso);
// The words a page shows for a register's kind ("Directorate register").
std::string register_kind_words(std::string_view kind);

// A band's colour as a GOV.UK tag's classes: red, orange, yellow (amber too: GOV.UK has no amber
// tag), green, blue, grey.
std::string band_tag_classes(std::string_view colour);
// A score as the pages show it: {"score", "likelihood", "impact", "likelihood_label",
// "impact_label", "band", "tag": {"text", "classes"}, "pair": "4 × 5"}.
boost::json::object score_json(const ScoreView& s);
// The same for a bare pair, its band and labels looked up on the matrix.
boost::json::object score_json(const Matrix& m, const Score& s);
// An effectiveness, an action's progress or an issue's priority as a tag.
boost::json::object effectiveness_tag(std::string_view effectiveness);
boost::json::object priority_tag(std::string_view priority);
// An acceptance's state (active, expiring, lapsed, withdrawn) as a tag.
boost::json::object acceptance_tag(std::string_view state);

// A row of a register's table: position, reference, title, owner, the three scores, above
// appetite and accepted until.
boost::json::object risk_row(const RiskView& v);

// <select> options from {value, label} pairs, in the order given.
using kit::choices;
// The GOV.UK error summary of a refused save into view.
void add_errors(boost::json::object& view, const Error& error);
// A whole number from a form: nullopt when blank or missing; a field error when not one.
std::optional<std::int64_t> form_integer(const kit::Form& form, std::string_view name,
                                         std::string_view label, std::vector<FieldError>& errors);

struct Pages {
    RisksService& service;
    org::OrgService& org;
    const http::PageRenderer& pages;
    const Clock& clock;

    Context ctx(const http::Request& r) const { return http::context_for(r, clock); }
    // Every risk the query gives, through every page of the list.
    Result<std::vector<RiskView>> all_risks(const Context& c, RiskQuery q,
                                            std::size_t at_most = 2000) const;
    // The registers the caller may see, by name, for the filters' choices.
    Choices register_choices(const Context& c) const;
    // A person's name, or "" when the caller may not see them.
    std::string person_name(const Context& c, const std::optional<std::string>& id) const;

    // The risks escalated or de-escalated out of a register, as rows of its "Moved away".
    std::vector<boost::json::object> moved_away(const Context& c, const RegisterView& reg) const;

    // pages.cpp
    http::Response index(http::Request& r) const;
    http::Response cell(http::Request& r, const Context& c) const;
    http::Response register_page(http::Request& r) const;
    http::Response heat_map(http::Request& r) const;
    http::Response movement(http::Request& r) const;
    http::Response issues(http::Request& r) const;
    http::Response issue(http::Request& r) const;
    http::Response matrix(http::Request& r) const;

    // pages_risk.cpp
    http::Response risk(http::Request& r) const;

    // pages_forms.cpp
    http::Response review_form(http::Request& r) const;
    http::Response create_review(http::Request& r) const;
    http::Response acceptance_form(http::Request& r) const;
    http::Response accept(http::Request& r) const;
    http::Response withdraw(http::Request& r) const;
    http::Response escalation_form(http::Request& r) const;
    http::Response escalate(http::Request& r) const;
    http::Response edit_risk(http::Request& r) const;
    http::Response update_risk(http::Request& r) const;
    // pages_matrix.cpp: the administrator's change to the matrix
    http::Response matrix_form(http::Request& r) const;
    http::Response matrix_preview(http::Request& r) const;
    http::Response change_matrix(http::Request& r) const;
    // Every person the caller may see, by name: the choices of a risk's owner.
    Choices people_choices(const Context& c) const;
};

// The home page's panel: the signed-in person's own risks whose reviews are overdue or due
// within 14 days.
void add_home_panel(http::PageRenderer& pages, RisksService& service, const Clock& clock);

}  // namespace civic::risks::pages_detail
