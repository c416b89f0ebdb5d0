// SPDX-License-Identifier: AGPL-3.0-or-later
// Changing the council's scoring matrix, for administrators: choose its size, write each
// likelihood and impact level's label and descriptor, the bands and the council's own
// categories; then see what the change would do (the rule that maps each old level onto a new
// one, and every risk's and appetite's scores before and after) and confirm it. Nothing is
// reinterpreted without the administrator having seen it.

#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/core/text.hpp"
#include "civic/modules/risks/pages_support.hpp"

namespace civic::risks::pages_detail {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

constexpr std::string_view k_edit_href = "/risk-matrix/edit";
constexpr std::string_view k_preview_href = "/risk-matrix/preview";
constexpr std::string_view k_matrix_href = "/risk-matrix";

std::string error_for(const Error* error, std::string_view field) {
    if (!error) return "";
    for (const auto& e : error->errors)
        if (e.field == field) return e.message;
    return "";
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find('\n', start);
        out.emplace_back(
            text.substr(start, end == std::string_view::npos ? text.size() - start : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

// The matrix as the form sends it: likelihood[i].label, bands[j].from, …, with as many levels
// and bands as the form has.
MatrixInput matrix_input(const kit::Form& f, std::vector<FieldError>& errors) {
    const auto levels = [&](std::string_view axis) {
        std::vector<LevelInput> out;
        for (int i = 0; i < 10; ++i) {
            const auto label = kit::form_value(f, fmt::format("{}[{}].label", axis, i));
            if (!label) break;
            out.push_back({label, kit::form_value(f, fmt::format("{}[{}].descriptor", axis, i))});
        }
        return out;
    };
    MatrixInput in;
    in.likelihood = levels("likelihood");
    in.impact = levels("impact");
    std::vector<BandInput> bands;
    for (int i = 0; i < 10; ++i) {
        const std::string at = fmt::format("bands[{}]", i);
        const auto name = kit::form_value(f, at + ".name");
        if (!name) break;
        bands.push_back(
            {name, kit::form_value(f, at + ".colour"),
             form_integer(f, at + ".from", fmt::format("Band {}'s lowest score", i + 1), errors),
             form_integer(f, at + ".to", fmt::format("Band {}'s highest score", i + 1), errors)});
    }
    in.bands = std::move(bands);
    std::vector<std::string> extra;
    for (const auto& line : split_lines(kit::form_text(f, "extra_categories")))
        if (!trim(line).empty()) extra.emplace_back(trim(line));
    in.extra_categories = std::move(extra);
    in.confirm_mapping = kit::form_text(f, "confirm_mapping") == "yes";
    return in;
}

// The form's view: each level and band as stored (or of the default of another size), or as
// sent.
json::object matrix_form_view(const Matrix& m, const kit::Form* sent, const Error* error,
                              const std::string& version) {
    const auto value = [&](const std::string& name, std::string stored) {
        return sent ? kit::form_text(*sent, name) : std::move(stored);
    };
    const auto levels = [&](std::string_view axis, const std::vector<Level>& list) {
        json::array out;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string label = fmt::format("{}[{}].label", axis, i);
            const std::string descriptor = fmt::format("{}[{}].descriptor", axis, i);
            out.push_back(json::object{{"level", i + 1},
                                       {"label_name", label},
                                       {"label", value(label, list[i].label)},
                                       {"label_error", error_for(error, label)},
                                       {"descriptor_name", descriptor},
                                       {"descriptor", value(descriptor, list[i].descriptor)},
                                       {"descriptor_error", error_for(error, descriptor)}});
        }
        return out;
    };
    json::array bands;
    for (std::size_t i = 0; i < m.bands.size(); ++i) {
        const std::string at = fmt::format("bands[{}]", i);
        const std::string colour = value(at + ".colour", m.bands[i].colour);
        json::array colours;
        for (auto c : k_band_colours)
            colours.push_back(
                json::object{{"value", c}, {"label", capitalised(c)}, {"selected", c == colour}});
        bands.push_back(json::object{{"number", i + 1},
                                     {"name_name", at + ".name"},
                                     {"name", value(at + ".name", m.bands[i].name)},
                                     {"name_error", error_for(error, at + ".name")},
                                     {"colour_name", at + ".colour"},
                                     {"colours", std::move(colours)},
                                     {"colour_error", error_for(error, at + ".colour")},
                                     {"from_name", at + ".from"},
                                     {"from", value(at + ".from", std::to_string(m.bands[i].from))},
                                     {"from_error", error_for(error, at + ".from")},
                                     {"to_name", at + ".to"},
                                     {"to", value(at + ".to", std::to_string(m.bands[i].to))},
                                     {"to_error", error_for(error, at + ".to")}});
    }
    std::string extra;
    for (const auto& c : m.extra_categories) extra += c + "\n";
    json::array sizes;
    for (int n : k_matrix_sizes)
        sizes.push_back(json::object{{"href", fmt::format("{}?size={}", k_edit_href, n)},
                                     {"label", fmt::format("{} × {}", n, n)},
                                     {"current", n == m.size()}});
    return json::object{{"size", fmt::format("{} × {}", m.size(), m.size())},
                        {"sizes", std::move(sizes)},
                        {"likelihood", levels("likelihood", m.likelihood)},
                        {"impact", levels("impact", m.impact)},
                        {"bands", std::move(bands)},
                        {"extra_categories", value("extra_categories", extra)},
                        {"extra_categories_error", error_for(error, "extra_categories")},
                        {"version", version},
                        {"preview_href", std::string(k_preview_href)}};
}

// The matrix the form describes, for drawing the form again: as many levels and bands as sent.
Matrix matrix_of_form(const MatrixInput& in) {
    Matrix m;
    for (const auto& l : *in.likelihood)
        m.likelihood.push_back({l.label.value_or(""), l.descriptor.value_or("")});
    for (const auto& l : *in.impact)
        m.impact.push_back({l.label.value_or(""), l.descriptor.value_or("")});
    for (const auto& b : *in.bands)
        m.bands.push_back(
            {b.name.value_or(""), b.colour.value_or(""), b.from.value_or(0), b.to.value_or(0)});
    m.extra_categories = *in.extra_categories;
    return m;
}

const kit::FormPage k_form{"risks/matrix_form", "Change the risk matrix",
                           std::string(k_preview_href), "Preview the change",
                           std::string(k_matrix_href)};

}  // namespace

Response Pages::matrix_form(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    if (!r.principal.is_administrator())
        return kit::error_page(pages, r, Error::not_found("There is nothing at this address."));
    const Context c = ctx(r);
    auto m = service.get_matrix(c);
    if (!m) return kit::error_page(pages, r, m.error());
    Matrix shown = *m;
    const std::string size(trim(r.query_param("size").value_or("")));
    for (int n : k_matrix_sizes)
        if (size == std::to_string(n) && n != m->size()) {
            shown = default_matrix_of_size(n);
            shown.extra_categories = m->extra_categories;
        }
    return kit::show_form(pages, r, k_form,
                          matrix_form_view(shown, nullptr, nullptr, std::to_string(m->version)));
}

Response Pages::matrix_preview(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    if (!r.principal.is_administrator())
        return kit::error_page(pages, r, Error::not_found("There is nothing at this address."));
    const Context c = ctx(r);
    const auto form = http::parse_form(r.body);
    std::vector<FieldError> errors;
    const MatrixInput in = matrix_input(form, errors);
    Result<MatrixPreview> preview = std::unexpected(Error::validation(errors));
    if (errors.empty()) preview = service.preview_matrix(c, in);
    if (!preview) {
        if (preview.error().kind != ErrorKind::Validation)
            return kit::error_page(pages, r, preview.error());
        return kit::show_form(pages, r, k_form,
                              matrix_form_view(matrix_of_form(in), &form, &preview.error(),
                                               kit::form_text(form, "version")),
                              &preview.error());
    }
    const Matrix& proposed = preview->proposed;
    json::array rule;
    for (const auto& line : preview->rule) rule.push_back(json::value(line));
    json::array risks;
    for (const auto& mv : preview->risks) {
        json::object row{{"href", risk_href(mv.risk_id)},
                         {"reference", mv.reference},
                         {"title", mv.title},
                         {"register", mv.register_name},
                         {"current_before", mv.current_before.score()},
                         {"current_after", score_json(proposed, mv.current_after)},
                         {"inherent_before", mv.inherent_before.score()},
                         {"inherent_after", score_json(proposed, mv.inherent_after)}};
        risks.push_back(std::move(row));
    }
    json::array appetites;
    for (const auto& a : preview->appetites)
        appetites.push_back(
            json::object{{"category", capitalised(a.category)},
                         {"unit", a.unit_name.empty() ? std::string("Council-wide") : a.unit_name},
                         {"before", a.before},
                         {"after", a.after}});
    // The form again, as hidden fields, so the confirmation saves exactly what was previewed.
    json::array hidden;
    for (const auto& [name, value] : form)
        if (name != "csrf_token" && name != "confirm_mapping")
            hidden.push_back(json::object{{"name", name}, {"value", value}});
    json::object view{{"size", fmt::format("{} × {}", proposed.size(), proposed.size())},
                      {"has_rule", !rule.empty()},
                      {"rule", std::move(rule)},
                      {"has_risks", !risks.empty()},
                      {"risks", std::move(risks)},
                      {"has_appetites", !appetites.empty()},
                      {"appetites", std::move(appetites)},
                      {"needs_confirmation", preview->needs_confirmation},
                      {"hidden", std::move(hidden)},
                      {"action", std::string(k_matrix_href)},
                      {"edit_href", std::string(k_edit_href)}};
    return pages.page(r, "risks/matrix_preview", "Check the change to the risk matrix",
                      std::move(view));
}

Response Pages::change_matrix(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    if (!r.principal.is_administrator())
        return kit::error_page(pages, r, Error::not_found("There is nothing at this address."));
    const Context c = ctx(r);
    const auto form = http::parse_form(r.body);
    std::vector<FieldError> errors;
    const MatrixInput in = matrix_input(form, errors);
    Result<Matrix> saved = std::unexpected(Error::validation(errors));
    if (errors.empty()) saved = service.change_matrix(c, in, kit::form_version(form));
    if (saved) return kit::saved(r, std::string(k_matrix_href), "Risk matrix changed");
    if (saved.error().kind != ErrorKind::Validation && saved.error().kind != ErrorKind::Conflict)
        return kit::error_page(pages, r, saved.error());
    return kit::show_form(pages, r, k_form,
                          matrix_form_view(matrix_of_form(in), &form, &saved.error(),
                                           kit::form_text(form, "version")),
                          &saved.error());
}

}  // namespace civic::risks::pages_detail
