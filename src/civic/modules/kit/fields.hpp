// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The fields of a form, described once and drawn by kit/fields.mustache in GOV.UK's patterns:
// a text input, a text area, a select, radios or a checkbox, each with its label, hint and the
// error a refused save left for it (the error's id and aria-describedby wired as GOV.UK asks).

#include <boost/json/array.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "civic/core/error.hpp"
#include "civic/http/render.hpp"
#include "civic/http/request.hpp"
#include "civic/modules/kit/pages.hpp"

namespace civic::kit {

using Choices = std::vector<std::pair<std::string, std::string>>;  // {value, label}

// One field of a form. kind is text, area, select, radios, checkbox (its value "yes" when
// ticked) or file (GOV.UK's file upload; a form with one posts multipart/form-data).
struct Field {
    std::string name, label, hint, kind = "text", value;
    std::string id;                         // the element's id when it is not the name
    std::string width;                      // a GOV.UK width class for a text input
    std::string blank;                      // a select's first, empty option
    Choices options;                        // a select's or radios' {value, label}
    std::vector<std::string> option_hints;  // each radio's hint, in the order of options
    int rows = 4;
    bool multiple = false;  // a file field that takes several files
    std::string accept;     // a file field's accept attribute: ".pdf,.docx"
};

// The fields' HTML, with each field's error from `error` (none when it is null).
std::string fields_html(const std::vector<Field>& fields, const Error* error);

// A form page of fields alone, drawn by kit/form.mustache: the caption and heading, an
// optional intro (view["intro"]) and inset (view["inset_html"], HTML), the fields, the
// button and Cancel; shown again with its errors after a refused save (kit::show_form).
http::Response form_page(const http::PageRenderer& pages, const http::Request& r,
                         const FormPage& form, const std::vector<Field>& fields,
                         boost::json::object view, const Error* error = nullptr);

// <select> options or radios from {value, label} pairs, in the order given.
boost::json::array choices(const Choices& values, std::string_view selected);

}  // namespace civic::kit
