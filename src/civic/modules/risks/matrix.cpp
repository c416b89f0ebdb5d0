// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/risks/matrix.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <set>
#include <span>

#include "civic/core/text.hpp"
#include "civic/modules/risks/model.hpp"

namespace civic::risks {
namespace json = boost::json;

namespace {

std::vector<Level> levels_5_likelihood() {
    return {{"Rare",
             "May happen only in exceptional circumstances: less than a 5% chance in "
             "the next year"},
            {"Unlikely", "Not expected, but could happen: a 5% to 25% chance"},
            {"Possible", "Might happen at some time: a 25% to 50% chance"},
            {"Likely", "Will probably happen: a 50% to 80% chance"},
            {"Almost certain", "Expected to happen: more than an 80% chance"}};
}

std::vector<Level> levels_5_impact() {
    return {{"Negligible", "Little effect on services, money, people or reputation"},
            {"Minor", "Brief disruption to a service; a small overspend; local complaints"},
            {"Moderate",
             "A service disrupted for days; an overspend a directorate must find; "
             "local press"},
            {"Major",
             "A key service lost for weeks; a large overspend; injury; regional or "
             "national press; intervention by a regulator"},
            {"Critical",
             "Services fail for a long time; the budget cannot be balanced; loss of "
             "life; the council's governance is called into question"}};
}

}  // namespace

const Band* Matrix::band_of(std::int64_t score) const {
    for (const auto& b : bands)
        if (score >= b.from && score <= b.to) return &b;
    return nullptr;
}

Matrix default_matrix() { return default_matrix_of_size(5); }

Matrix default_matrix_of_size(int size) {
    Matrix m;
    if (size == 3) {
        m.likelihood = {{"Low", "Not expected to happen in the next year"},
                        {"Medium", "Might happen in the next year"},
                        {"High", "Expected to happen in the next year"}};
        m.impact = {{"Low", "Little effect on services, money, people or reputation"},
                    {"Medium", "A service disrupted for days; an overspend; local press"},
                    {"High", "A key service lost; a large overspend; injury; national press"}};
        m.bands = {{"Low", "green", 1, 2}, {"Medium", "amber", 3, 4}, {"High", "red", 6, 9}};
    } else if (size == 4) {
        m.likelihood = {{"Unlikely", "Not expected, but could happen: under a 25% chance"},
                        {"Possible", "Might happen at some time: a 25% to 50% chance"},
                        {"Likely", "Will probably happen: a 50% to 80% chance"},
                        {"Almost certain", "Expected to happen: more than an 80% chance"}};
        m.impact = {{"Minor", "Brief disruption to a service; a small overspend"},
                    {"Moderate", "A service disrupted for days; an overspend; local press"},
                    {"Major", "A key service lost for weeks; a large overspend; injury"},
                    {"Critical",
                     "Services fail for a long time; loss of life; the budget "
                     "cannot be balanced"}};
        m.bands = {{"Low", "green", 1, 3}, {"Medium", "amber", 4, 8}, {"High", "red", 9, 16}};
    } else {
        m.likelihood = levels_5_likelihood();
        m.impact = levels_5_impact();
        m.bands = {{"Low", "green", 1, 4}, {"Medium", "amber", 5, 12}, {"High", "red", 15, 25}};
    }
    return m;
}

Result<void> check_matrix(const Matrix& m) {
    std::vector<FieldError> errors;
    const auto fail = [&](std::string field, std::string message) {
        errors.push_back({std::move(field), std::move(message)});
    };
    const auto sizes = std::span(k_matrix_sizes);
    const int size = static_cast<int>(m.likelihood.size());
    if (std::find(sizes.begin(), sizes.end(), size) == sizes.end()) {
        fail("likelihood", fmt::format("The matrix has {} likelihood levels; Civic offers 3 × "
                                       "3, 4 × 4 and 5 × 5 matrices",
                                       size));
    } else if (m.impact.size() != m.likelihood.size()) {
        fail("impact", fmt::format("The matrix has {} likelihood levels and {} impact levels; "
                                   "give as many of each",
                                   m.likelihood.size(), m.impact.size()));
    }
    const auto check_levels = [&](const std::vector<Level>& levels, std::string_view name,
                                  std::string_view words) {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < levels.size(); ++i) {
            const std::string label = std::string(trim(levels[i].label));
            const std::string field = fmt::format("{}[{}].label", name, i);
            if (label.empty())
                fail(field, fmt::format("Give {} level {} a label", words, i + 1));
            else if (label.size() > 60)
                fail(field, fmt::format("The label of {} level {} must be 60 characters or fewer",
                                        words, i + 1));
            else if (!seen.insert(lower_ascii(label)).second)
                fail(field, fmt::format("Two {} levels are called \"{}\"; give each its own label",
                                        words, label));
            if (levels[i].descriptor.size() > 500)
                fail(fmt::format("{}[{}].descriptor", name, i),
                     fmt::format("The descriptor of {} level {} must be 500 characters or fewer",
                                 words, i + 1));
        }
    };
    check_levels(m.likelihood, "likelihood", "likelihood");
    check_levels(m.impact, "impact", "impact");
    if (!errors.empty()) return std::unexpected(Error::validation(std::move(errors)));

    // Every score the matrix can give, each in exactly one band.
    std::set<std::int64_t> scores;
    for (std::int64_t l = 1; l <= size; ++l)
        for (std::int64_t i = 1; i <= size; ++i) scores.insert(l * i);
    if (m.bands.empty()) fail("bands", "Give at least one band, for example 1 to 25 \"All\"");
    const auto colours = std::span(k_band_colours);
    std::set<std::string> names;
    for (std::size_t b = 0; b < m.bands.size(); ++b) {
        const Band& band = m.bands[b];
        const std::string at = fmt::format("bands[{}]", b);
        const std::string name = std::string(trim(band.name));
        if (name.empty())
            fail(at + ".name", fmt::format("Give band {} a name, such as High", b + 1));
        else if (!names.insert(lower_ascii(name)).second)
            fail(at + ".name", fmt::format("Two bands are called \"{}\"", name));
        if (std::find(colours.begin(), colours.end(), band.colour) == colours.end())
            fail(at + ".colour", fmt::format("The colour of band {} must be one of: {}", b + 1,
                                             list_in_words(colours)));
        if (band.from < 1 || band.from > m.max_score())
            fail(at + ".from",
                 fmt::format("Band {} must start at a score from 1 to {}", b + 1, m.max_score()));
        if (band.to < band.from || band.to > m.max_score())
            fail(at + ".to", fmt::format("Band {} must end at a score from its start ({}) to {}",
                                         b + 1, band.from, m.max_score()));
    }
    if (!errors.empty()) return std::unexpected(Error::validation(std::move(errors)));
    for (const std::int64_t s : scores) {
        std::vector<std::size_t> in;
        for (std::size_t b = 0; b < m.bands.size(); ++b)
            if (s >= m.bands[b].from && s <= m.bands[b].to) in.push_back(b);
        if (in.empty())
            fail("bands", fmt::format("A score of {} falls in no band; the bands must cover "
                                      "every score from 1 to {}",
                                      s, m.max_score()));
        else if (in.size() > 1)
            fail(fmt::format("bands[{}].from", in[1]),
                 fmt::format("A score of {} falls in two bands, {} and {}; bands must not "
                             "overlap",
                             s, m.bands[in[0]].name, m.bands[in[1]].name));
    }
    if (!errors.empty()) return std::unexpected(Error::validation(std::move(errors)));
    return {};
}

int map_level(int level, int old_size, int new_size) {
    if (old_size == new_size || old_size < 2) return std::clamp(level, 1, std::max(new_size, 1));
    // (level - 1) × (new - 1) / (old - 1), rounded half up, in whole numbers.
    const int numerator = (level - 1) * (new_size - 1);
    const int denominator = old_size - 1;
    const int rounded = (2 * numerator + denominator) / (2 * denominator);
    return std::clamp(rounded + 1, 1, new_size);
}

std::vector<std::string> mapping_lines(const Matrix& from, const Matrix& to) {
    std::vector<std::string> lines;
    const auto describe = [&](const std::vector<Level>& old_levels,
                              const std::vector<Level>& new_levels, std::string_view word) {
        for (int l = 1; l <= static_cast<int>(old_levels.size()); ++l) {
            const int n = map_level(l, static_cast<int>(old_levels.size()),
                                    static_cast<int>(new_levels.size()));
            lines.push_back(fmt::format("{} {} ({}) becomes {} ({})", word, l,
                                        old_levels[static_cast<std::size_t>(l - 1)].label, n,
                                        new_levels[static_cast<std::size_t>(n - 1)].label));
        }
    };
    describe(from.likelihood, to.likelihood, "Likelihood");
    describe(from.impact, to.impact, "Impact");
    return lines;
}

json::object to_json(const Matrix& m) {
    const auto levels = [](const std::vector<Level>& ls) {
        json::array out;
        for (std::size_t i = 0; i < ls.size(); ++i)
            out.push_back(json::object{{"level", static_cast<std::int64_t>(i + 1)},
                                       {"label", ls[i].label},
                                       {"descriptor", ls[i].descriptor}});
        return out;
    };
    json::array bands;
    for (const auto& b : m.bands)
        bands.push_back(
            json::object{{"name", b.name}, {"colour", b.colour}, {"from", b.from}, {"to", b.to}});
    json::array categories;
    for (auto c : k_categories) categories.push_back(json::string(c));
    json::array extra;
    for (const auto& c : m.extra_categories) {
        categories.push_back(json::string(c));
        extra.push_back(json::string(c));
    }
    json::object o{{"size", m.size()},
                   {"max_score", m.max_score()},
                   {"likelihood", levels(m.likelihood)},
                   {"impact", levels(m.impact)},
                   {"bands", std::move(bands)},
                   {"categories", std::move(categories)},
                   {"extra_categories", std::move(extra)},
                   {"version", m.version}};
    if (!m.updated_at.empty()) o["updated_at"] = m.updated_at;
    return o;
}

}  // namespace civic::risks
