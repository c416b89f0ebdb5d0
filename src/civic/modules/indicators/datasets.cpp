// SPDX-License-Identifier: AGPL-3.0-or-later
// Benchmark datasets: the import (read, checked whole, then written in one transaction) and
// where an area stands among the others (stats.cpp does the arithmetic).
//
// The values file can hold a million lines, and its import must keep pace with SQLite's own
// bulk load. So it is read here in one pass over the text, each cell a view into it with no
// copy, rather than with core/csv's parse_csv() (which makes a string of every cell: about
// 0.9 s for a million lines, a third of the time the bare load takes). Its first line, and
// the small groups and metrics files, go through read_csv_table() as every import does, so
// the columns are named and checked in the same words; each line's faults are reported in
// the same words as well.

#include "civic/modules/indicators/datasets.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "civic/core/csv.hpp"
#include "civic/core/ids.hpp"
#include "civic/core/text.hpp"
#include "civic/core/utf8.hpp"
#include "civic/modules/indicators/dataset_repo.hpp"
#include "civic/modules/indicators/dataset_views.hpp"
#include "civic/modules/indicators/stats.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/store/audit.hpp"

namespace civic::indicators {
namespace json = boost::json;
using store::Connection;

namespace {

constexpr std::size_t k_progress_every = 10000;
constexpr std::size_t k_max_code = 100;  // an area code, a metric, a period, a group
constexpr std::size_t k_max_name = 300;  // an area's name, a metric's title, a title
constexpr std::size_t k_max_source = 2000;
// The name kept for each area's nearest neighbours, in ?group= and in the groups table.
constexpr std::string_view k_neighbours = "neighbours";
constexpr std::string_view k_kind_group = "group";
constexpr std::string_view k_kind_neighbours = "neighbours";
constexpr double k_none = std::numeric_limits<double>::quiet_NaN();

// ---------------------------------------------------------------------------------------
// Reading the values file.

// One record of CSV at a time, as RFC 4180 and core/csv read it (quotes, "" inside quotes,
// CRLF or LF, blank lines skipped, a leading byte-order mark skipped), each cell a view into
// the text. A quoted cell with "" inside is unquoted into `unquoted`, which keeps it alive.
class RecordReader {
public:
    RecordReader(std::string_view text, std::size_t at, std::size_t line,
                 std::deque<std::string>& unquoted)
        : m_text(text), m_i(at), m_line(line), m_line_start(at), m_unquoted(unquoted) {}

    // Reads the next record into cells; false at the end of the text. A record with a syntax
    // fault is skipped, to the next line, and comes back with `fault` set.
    bool next(std::vector<std::string_view>& cells, std::size_t& line,
              std::optional<CsvSyntaxError>& fault) {
        while (m_i < m_text.size()) {
            cells.clear();
            fault.reset();
            line = m_line;
            if (!read_record(cells, fault)) return true;
            if (cells.size() == 1 && cells[0].empty()) continue;  // a blank line
            return true;
        }
        return false;
    }

private:
    // False when the record had a fault (then fault is set and the reader is at the next line).
    bool read_record(std::vector<std::string_view>& cells, std::optional<CsvSyntaxError>& fault) {
        const std::size_t n = m_text.size();
        for (;;) {
            if (m_i < n && m_text[m_i] == '"') {
                if (!read_quoted(cells, fault)) return false;
            } else {
                const std::size_t start = m_i;
                while (m_i < n) {
                    const char c = m_text[m_i];
                    if (c == ',' || c == '\n' || c == '\r') break;
                    if (c == '"') {
                        return fail(fault, m_line, m_i - m_line_start + 1, m_i,
                                    "a quote inside an unquoted value; put the whole value in "
                                    "quotes");
                    }
                    ++m_i;
                }
                cells.push_back(m_text.substr(start, m_i - start));
            }
            if (m_i >= n) return true;
            if (m_text[m_i] == ',') {
                ++m_i;
                continue;
            }
            if (m_text[m_i] == '\r') ++m_i;
            if (m_i < n && m_text[m_i] == '\n') ++m_i;
            ++m_line;
            m_line_start = m_i;
            return true;
        }
    }

    bool read_quoted(std::vector<std::string_view>& cells, std::optional<CsvSyntaxError>& fault) {
        const std::size_t n = m_text.size();
        const std::size_t open_at = m_i, open_line = m_line, open_col = m_i - m_line_start + 1;
        ++m_i;
        const std::size_t start = m_i;
        bool doubled = false;
        for (;;) {
            const std::size_t q = m_text.find('"', m_i);
            if (q == std::string_view::npos) {
                return fail(fault, open_line, open_col, open_at,
                            "a quoted value is never closed with a \"");
            }
            for (std::size_t k = m_i; k < q; ++k) {
                if (m_text[k] == '\n') {
                    ++m_line;
                    m_line_start = k + 1;
                }
            }
            if (q + 1 < n && m_text[q + 1] == '"') {
                doubled = true;
                m_i = q + 2;
                continue;
            }
            m_i = q + 1;
            break;
        }
        const std::string_view raw = m_text.substr(start, m_i - 1 - start);
        if (m_i < n && m_text[m_i] != ',' && m_text[m_i] != '\n' && m_text[m_i] != '\r') {
            return fail(fault, m_line, m_i - m_line_start + 1, m_i,
                        "text follows a closing quote; write \"\" for a quote inside a value");
        }
        if (!doubled) {
            cells.push_back(raw);
            return true;
        }
        std::string& out = m_unquoted.emplace_back();
        out.reserve(raw.size());
        for (std::size_t k = 0; k < raw.size(); ++k) {
            out.push_back(raw[k]);
            if (raw[k] == '"') ++k;  // the second of a ""
        }
        cells.push_back(out);
        return true;
    }

    bool fail(std::optional<CsvSyntaxError>& fault, std::size_t line, std::size_t column,
              std::size_t from, std::string message) {
        fault = CsvSyntaxError{line, column, std::move(message)};
        const auto nl = m_text.find('\n', from);
        m_i = nl == std::string_view::npos ? m_text.size() : nl + 1;
        m_line = line + 1;
        m_line_start = m_i;
        return false;
    }

    std::string_view m_text;
    std::size_t m_i, m_line, m_line_start;
    std::deque<std::string>& m_unquoted;
};

// The fault of a one-line cell, quickly for plain ASCII (almost every cell of a dataset).
TextFault cell_fault(std::string_view cell) {
    for (const char ch : cell) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80) return text_fault(cell, Lines::One);
        if (c < 0x20 || c == 0x7F) return text_fault(cell, Lines::One);
    }
    return TextFault::None;
}

// As read_csv_table() words a cell that is not text.
std::string text_problem(TextFault fault) {
    if (fault == TextFault::NotUtf8)
        return "This is not UTF-8 text; in Excel choose Save As › CSV UTF-8";
    return fmt::format("This {}", describe(fault));
}

// A number as a dataset writes it: 48.3, -0.5, 1e3, with no thousands separators. Non-finite
// numbers are refused.
std::optional<double> dataset_number(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty()) return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::string quoted(std::string_view text) {
    return fmt::format("'{}'", shown_safely(shortened(text, 60)));
}

// Names made unique and numbered, so that a line holds three numbers, not three strings; the
// numbers are then made to follow the names' order, so sorting by number sorts by name.
class Names {
public:
    std::uint32_t add(std::string_view name) {
        // Files come grouped, so a name is most often the one before.
        if (!m_names.empty() && name == m_names[m_last]) return m_last;
        const auto [it, added] =
            m_index.try_emplace(name, static_cast<std::uint32_t>(m_names.size()));
        if (added) m_names.push_back(name);
        m_last = it->second;
        return m_last;
    }
    bool contains(std::string_view name) const { return m_index.contains(name); }
    std::size_t size() const { return m_names.size(); }
    std::string_view name(std::uint32_t id) const { return m_names[id]; }
    // Each id's place in name order.
    std::vector<std::uint32_t> ranks() const {
        std::vector<std::uint32_t> order(m_names.size());
        for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(),
                  [&](std::uint32_t a, std::uint32_t b) { return m_names[a] < m_names[b]; });
        std::vector<std::uint32_t> rank(m_names.size());
        for (std::uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
        return rank;
    }

private:
    std::unordered_map<std::string_view, std::uint32_t> m_index;
    std::vector<std::string_view> m_names;
    std::uint32_t m_last = 0;
};

struct ValueLine {
    std::uint32_t metric, period, area;
    std::uint32_t line;
    std::string_view area_name;
    double value;
    // NaN when the file gives none (a value itself is always finite).
    double numerator, denominator;
};

struct ValuesFile {
    std::deque<std::string> unquoted;  // cells the views below point into, when unquoted
    Names metrics, periods, areas;
    std::vector<ValueLine> lines;  // in (metric, period, area) order once checked
};

// The first line of a file and where the next begins, skipping blank lines before it.
std::pair<std::string_view, std::size_t> first_line(std::string_view text, std::size_t& line) {
    std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    line = 1;
    while (i < text.size() && (text[i] == '\n' || text[i] == '\r')) {
        if (text[i] == '\n') ++line;
        ++i;
    }
    const auto nl = text.find('\n', i);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    return {text.substr(0, end), end};
}

void read_values(std::string_view text, ValuesFile& out, ImportProblems& problems) {
    std::size_t header_line = 1;
    const auto [head, body_at] = first_line(text, header_line);
    const CsvTable header = read_csv_table(
        head,
        {{"area_code", "area_name", "metric", "period", "value"}, {"numerator", "denominator"}},
        problems);
    if (!header.header_ok) return;
    const auto column = [&](std::string_view name) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < header.header.size(); ++i)
            if (header.header[i] == name) return i;
        return std::nullopt;
    };
    for (std::size_t i = 0; i < header.header.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (header.header[i] == header.header[j])
                problems.add(header_line, "",
                             fmt::format("The column \"{}\" is named twice", header.header[i]));
    if (problems.any()) return;
    const std::size_t c_code = *column("area_code"), c_name = *column("area_name"),
                      c_metric = *column("metric"), c_period = *column("period"),
                      c_value = *column("value");
    const auto c_num = column("numerator"), c_den = column("denominator");
    const std::size_t width = header.header.size();

    // About one line for every 50 bytes: enough room that the vector seldom grows.
    out.lines.reserve(text.size() / 48);
    RecordReader reader(text, body_at, header_line + 1, out.unquoted);
    std::vector<std::string_view> cells;
    cells.reserve(width + 1);
    std::size_t line = 0;
    std::optional<CsvSyntaxError> fault;
    while (reader.next(cells, line, fault)) {
        if (fault) {
            problems.add(fault->line, "",
                         fmt::format("The file is not valid CSV at character {}: {}", fault->column,
                                     fault->message));
            continue;
        }
        if (cells.size() != width) {
            problems.add(line, "",
                         fmt::format("This line has {} value{} but the first line names {} "
                                     "column{}",
                                     cells.size(), cells.size() == 1 ? "" : "s", width,
                                     width == 1 ? "" : "s"));
            continue;
        }
        bool ok = true;
        for (std::size_t i = 0; i < width; ++i) {
            if (const auto f = cell_fault(cells[i]); f != TextFault::None) {
                problems.add(line, header.header[i], text_problem(f));
                ok = false;
            }
        }
        if (!ok) continue;
        const auto code = trim(cells[c_code]), metric = trim(cells[c_metric]),
                   period = trim(cells[c_period]), name = trim(cells[c_name]);
        const auto required = [&](std::string_view v, std::size_t col, std::string_view what) {
            if (v.empty()) {
                problems.add(line, header.header[col], fmt::format("The {} is blank", what));
                ok = false;
            } else if (v.size() > k_max_code) {
                problems.add(line, header.header[col],
                             fmt::format("The {} is longer than {} characters", what, k_max_code));
                ok = false;
            }
        };
        required(code, c_code, "area code");
        required(metric, c_metric, "metric");
        required(period, c_period, "period");
        if (name.size() > k_max_name) {
            problems.add(line, header.header[c_name],
                         fmt::format("The area's name is longer than {} characters", k_max_name));
            ok = false;
        }
        // The areas and metrics are known even from a line at fault, so that the groups and
        // metrics files are not blamed for naming them.
        std::uint32_t area_id = 0, metric_id = 0;
        if (!code.empty() && code.size() <= k_max_code) area_id = out.areas.add(code);
        if (!metric.empty() && metric.size() <= k_max_code) metric_id = out.metrics.add(metric);
        const auto value = dataset_number(cells[c_value]);
        if (!value) {
            const auto v = trim(cells[c_value]);
            problems.add(line, header.header[c_value],
                         v.empty() ? std::string("The value is blank; leave the line out when "
                                                 "there is no value")
                                   : fmt::format("{} is not a number", quoted(v)));
            ok = false;
        }
        const auto optional_number = [&](const std::optional<std::size_t>& col) {
            std::optional<double> n;
            if (!col || trim(cells[*col]).empty()) return n;
            n = dataset_number(cells[*col]);
            if (!n) {
                problems.add(line, header.header[*col],
                             fmt::format("{} is not a number", quoted(trim(cells[*col]))));
                ok = false;
            }
            return n;
        };
        const auto numerator = optional_number(c_num);
        const auto denominator = optional_number(c_den);
        if (!ok) continue;
        out.lines.push_back(ValueLine{metric_id, out.periods.add(period), area_id,
                                      static_cast<std::uint32_t>(line), name, *value,
                                      numerator.value_or(k_none), denominator.value_or(k_none)});
    }
    if (out.lines.empty() && !problems.any())
        problems.add(header_line, "", "The file has no values: only the line naming the columns");
}

// Puts the lines in the order of the table's key and refuses a second value for the same
// area, metric and period, naming both lines.
void sort_and_check_repeats(ValuesFile& file, ImportProblems& problems) {
    const auto m = file.metrics.ranks(), p = file.periods.ranks(), a = file.areas.ranks();
    struct Key {
        std::uint32_t metric, period, area, index;
    };
    std::vector<Key> keys;
    keys.reserve(file.lines.size());
    for (std::uint32_t i = 0; i < file.lines.size(); ++i) {
        const auto& l = file.lines[i];
        keys.push_back({m[l.metric], p[l.period], a[l.area], i});
    }
    // Lines of the same key stay in file order, so the earlier line is named first.
    const auto before = [](const Key& x, const Key& y) {
        return std::tie(x.metric, x.period, x.area, x.index) <
               std::tie(y.metric, y.period, y.area, y.index);
    };
    const bool in_order = std::is_sorted(keys.begin(), keys.end(), before);
    if (!in_order) std::sort(keys.begin(), keys.end(), before);
    const auto same = [](const Key& x, const Key& y) {
        return x.metric == y.metric && x.period == y.period && x.area == y.area;
    };
    bool repeats = false;
    for (std::size_t k = 1, first = 0; k < keys.size(); ++k) {
        if (!same(keys[k], keys[first])) {
            first = k;
            continue;
        }
        const auto& l = file.lines[keys[k].index];
        problems.add(l.line, "",
                     fmt::format("{} already has a value of {} for {} on line {}; give each "
                                 "area one value for a metric and period",
                                 file.areas.name(l.area), file.metrics.name(l.metric),
                                 file.periods.name(l.period), file.lines[keys[first].index].line));
        repeats = true;
    }
    // A file written in the table's order (as the conversion scripts write theirs) is not
    // copied.
    if (in_order && !repeats) return;
    std::vector<ValueLine> sorted;
    sorted.reserve(file.lines.size());
    for (std::size_t k = 0; k < keys.size(); ++k)
        if (k == 0 || !same(keys[k], keys[k - 1])) sorted.push_back(file.lines[keys[k].index]);
    file.lines = std::move(sorted);
}

// ---------------------------------------------------------------------------------------
// The groups, metrics and neighbours files.

struct MetricLine {
    std::string metric, title, polarity;
};

std::vector<MetricLine> read_metrics(std::string_view text, const ValuesFile& values,
                                     ImportProblems& problems) {
    std::vector<MetricLine> out;
    const auto table = read_csv_table(text, {{"metric", "polarity"}, {"title"}}, problems);
    if (!table.header_ok) return out;
    std::map<std::string, std::size_t, std::less<>> seen;
    for (const auto& row : table.rows) {
        const std::string metric(trim(*table.get(row, "metric")));
        const std::string title(trim(table.get(row, "title").value_or("")));
        const std::string polarity = import_key(*table.get(row, "polarity"));
        bool ok = true;
        if (metric.empty()) {
            problems.add(row.line, "metric", "The metric is blank");
            ok = false;
        } else if (!values.metrics.contains(metric)) {
            problems.add(row.line, "metric",
                         fmt::format("{} has no values in the values file", quoted(metric)));
            ok = false;
        } else if (const auto [it, added] = seen.try_emplace(metric, row.line); !added) {
            problems.add(row.line, "metric",
                         fmt::format("{} is on line {} as well; name each metric once",
                                     quoted(metric), it->second));
            ok = false;
        }
        if (const auto f = text_fault(title, Lines::One); f != TextFault::None) {
            problems.add(row.line, "title", text_problem(f));
            ok = false;
        } else if (title.size() > k_max_name) {
            problems.add(row.line, "title",
                         fmt::format("The title is longer than {} characters", k_max_name));
            ok = false;
        }
        if (!polarity.empty() && polarity != "higher" && polarity != "lower") {
            problems.add(row.line, "polarity",
                         fmt::format("{} is neither higher nor lower (leave it blank when "
                                     "neither is better)",
                                     quoted(trim(*table.get(row, "polarity")))));
            ok = false;
        }
        if (ok) out.push_back({metric, title, polarity});
    }
    return out;
}

struct GroupMember {
    std::string kind, group, area;
};

void read_groups(std::string_view text, const ValuesFile& values, std::vector<GroupMember>& out,
                 ImportProblems& problems) {
    const auto table = read_csv_table(text, {{"group", "area_code"}, {}}, problems);
    if (!table.header_ok) return;
    std::map<std::pair<std::string, std::string>, std::size_t> seen;
    for (const auto& row : table.rows) {
        const std::string group(trim(*table.get(row, "group")));
        const std::string area(trim(*table.get(row, "area_code")));
        bool ok = true;
        if (group.empty()) {
            problems.add(row.line, "group", "The group is blank");
            ok = false;
        } else if (group.size() > k_max_code) {
            problems.add(row.line, "group",
                         fmt::format("The group is longer than {} characters", k_max_code));
            ok = false;
        } else if (import_key(group) == k_neighbours) {
            problems.add(row.line, "group",
                         "\"neighbours\" is kept for each area's nearest neighbours; give the "
                         "group another name");
            ok = false;
        } else if (text_fault(group, Lines::One) != TextFault::None) {
            problems.add(row.line, "group", text_problem(text_fault(group, Lines::One)));
            ok = false;
        }
        if (area.empty()) {
            problems.add(row.line, "area_code", "The area code is blank");
            ok = false;
        } else if (!values.areas.contains(area)) {
            problems.add(row.line, "area_code",
                         fmt::format("{} is not an area in the values file", quoted(area)));
            ok = false;
        }
        if (!ok) continue;
        if (const auto [it, added] = seen.try_emplace({group, area}, row.line); !added) {
            problems.add(row.line, "",
                         fmt::format("{} is in {} on line {} already", quoted(area), quoted(group),
                                     it->second));
            continue;
        }
        out.push_back({std::string(k_kind_group), group, area});
    }
}

// Problems in the neighbours file, which is JSON: each names the area whose set it is in.
std::size_t read_neighbours(std::string_view text, const ValuesFile& values,
                            std::vector<GroupMember>& out, std::vector<FieldError>& problems) {
    std::error_code ec;
    const json::value doc = json::parse(text, ec);
    if (ec) {
        problems.push_back(
            {"neighbours", fmt::format("This is not JSON ({}); write an object such as "
                                       "{{\"E06000001\": [\"E06000002\", \"E06000003\"]}}",
                                       ec.message())});
        return 0;
    }
    if (!doc.is_object()) {
        problems.push_back({"neighbours",
                            "This must be one JSON object, each area's code naming the list of "
                            "its neighbours' codes"});
        return 0;
    }
    std::size_t sets = 0;
    for (const auto& [key, list] : doc.as_object()) {
        const std::string_view area(key);
        const std::string where = fmt::format("neighbours, area {}", shown_safely(area));
        if (!values.areas.contains(area)) {
            problems.push_back(
                {where, fmt::format("{} is not an area in the values file", quoted(area))});
            continue;
        }
        if (!list.is_array()) {
            problems.push_back({where, "This must be a list of area codes"});
            continue;
        }
        std::set<std::string_view> seen;
        bool any = false;
        std::size_t item = 0;
        for (const auto& member : list.as_array()) {
            ++item;
            if (!member.is_string()) {
                problems.push_back(
                    {where, fmt::format("Item {} must be an area code in quotes", item)});
                continue;
            }
            const std::string_view code(member.as_string());
            if (!values.areas.contains(code)) {
                problems.push_back({where, fmt::format("Item {}, {}, is not an area in the "
                                                       "values file",
                                                       item, quoted(code))});
                continue;
            }
            if (!seen.insert(code).second) {
                problems.push_back({where, fmt::format("Item {}, {}, is in the list already", item,
                                                       quoted(code))});
                continue;
            }
            out.push_back({std::string(k_kind_neighbours), std::string(area), std::string(code)});
            any = true;
        }
        if (any) ++sets;
    }
    return sets;
}

// Every file's problems at once, each named by its file, under one heading.
Error import_error(const std::vector<std::pair<std::string_view, const ImportProblems*>>& files,
                   const std::vector<FieldError>& neighbours) {
    std::vector<FieldError> errors;
    std::size_t count = neighbours.size();
    for (const auto& [file, problems] : files) {
        if (!problems->any()) continue;
        count += problems->count();
        for (auto& e : problems->error().errors)
            errors.push_back({fmt::format("{} {}", file, e.field), std::move(e.message)});
    }
    for (const auto& e : neighbours) errors.push_back(e);
    if (errors.size() > ImportProblems::k_max_reported)
        errors.resize(ImportProblems::k_max_reported);
    std::string heading =
        fmt::format("The dataset was not imported: {} problem{} found, and nothing was written.",
                    count, count == 1 ? "" : "s");
    if (count > errors.size())
        heading +=
            fmt::format(" The first {} are listed; correct them and try again.", errors.size());
    return Error::validation(std::move(errors), std::move(heading));
}

Result<void> check_name(std::string_view name) {
    const bool fine = !name.empty() && name.size() <= 60 && name.front() != '-' &&
                      std::all_of(name.begin(), name.end(), [](char c) {
                          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                      });
    if (fine) return ok();
    return std::unexpected(Error::validation(
        "name",
        "The dataset's name must be 1 to 60 lower-case letters, digits and hyphens, starting "
        "with a letter or digit, such as oflog-asc"));
}

// ---------------------------------------------------------------------------------------
// Reading a dataset back.

Error no_dataset(std::string_view name) {
    return Error::not_found(fmt::format("There is no dataset called {}.", quoted(name)));
}

Result<Dataset> find_named(Connection& c, std::string_view name) {
    auto d = dataset_repo::find_dataset(c, name);
    if (!d) return std::unexpected(no_dataset(name));
    return std::move(*d);
}

Result<DatasetService::Metric> find_metric(Connection& c, const Dataset& d,
                                           std::string_view metric) {
    auto m = dataset_repo::find_metric(c, d.id, metric);
    if (!m)
        return std::unexpected(Error::not_found(
            fmt::format("The dataset {} has no metric {}.", d.name, quoted(metric))));
    return std::move(*m);
}

// The name of an area the dataset holds, from the values at hand when it is among them.
Result<std::string> find_area(Connection& c, const Dataset& d, std::string_view area,
                              const std::vector<dataset_repo::AreaValue>& at_hand) {
    for (const auto& v : at_hand)
        if (v.area_code == area) return v.area_name;
    auto name = dataset_repo::area_name(c, d.id, area);
    if (!name)
        return std::unexpected(
            Error::not_found(fmt::format("The dataset {} has no area {}.", d.name, quoted(area))));
    return std::move(*name);
}

// The members of the group asked for: a named group, or the area's nearest neighbours.
Result<std::optional<std::vector<std::string>>> find_group(
    Connection& c, const Dataset& d, std::string_view area,
    const std::optional<std::string>& group) {
    if (!group) return std::optional<std::vector<std::string>>();
    if (*group == k_neighbours) {
        auto members = dataset_repo::group_members(c, d.id, k_kind_neighbours, area);
        if (members.empty())
            return std::unexpected(Error::not_found(fmt::format(
                "The dataset {} has no nearest neighbours for {}.", d.name, quoted(area))));
        return std::optional(std::move(members));
    }
    auto members = dataset_repo::group_members(c, d.id, k_kind_group, *group);
    if (members.empty()) {
        const auto names = dataset_repo::group_names(c, d.id, k_kind_group);
        std::string known;
        if (names.empty()) {
            known = "it has no groups";
        } else if (names.size() <= 20) {
            std::vector<std::string> shown;
            for (const auto& n : names) shown.push_back(quoted(n));
            std::vector<std::string_view> views(shown.begin(), shown.end());
            known = fmt::format("its groups are {}", list_in_words(views, "and"));
        } else {
            known = fmt::format("it has {} groups", names.size());
        }
        return std::unexpected(Error::not_found(fmt::format(
            "The dataset {} has no group {}; {}, and \"neighbours\" gives an area's nearest "
            "neighbours.",
            d.name, quoted(*group), known)));
    }
    return std::optional(std::move(members));
}

Position position_of(const DatasetService::Metric& m, std::string_view period,
                     std::string_view area, const std::string& area_name,
                     const std::vector<dataset_repo::AreaValue>& values,
                     const std::optional<std::string>& group,
                     const std::optional<std::vector<std::string>>& members) {
    Position p;
    p.metric = m.metric;
    p.metric_title = m.title;
    p.polarity = m.polarity;
    p.period = std::string(period);
    p.area = std::string(area);
    p.area_name = area_name;
    std::vector<double> all;
    all.reserve(values.size());
    for (const auto& v : values) {
        all.push_back(v.value);
        if (v.area_code == area) p.value = v.value;
    }
    const auto s = spread_of(all);
    if (!s) return p;
    p.count = s->count;
    p.mean = s->mean;
    p.median = s->median;
    p.lower_quartile = s->lower_quartile;
    p.upper_quartile = s->upper_quartile;
    p.mad = s->mad;
    if (p.value) {
        p.mads_from_median = mads_from_median(*p.value, *s);
        // A metric with no polarity has no better end: no quartile, no rank.
        if (!m.polarity.empty()) {
            const bool higher = m.polarity == "higher";
            p.quartile = quartile_of(*p.value, *s, higher);
            p.rank = rank_of(*p.value, all, higher);
        }
    }
    if (group && members) {
        p.group = *group;
        const std::unordered_set<std::string_view> in(members->begin(), members->end());
        std::vector<double> in_group;
        for (const auto& v : values)
            if (in.contains(v.area_code)) in_group.push_back(v.value);
        p.group_count = static_cast<std::int64_t>(in_group.size());
        if (const auto g = spread_of(in_group)) {
            p.group_mean = g->mean;
            p.group_median = g->median;
        }
    }
    return p;
}

}  // namespace

// ---------------------------------------------------------------------------------------

Result<DatasetSummary> DatasetService::import_dataset(const Context& ctx, const std::string& name,
                                                      const DatasetFiles& files,
                                                      const Progress& progress) {
    CIVIC_CHECK(kit::require_signed_in(ctx));
    if (!kit::covers(ctx.principal, "", kit::Access::Write))
        return std::unexpected(Error::forbidden(
            "Importing a benchmark dataset needs a role that may change things for the whole "
            "council: an administrator, or an editor for the whole council."));
    CIVIC_CHECK(check_name(name));
    kit::Checks checks;
    checks.text("title", "Title", files.title, kit::Required::No, k_max_name);
    checks.text("source", "Source", files.source, kit::Required::No, k_max_source);
    CIVIC_CHECK(checks.result());

    ValuesFile values;
    ImportProblems value_problems, group_problems, metric_problems;
    std::vector<FieldError> neighbour_problems;
    read_values(files.values, values, value_problems);
    sort_and_check_repeats(values, value_problems);
    std::vector<GroupMember> groups;
    if (files.groups) read_groups(*files.groups, values, groups, group_problems);
    std::vector<MetricLine> metric_lines;
    if (files.metrics) metric_lines = read_metrics(*files.metrics, values, metric_problems);
    std::size_t neighbour_sets = 0;
    if (files.neighbours)
        neighbour_sets = read_neighbours(*files.neighbours, values, groups, neighbour_problems);
    if (value_problems.any() || group_problems.any() || metric_problems.any() ||
        !neighbour_problems.empty())
        return std::unexpected(import_error({{"values", &value_problems},
                                             {"groups", &group_problems},
                                             {"metrics", &metric_problems}},
                                            neighbour_problems));

    // Every metric of the values, with its title and polarity when the metrics file gives
    // them: a metric it leaves out, or gives no polarity, cannot be ranked.
    std::map<std::string_view, const MetricLine*> described;
    for (const auto& m : metric_lines) described[m.metric] = &m;
    std::vector<std::string_view> metric_names;
    for (std::uint32_t i = 0; i < values.metrics.size(); ++i)
        metric_names.push_back(values.metrics.name(i));
    std::sort(metric_names.begin(), metric_names.end());
    std::set<std::string_view> group_names;
    for (const auto& g : groups)
        if (g.kind == k_kind_group) group_names.insert(g.group);

    DatasetSummary summary;
    summary.name = name;
    summary.values = static_cast<std::int64_t>(values.lines.size());
    summary.metrics = static_cast<std::int64_t>(values.metrics.size());
    summary.areas = static_cast<std::int64_t>(values.areas.size());
    summary.periods = static_cast<std::int64_t>(values.periods.size());
    summary.groups = static_cast<std::int64_t>(group_names.size());
    summary.neighbours = static_cast<std::int64_t>(neighbour_sets);

    const std::size_t total = values.lines.size();
    if (progress) progress(0, total);
    auto done = m_db.write([&](Connection& c) -> Result<DatasetSummary> {
        // SQLite defers the foreign-key check of each value's dataset to the commit, which
        // takes about a quarter off a large insert; the pragma lapses at the commit.
        if (c.dialect() == store::Dialect::Sqlite) c.execute("PRAGMA defer_foreign_keys = ON");
        const std::string now = kit::now_text(ctx);
        auto before = dataset_repo::find_dataset(c, name);
        Dataset d;
        std::optional<std::string> before_json;
        if (before) {
            before_json = json::serialize(to_json(*before));
            d = *before;
            dataset_repo::clear_dataset(c, d.id);
            d.version += 1;
        } else {
            d.id = new_id();
            d.name = name;
            d.created_at = now;
        }
        // A title or source left out keeps the one the dataset had.
        if (!trim(files.title).empty() || !before) d.title = std::string(trim(files.title));
        if (!trim(files.source).empty() || !before) d.source = std::string(trim(files.source));
        if (d.title.empty()) d.title = name;
        d.value_count = summary.values;
        d.updated_at = now;
        if (before)
            dataset_repo::update_dataset(c, d);
        else
            dataset_repo::insert_dataset(c, d);

        const std::string_view id(d.id);
        static constexpr std::string_view value_columns[] = {"dataset_id", "metric",     "period",
                                                             "area_code",  "area_name",  "value",
                                                             "numerator",  "denominator"};
        store::insert_rows(
            c, "dataset_values", value_columns, total,
            [&](std::size_t i, std::vector<store::Value>& row) {
                if (progress && i % k_progress_every == 0 && i > 0) progress(i, total);
                const auto& l = values.lines[i];
                row.emplace_back(id);
                row.emplace_back(values.metrics.name(l.metric));
                row.emplace_back(values.periods.name(l.period));
                row.emplace_back(values.areas.name(l.area));
                row.emplace_back(l.area_name);
                row.emplace_back(l.value);
                row.emplace_back(std::isnan(l.numerator) ? store::Value(nullptr)
                                                         : store::Value(l.numerator));
                row.emplace_back(std::isnan(l.denominator) ? store::Value(nullptr)
                                                           : store::Value(l.denominator));
            });
        static constexpr std::string_view metric_columns[] = {"dataset_id", "metric", "title",
                                                              "polarity"};
        store::insert_rows(
            c, "dataset_metrics", metric_columns, metric_names.size(),
            [&](std::size_t i, std::vector<store::Value>& row) {
                const auto it = described.find(metric_names[i]);
                const MetricLine* m = it == described.end() ? nullptr : it->second;
                row.emplace_back(id);
                row.emplace_back(metric_names[i]);
                row.emplace_back(m && !m->title.empty() ? std::string_view(m->title)
                                                        : metric_names[i]);
                row.emplace_back(m ? std::string_view(m->polarity) : std::string_view(""));
            });
        static constexpr std::string_view group_columns[] = {"dataset_id", "kind", "group_name",
                                                             "area_code"};
        store::insert_rows(c, "dataset_groups", group_columns, groups.size(),
                           [&](std::size_t i, std::vector<store::Value>& row) {
                               row.emplace_back(id);
                               row.emplace_back(std::string_view(groups[i].kind));
                               row.emplace_back(std::string_view(groups[i].group));
                               row.emplace_back(std::string_view(groups[i].area));
                           });
        auto after = to_json(d);
        after["imported"] = to_json(summary);
        store::record_audit(c, ctx, "dataset", d.id, before_json ? "import" : "create", before_json,
                            json::serialize(after));
        return summary;
    });
    if (done && progress) progress(total, total);
    return done;
}

Result<std::vector<Dataset>> DatasetService::list_datasets(const Context& ctx) {
    CIVIC_CHECK(kit::require_signed_in(ctx));
    return m_db.read([&](Connection& c) { return dataset_repo::list_datasets(c); });
}

Result<Dataset> DatasetService::get_dataset(const Context& ctx, const std::string& name) {
    CIVIC_CHECK(kit::require_signed_in(ctx));
    return m_db.read([&](Connection& c) { return find_named(c, name); });
}

Result<std::vector<DatasetService::Metric>> DatasetService::metrics(const Context& ctx,
                                                                    const std::string& name) {
    CIVIC_CHECK(kit::require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<std::vector<Metric>> {
        CIVIC_TRY(const auto d, find_named(c, name));
        auto out = dataset_repo::list_metrics(c, d.id);
        for (auto& m : out) m.periods = dataset_repo::metric_periods(c, d.id, m.metric);
        return out;
    });
}

Result<Position> DatasetService::benchmark(const Context& ctx, const std::string& name,
                                           const std::string& metric, const std::string& period,
                                           const std::string& area,
                                           const std::optional<std::string>& group) {
    CIVIC_CHECK(kit::require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<Position> {
        CIVIC_TRY(const auto d, find_named(c, name));
        CIVIC_TRY(const auto m, find_metric(c, d, metric));
        const auto values = dataset_repo::period_values(c, d.id, metric, period);
        if (values.empty()) {
            const auto metrics = dataset_repo::list_metrics(c, d.id);
            const bool known = std::any_of(metrics.begin(), metrics.end(), [&](const Metric& x) {
                return !dataset_repo::period_values(c, d.id, x.metric, period).empty();
            });
            if (!known)
                return std::unexpected(Error::not_found(
                    fmt::format("The dataset {} has no period {}.", d.name, quoted(period))));
            return std::unexpected(Error::not_found(fmt::format(
                "The dataset {} has no values of {} for {}.", d.name, m.metric, quoted(period))));
        }
        CIVIC_TRY(const auto area_name, find_area(c, d, area, values));
        CIVIC_TRY(const auto members, find_group(c, d, area, group));
        return position_of(m, period, area, area_name, values, group, members);
    });
}

Result<std::vector<Position>> DatasetService::benchmark_all(
    const Context& ctx, const std::string& name, const std::string& period, const std::string& area,
    const std::optional<std::string>& group) {
    CIVIC_CHECK(kit::require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<std::vector<Position>> {
        CIVIC_TRY(const auto d, find_named(c, name));
        const auto metrics = dataset_repo::list_metrics(c, d.id);
        std::vector<std::pair<const Metric*, std::vector<dataset_repo::AreaValue>>> found;
        std::vector<dataset_repo::AreaValue> own;
        for (const auto& m : metrics) {
            auto values = dataset_repo::period_values(c, d.id, m.metric, period);
            if (values.empty()) continue;
            for (const auto& v : values)
                if (v.area_code == area && own.empty()) own.push_back(v);
            found.emplace_back(&m, std::move(values));
        }
        if (found.empty())
            return std::unexpected(Error::not_found(
                fmt::format("The dataset {} has no period {}.", d.name, quoted(period))));
        CIVIC_TRY(const auto area_name, find_area(c, d, area, own));
        CIVIC_TRY(const auto members, find_group(c, d, area, group));
        std::vector<Position> out;
        out.reserve(found.size());
        for (const auto& [m, values] : found)
            out.push_back(position_of(*m, period, area, area_name, values, group, members));
        return out;
    });
}

Result<std::vector<Position>> DatasetService::series(const Context& ctx, const std::string& name,
                                                     const std::string& metric,
                                                     const std::string& area) {
    CIVIC_CHECK(kit::require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<std::vector<Position>> {
        CIVIC_TRY(const auto d, find_named(c, name));
        CIVIC_TRY(const auto m, find_metric(c, d, metric));
        const auto values = dataset_repo::metric_values(c, d.id, metric);
        CIVIC_TRY(const auto area_name, find_area(c, d, area, values));
        std::vector<Position> out;
        std::vector<dataset_repo::AreaValue> one_period;
        for (std::size_t i = 0; i < values.size(); ++i) {
            one_period.push_back(values[i]);
            if (i + 1 == values.size() || values[i + 1].period != values[i].period) {
                out.push_back(position_of(m, values[i].period, area, area_name, one_period,
                                          std::nullopt, std::nullopt));
                one_period.clear();
            }
        }
        return out;
    });
}

}  // namespace civic::indicators
