// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/kit/fields.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <map>

#include "civic/http/render.hpp"

namespace civic::kit {
namespace json = boost::json;

json::array choices(const Choices& values, std::string_view selected) {
    json::array out;
    for (const auto& [value, label] : values)
        out.push_back(
            json::object{{"value", value}, {"label", label}, {"selected", value == selected}});
    return out;
}

std::string fields_html(const std::vector<Field>& fields, const Error* error) {
    std::map<std::string, std::string> errors;
    if (error)
        for (const auto& e : error->errors) errors.emplace(e.field, e.message);
    json::array out;
    for (const auto& f : fields) {
        const std::string err = errors.contains(f.name) ? errors[f.name] : "";
        const std::string id = f.id.empty() ? f.name : f.id;
        std::string described = f.hint.empty() ? "" : id + "-hint";
        if (!err.empty()) described += (described.empty() ? "" : " ") + id + "-error";
        json::array options;
        for (std::size_t i = 0; i < f.options.size(); ++i) {
            const auto& [value, label] = f.options[i];
            // The first radio carries the field's own id, so the error summary's link lands on
            // it; the others are numbered.
            options.push_back(json::object{
                {"value", value},
                {"label", label},
                {"id", i == 0 ? id : fmt::format("{}-{}", id, i + 1)},
                {"hint", i < f.option_hints.size() ? f.option_hints[i] : std::string()},
                {"selected", value == f.value}});
        }
        out.push_back(json::object{{"name", f.name},
                                   {"id", id},
                                   {"label", f.label},
                                   {"hint", f.hint},
                                   {"error", err},
                                   {"value", f.value},
                                   {"width", f.width},
                                   {"blank", f.blank},
                                   {"rows", f.rows},
                                   {"described", described},
                                   {"options", std::move(options)},
                                   {"text", f.kind == "text"},
                                   {"area", f.kind == "area"},
                                   {"select", f.kind == "select"},
                                   {"radios", f.kind == "radios"},
                                   {"checkbox", f.kind == "checkbox"},
                                   {"file", f.kind == "file"},
                                   {"multiple", f.multiple},
                                   {"accept", f.accept},
                                   {"checked", f.kind == "checkbox" && f.value == "yes"}});
    }
    return http::PageRenderer::render("kit/fields", json::object{{"fields", std::move(out)}});
}

http::Response form_page(const http::PageRenderer& pages, const http::Request& r,
                         const FormPage& form, const std::vector<Field>& fields, json::object view,
                         const Error* error) {
    view["fields_html"] = fields_html(fields, error);
    // A file is only sent in a multipart body.
    for (const auto& f : fields)
        if (f.kind == "file") view["multipart"] = true;
    return show_form(pages, r, form, std::move(view), error);
}

}  // namespace civic::kit
