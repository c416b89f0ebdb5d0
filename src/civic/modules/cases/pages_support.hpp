// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Inside the case pages only: the one struct whose member functions are the routes (pages.cpp:
// the list; pages_case.cpp: a case's page; pages_forms.cpp: the intake form and the forms that
// record what happens; pages_lessons.cpp: an action from the lessons), and the pieces every page
// shares.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "civic/core/clock.hpp"
#include "civic/core/context.hpp"
#include "civic/http/context.hpp"
#include "civic/http/render.hpp"
#include "civic/http/request.hpp"
#include "civic/modules/cases/service.hpp"
#include "civic/modules/kit/fields.hpp"
#include "civic/modules/kit/pages.hpp"
#include "civic/modules/org/service.hpp"

namespace civic::cases::pages_detail {

using kit::Choices;
using kit::Field;

std::string case_href(const std::string& id);
// A target's or a case's due status as a GOV.UK tag ("Overdue" red, "Due soon" yellow, …).
boost::json::object due_tag(std::string_view status);
// "1 December 2026"; "" for none.
std::string day(const std::optional<std::string>& iso);
std::string day(const std::optional<Date>& d);

// pages_attachments.cpp: the response form's file upload; the files a browser posted, as the
// service takes them (a file input left empty sends none); a refusal of a file ("attachments[0]
// .content") put on the upload field, where the error summary's link lands; and a response's
// files as its handlers see them on the case's page ("letter.pdf", "PDF, 24 KB", its href).
Field attachments_field();
std::vector<AttachmentInput> attachment_inputs(const std::vector<http::FormFile>& files);
Error on_attachments_field(Error error);
boost::json::array attachment_links(const std::vector<CaseAttachment>& files);

struct Pages {
    CasesService& service;
    org::OrgService& org;
    const http::PageRenderer& pages;
    const Clock& clock;

    Context ctx(const http::Request& r) const { return http::context_for(r, clock); }
    // The people of one kind ("officer", "councillor") the caller may see, by name.
    Choices people_choices(const Context& c, std::string_view kind) const;
    // The units whose cases the caller handles, by name.
    Choices unit_choices(const Context& c) const;
    // The live case types, by name.
    Choices type_choices(const Context& c) const;
    // Every live type's priorities, by key (an ICT incident's p1 to p4).
    Choices priority_choices(const Context& c) const;

    // pages.cpp
    http::Response index(http::Request& r) const;
    // pages_statistics.cpp
    http::Response statistics(http::Request& r) const;
    // pages_case.cpp
    http::Response case_page(http::Request& r) const;
    // pages_forms.cpp
    http::Response new_case(http::Request& r) const;
    http::Response create_case(http::Request& r) const;
    http::Response response_form(http::Request& r) const;
    http::Response respond(http::Request& r) const;
    http::Response clock_form(http::Request& r) const;
    http::Response change_clock(http::Request& r) const;
    http::Response escalation_form(http::Request& r) const;
    http::Response escalate(http::Request& r) const;
    http::Response closure_form(http::Request& r) const;
    http::Response close(http::Request& r) const;
    http::Response reopening_form(http::Request& r) const;
    http::Response reopen(http::Request& r) const;
    // pages_lessons.cpp
    http::Response lessons_action_form(http::Request& r) const;
    http::Response make_lessons_action(http::Request& r) const;
};

// The home page's panel: the signed-in person's own open cases that are overdue, due today or
// due within 3 working days.
void add_home_panel(http::PageRenderer& pages, CasesService& service, const Clock& clock);

}  // namespace civic::cases::pages_detail
