// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Inside the indicators pages only: the one struct whose member functions are the routes
// (pages.cpp: the list and an indicator; pages_values.cpp: entering a value and its workflow;
// pages_reports.cpp: the scorecard and data quality), and the words every page shares.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <span>
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
#include "civic/modules/indicators/service.hpp"
#include "civic/modules/kit/links.hpp"
#include "civic/modules/org/service.hpp"

namespace civic::indicators::pages_detail {

std::string indicator_href(const std::string& id);
std::string value_href(const std::string& id);

std::string capitalised(std::string_view s);
// The words a page shows for each of the fixed lists.
std::string unit_words(std::string_view unit);          // "Percentage", "Rate per 1,000"
std::string polarity_words(std::string_view polarity);  // "Higher is better"
std::string frequency_words(std::string_view frequency);
std::string aggregation_words(std::string_view aggregation);
std::string kind_words(std::string_view kind);  // "Statutory", "Local"
std::string rag_words(std::string_view rag);    // "Green", …, "No target", "Awaiting a value"
// A rating as a GOV.UK tag: {"text", "classes"}, coloured by rating, the word always said.
boost::json::object rag_tag(std::string_view rag);
// A direction of travel for a table cell: {"text": "Better", "arrow": "↑"} (the arrow shows
// which way the value moved; the word says whether that is good).
boost::json::object direction_view(const Direction& d);
// The RAG rule in words: "Amber within 5% of the target".
std::string rule_words(std::string_view rule);
Format format_of(const Indicator& i);
std::string figure(std::optional<double> v, const Indicator& i);
// A target as a reader reads it: "81%", "4 to 6 days" for a band, "" for none.
std::string target_text(const std::optional<TargetRecord>& t, const Indicator& i);
// Where the council stands among others, in one sentence; "" without a benchmark.
std::string position_text(const std::optional<Position>& p, const Indicator& i);
// Who entered, submitted or approved a value, as a page says it. The service records the
// user's id; pages never show ids, so the signed-in user is named and anyone else is "another
// user". Any other text (the command line's "cli") is shown as it is.
std::string user_words(const Principal& reader, const std::string& recorded);
// The last quarter of the financial year that has ended by today: "2025/26 Q1".
std::string last_ended_quarter(const Date& today);

// The value of one form field read as a number: blank is "none" (nullopt inside); text that
// is not a number adds a field error naming it.
std::optional<std::optional<double>> form_number(
    const std::vector<std::pair<std::string, std::string>>& form, std::string_view name,
    std::string_view label, std::vector<FieldError>& errors);

// <select> options from {value, label} pairs, in the order given.
boost::json::array choices(const std::vector<std::pair<std::string, std::string>>& values,
                           std::string_view selected);

// A page shown again with the GOV.UK error summary for a refused filter or choice.
http::Response refused_page(const http::PageRenderer& pages, const http::Request& r,
                            std::string_view tmpl, std::string_view title, boost::json::object view,
                            const Error& error);

struct Pages {
    IndicatorService& service;
    org::OrgService& org;
    kit::LinkService& links;
    const http::PageRenderer& pages;
    const Clock& clock;

    Context ctx(const http::Request& r) const { return http::context_for(r, clock); }
    Date today(const Context& c) const;
    std::string person_name(const Context& c, const std::optional<std::string>& id) const;
    // Every unit, by name: for the filters.
    std::vector<std::pair<std::string, std::string>> unit_choices(const Context& c) const;
    // The indicator a route's {id} names (its id, or its code).
    Result<Indicator> indicator_at(const Context& c, const http::Request& r) const;

    // pages.cpp
    http::Response list(http::Request& r) const;
    http::Response indicator(http::Request& r) const;

    // pages_values.cpp
    http::Response new_value(http::Request& r) const;
    http::Response create_value(http::Request& r) const;
    http::Response edit_value(http::Request& r) const;
    http::Response update_value(http::Request& r) const;
    http::Response submit_value(http::Request& r) const;
    http::Response approve_value(http::Request& r) const;
    http::Response return_form(http::Request& r) const;
    http::Response return_value(http::Request& r) const;

    // pages_reports.cpp
    http::Response scorecard(http::Request& r) const;
    http::Response data_quality(http::Request& r) const;
};

}  // namespace civic::indicators::pages_detail
