// SPDX-License-Identifier: AGPL-3.0-or-later
// The spreadsheets councils keep: indicators (one a line) and their values and targets (one
// period of one indicator a line), read all or nothing with every fault named by its line and
// column; and the same columns written back out.
//
// An import of values is the council's published figures, so its values come in approved, by
// whoever imports them, who must be able to change the indicator. A period that already has
// an approved value keeps it when the file says the same; a different figure is a correction
// and needs the reason column. Each value has its own entry in the audit trail, as one entered
// by hand does, written several a statement.
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "civic/core/csv.hpp"
#include "civic/core/ids.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/indicators/service.hpp"
#include "civic/modules/indicators/service_support.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/store/audit.hpp"

namespace civic::indicators {
using namespace detail;
using store::Connection;

namespace {

constexpr std::string_view k_indicator_required[] = {"code",     "title",     "unit",
                                                     "polarity", "frequency", "rag_rule"};
constexpr std::string_view k_indicator_optional[] = {"description",
                                                     "decimals",
                                                     "aggregation",
                                                     "kind",
                                                     "source",
                                                     "owner",
                                                     "entry_person",
                                                     "owner_unit",
                                                     "entry_deadline_days",
                                                     "plausible_min",
                                                     "plausible_max",
                                                     "baseline",
                                                     "baseline_period",
                                                     "commentary_required",
                                                     "benchmark_dataset",
                                                     "benchmark_metric",
                                                     "benchmark_area"};
// The API's field for each column whose name differs.
std::string_view column_of(std::string_view field) {
    if (field == "measure_unit") return "unit";
    if (field == "unit_id") return "owner_unit";
    if (field == "owner_person_id") return "owner";
    if (field == "entry_person_id") return "entry_person";
    return field;
}

// A column's position in the header, or -1.
int column(const CsvTable& t, std::string_view name) {
    for (std::size_t i = 0; i < t.header.size(); ++i)
        if (t.header[i] == name) return static_cast<int>(i);
    return -1;
}

// A cell's text: "" when the file has no such column.
std::string_view text_at(const CsvRecord& row, int col) {
    if (col < 0 || static_cast<std::size_t>(col) >= row.fields.size()) return {};
    return row.fields[static_cast<std::size_t>(col)];
}

// A number cell: nullopt when absent, a nullopt inside when blank.
std::optional<std::optional<double>> number_cell(const CsvRecord& row, int col,
                                                 std::string_view name, ImportProblems& problems) {
    if (col < 0) return std::nullopt;
    const std::string_view text = text_at(row, col);
    if (trim(text).empty()) return std::optional<double>();
    if (auto n = parse_number(text)) return std::optional<double>(*n);
    problems.add(row.line, name,
                 fmt::format("'{}' is not a number; write it as 81, 81.5 or 1,250",
                             shortened(trim(text), 40)));
    return std::nullopt;
}

// A person named by name (or id) in the register, for the owner and entry person columns.
std::optional<std::string> person_named(Connection& c, std::string_view text) {
    const std::string key(trim(text));
    if (is_id(key)) {
        if (auto p = org::repo::find_person(c, key); p && !p->archived_at) return p->id;
        return std::nullopt;
    }
    std::optional<std::string> found;
    c.query("SELECT id FROM people WHERE archived_at IS NULL AND LOWER(name) = LOWER(?)",
            {std::string_view(key)}, [&](const store::Row& r) {
                if (!found) found = r.str(0);
            });
    return found;
}

std::optional<std::string> unit_named(Connection& c, std::string_view text) {
    const std::string key(trim(text));
    if (is_id(key)) return key;
    for (const auto& u : org::repo::find_units_by_name(c, key))
        if (!u.archived_at) return u.id;
    return std::nullopt;
}

// The council itself: the unit at the top of the tree, where indicators without an owning unit
// belong.
std::optional<std::string> council_unit(Connection& c) {
    return c.query_one(
        "SELECT id FROM units WHERE parent_id IS NULL AND archived_at IS NULL ORDER BY created_at",
        {}, [](const store::Row& r) { return r.str(0); });
}

std::string number_text(double v) {
    std::string s = fmt::format("{:.10f}", v);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}
std::string number_text(const std::optional<double>& v) { return v ? number_text(*v) : ""; }

bool same_number(const std::optional<double>& a, const std::optional<double>& b) {
    if (!a || !b) return !a && !b;
    return std::abs(*a - *b) <= 1e-9 * std::max({1.0, std::abs(*a), std::abs(*b)});
}

// ---- what an import of values keeps while it reads a file

// Values and targets are written several statements at a time: insert_rows binds up to 4,000
// parameters a statement, which is 210 values of 19 columns or 363 targets of 11.
constexpr std::size_t k_value_batch = 210 * 10;
constexpr std::size_t k_target_batch = 363 * 6;

struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Canonical periods, numbered as they are met, so that a line's period is compared and
// looked up as a number.
class PeriodNames {
public:
    std::uint32_t id(const std::string& canonical) {
        auto [it, fresh] = m_ids.try_emplace(canonical, static_cast<std::uint32_t>(m_names.size()));
        if (fresh) m_names.push_back(&it->first);
        return it->second;
    }
    const std::string& name(std::uint32_t id) const { return *m_names[id]; }

private:
    std::unordered_map<std::string, std::uint32_t> m_ids;
    std::vector<const std::string*> m_names;  // the map's own keys, which never move
};

// A period as a file writes it, read once.
struct TextPeriod {
    bool ok = false;
    std::uint32_t id = 0;  // in PeriodNames
    PeriodKind kind = PeriodKind::Month;
};

// A period's latest revision, as far as an import needs it.
struct HeldValue {
    std::string id;
    std::int64_t version = 0, revision = 0;
    std::string status;
    std::optional<double> value, numerator, denominator;

    std::optional<double> figure(std::string_view measure_unit) const {
        Value v;
        v.value = value;
        v.numerator = numerator;
        v.denominator = denominator;
        return figure_of(v, measure_unit);
    }
};

// A target already held, as far as put_target (service_values.cpp) compares it with the
// target a line sets: the same when it is that plain value, not a band or a share of a year's.
struct HeldTarget {
    std::optional<double> value;
    bool plain = false;

    explicit HeldTarget(const TargetRecord& t)
        : value(t.value), plain(!t.low && !t.high && !t.profiled_from && t.profile.empty()) {}
    bool same(double v) const {
        return plain && value && *value == v && std::signbit(*value) == std::signbit(v);
    }
};

// An indicator the file names, with what it already holds.
struct Named {
    Indicator indicator;
    PeriodKind kind = PeriodKind::Quarter;                // of its values
    std::uint32_t number = 0;                             // in the order met
    std::unordered_map<std::uint32_t, HeldValue> latest;  // by period
    // The targets held before the import, and those it changes through set_target_on. The
    // new ones it writes itself are not kept: no other line sets that period's target.
    std::unordered_map<std::uint32_t, HeldTarget> targets;  // by period

    void load(Connection& c, Indicator i, std::size_t n, PeriodNames& names) {
        indicator = std::move(i);
        kind = native_kind(indicator.frequency);
        number = static_cast<std::uint32_t>(n);
        for (auto& v : repo::list_values(c, indicator.id)) {
            auto [it, fresh] = latest.try_emplace(names.id(v.period));
            if (fresh || v.revision > it->second.revision)
                it->second = {std::move(v.id), v.version,   v.revision,   std::move(v.status),
                              v.value,         v.numerator, v.denominator};
        }
        for (const auto& t : repo::list_targets(c, indicator.id))
            targets.insert_or_assign(names.id(t.period), HeldTarget(t));
    }
};

// A target a line sets, written once every line has been checked.
struct FileTarget {
    Named* named;
    std::uint32_t period;
    PeriodKind kind;
    double value;
};

}  // namespace

Result<ImportSummary> IndicatorService::import_indicators_csv(const Context& ctx,
                                                              std::string_view csv,
                                                              const Progress& progress) {
    CIVIC_CHECK(require_signed_in(ctx));
    ImportProblems problems;
    CsvColumns columns;
    columns.required.assign(std::begin(k_indicator_required), std::end(k_indicator_required));
    columns.optional.assign(std::begin(k_indicator_optional), std::end(k_indicator_optional));
    const CsvTable t = read_csv_table(csv, columns, problems);
    if (!t.header_ok) return std::unexpected(problems.error());
    ImportSummary summary;
    auto done = m_db.write([&](Connection& c) -> Result<ImportSummary> {
        std::map<std::string, std::size_t> seen;  // code → line
        const auto council = council_unit(c);
        std::size_t n = 0;
        for (const auto& row : t.rows) {
            if (progress && ++n % 1000 == 0) progress(n, t.rows.size());
            const auto get = [&](std::string_view name) { return t.get(row, name); };
            IndicatorInput in;
            in.code = get("code");
            in.title = get("title");
            in.measure_unit = get("unit");
            in.polarity = get("polarity");
            in.frequency = get("frequency");
            in.rag_rule = get("rag_rule");
            const auto text_or_skip = [&](std::string_view name) -> std::optional<std::string> {
                auto v = get(name);
                if (v && trim(*v).empty()) return std::nullopt;
                return v;
            };
            in.description = text_or_skip("description");
            in.aggregation = text_or_skip("aggregation");
            in.kind = text_or_skip("kind");
            in.source = text_or_skip("source");
            in.benchmark_dataset = text_or_skip("benchmark_dataset");
            in.benchmark_metric = text_or_skip("benchmark_metric");
            in.benchmark_area = text_or_skip("benchmark_area");
            in.baseline_period = text_or_skip("baseline_period");
            for (const auto& [name, to] :
                 {std::pair{"decimals", &in.decimals},
                  std::pair{"entry_deadline_days", &in.entry_deadline_days}}) {
                auto v = text_or_skip(name);
                if (!v) continue;
                std::int64_t whole = 0;
                const std::string s(trim(*v));
                auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), whole);
                if (ec != std::errc() || end != s.data() + s.size())
                    problems.add(row.line, name,
                                 fmt::format("'{}' is not a whole number", shortened(s, 40)));
                else
                    *to = whole;
            }
            for (const auto& [name, to] : {std::pair{"plausible_min", &in.plausible_min},
                                           std::pair{"plausible_max", &in.plausible_max},
                                           std::pair{"baseline", &in.baseline}})
                *to = number_cell(row, column(t, name), name, problems);
            if (auto v = text_or_skip("commentary_required")) {
                const std::string key = import_key(*v);
                if (key == "yes" || key == "true" || key == "y")
                    in.commentary_required = true;
                else if (key == "no" || key == "false" || key == "n")
                    in.commentary_required = false;
                else
                    problems.add(row.line, "commentary_required", "Write yes or no");
            }
            for (const auto& [name, to] : {std::pair{"owner", &in.owner_person_id},
                                           std::pair{"entry_person", &in.entry_person_id}}) {
                auto v = text_or_skip(name);
                if (!v) continue;
                if (auto id = person_named(c, *v))
                    *to = *id;
                else
                    problems.add(row.line, name,
                                 fmt::format("There is no one called '{}' in the register",
                                             shortened(trim(*v), 80)));
            }
            if (auto v = text_or_skip("owner_unit")) {
                if (auto id = unit_named(c, *v))
                    in.unit_id = *id;
                else
                    problems.add(
                        row.line, "owner_unit",
                        fmt::format("There is no unit called '{}'", shortened(trim(*v), 80)));
            }
            const std::string code(trim(in.code.value_or("")));
            if (auto [it, fresh] = seen.emplace(import_key(code), row.line); !fresh) {
                problems.add(row.line, "code",
                             fmt::format("{} is already on line {}", code, it->second));
                continue;
            }
            if (problems.on_line(row.line)) continue;
            // An indicator already held is changed; a new one is created.
            auto existing = code.empty() ? std::nullopt : repo::find_indicator_by_code(c, code);
            Indicator i;
            if (existing) {
                i = *existing;
                if (!may_change(ctx.principal, i) || i.archived_at) {
                    problems.add(row.line, "code",
                                 fmt::format("There is already an indicator {} that you cannot "
                                             "change",
                                             code));
                    continue;
                }
            } else {
                i.id = new_id();
                i.created_at = i.updated_at = now_text(ctx);
                if (!in.unit_id) in.unit_id = council;
            }
            const Indicator before = i;
            auto applied = apply_indicator_input(c, ctx, in, i, !existing);
            if (!applied) {
                for (const auto& fe : applied.error().errors)
                    problems.add(row.line, column_of(fe.field), fe.message);
                continue;
            }
            if (existing) {
                if (audit_text(i) == audit_text(before)) continue;
                if (i.frequency != before.frequency && !repo::list_values(c, i.id).empty()) {
                    problems.add(row.line, "frequency",
                                 "This indicator already has values for its periods; make a new "
                                 "indicator for a new frequency");
                    continue;
                }
                i.version = before.version + 1;
                i.updated_at = now_text(ctx);
                repo::update_indicator(c, i, before.version);
                store::record_audit(c, ctx, k_indicator.name, i.id, "update", audit_text(before),
                                    audit_text(i));
                ++summary.updated;
            } else {
                repo::insert_indicator(c, i);
                store::record_audit(c, ctx, k_indicator.name, i.id, "create", std::nullopt,
                                    audit_text(i));
                ++summary.created;
            }
        }
        if (problems.any()) return std::unexpected(problems.error());
        return summary;
    });
    return done;
}

Result<ImportSummary> IndicatorService::import_values_csv(const Context& ctx, std::string_view csv,
                                                          const Progress& progress) {
    CIVIC_CHECK(require_signed_in(ctx));
    ImportProblems problems;
    const CsvTable t = read_csv_table(csv, values_columns(), problems);
    if (!t.header_ok) return std::unexpected(problems.error());
    const int c_indicator = column(t, "indicator"), c_period = column(t, "period"),
              c_value = column(t, "value"), c_numerator = column(t, "numerator"),
              c_denominator = column(t, "denominator"), c_target = column(t, "target"),
              c_note = column(t, "note"), c_commentary = column(t, "commentary"),
              c_reason = column(t, "reason");
    return m_db.write([&](Connection& c) -> Result<ImportSummary> {
        ImportSummary summary;
        const std::string now = now_text(ctx);
        const std::string actor = actor_name(ctx);  // who entered, submitted and approved
        // Everything a line may name, read once: a million lines name a few thousand
        // indicators and a few hundred periods.
        std::unordered_map<std::string, Named*, TextHash, std::equal_to<>> by_code;
        std::unordered_map<std::string, Named> by_id;
        std::unordered_map<std::string, TextPeriod> periods;  // by the text as written
        PeriodNames names;
        // Each indicator's period, once a file: (the indicator's number, the period's) → line.
        std::unordered_map<std::uint64_t, std::size_t> seen;
        seen.reserve(t.rows.size());
        std::vector<FileTarget> targets;
        // Values are written as they are read, a batch at a time, while no line has a
        // problem; a problem anywhere rolls the whole transaction back. The batch's records
        // are reused, so that the strings every value repeats cost no allocation a line.
        std::vector<Value> batch(k_value_batch);
        std::size_t batched = 0;
        std::optional<Error> refused;  // a write refused, answered when no line has a problem
        const auto writing = [&] { return !problems.any() && !refused; };
        std::vector<store::AuditedRecord> audited;
        const auto write_batch = [&] {
            if (!batched) return;
            const std::span<const Value> values(batch.data(), batched);
            repo::insert_values(c, values);
            // Every value has its own entry in the audit trail, written several a statement.
            audited.clear();
            for (const auto& v : values) audited.push_back({v.id, audit_text(v)});
            store::record_audits(c, ctx, k_value.name, "create", audited);
            batched = 0;
        };
        std::size_t n = 0;
        for (const auto& row : t.rows) {
            if (progress && ++n % 10000 == 0) progress(n, t.rows.size());
            const std::size_t problems_before = problems.count();
            const std::string_view code = trim(row.fields[static_cast<std::size_t>(c_indicator)]);
            auto named_it = by_code.find(code);
            if (named_it == by_code.end()) {
                const std::string key(code);
                Named* named = nullptr;
                auto found = repo::find_indicator_by_code(c, key);
                if (found && !found->archived_at && may_change(ctx.principal, *found)) {
                    auto [it, fresh] = by_id.try_emplace(found->id);
                    named = &it->second;
                    if (fresh) named->load(c, std::move(*found), by_id.size() - 1, names);
                }
                named_it = by_code.emplace(key, named).first;
            }
            if (!named_it->second) {
                problems.add(row.line, "indicator",
                             code.empty() ? "Name the indicator by its code"
                                          : fmt::format("There is no indicator {} whose values "
                                                        "you can change",
                                                        shortened(code, 60)));
                continue;
            }
            Named& named = *named_it->second;
            const Indicator& i = named.indicator;
            const std::string& period_text = row.fields[static_cast<std::size_t>(c_period)];
            auto [per, new_period] = periods.try_emplace(period_text);
            if (new_period)
                if (auto p = parse_period(trim(period_text)))
                    per->second = {true, names.id(p->to_string()), p->kind()};
            if (!per->second.ok) {
                auto p = parse_period(trim(period_text));
                problems.add(row.line, "period",
                             trim(period_text).empty()
                                 ? std::string("Enter the period, such as 2025/26 Q1")
                                 : p.error());
                continue;
            }
            const std::uint32_t period = per->second.id;
            const std::string& canonical = names.name(period);
            const auto value = number_cell(row, c_value, "value", problems);
            const auto numerator = number_cell(row, c_numerator, "numerator", problems);
            const auto denominator = number_cell(row, c_denominator, "denominator", problems);
            const auto target = number_cell(row, c_target, "target", problems);
            // The line's own problems (read_csv_table leaves out the lines it found fault with).
            if (problems.count() != problems_before) continue;
            const bool has_value =
                (value && *value) || (numerator && *numerator) || (denominator && *denominator);
            if (!has_value && !(target && *target)) {
                problems.add(row.line, "value", "Enter a value, or a target, or both");
                continue;
            }
            if (auto [it, first] =
                    seen.try_emplace((std::uint64_t{named.number} << 32) | period, row.line);
                !first) {
                problems.add(
                    row.line, "period",
                    fmt::format("{} {} is already on line {}", i.code, canonical, it->second));
                continue;
            }
            if (has_value && per->second.kind != named.kind) {
                problems.add(row.line, "period",
                             fmt::format("{} is {}, so its values are for {}", i.code, i.frequency,
                                         kind_example(named.kind)));
                continue;
            }
            if (target && *target) {
                if (i.polarity == "band") {
                    problems.add(row.line, "target",
                                 fmt::format("{} is rated against a band: set its low and high "
                                             "ends through its page or the API",
                                             i.code));
                    continue;
                }
                targets.push_back({&named, period, per->second.kind, **target});
            }
            if (!has_value) continue;
            Value& v = batch[batched];
            v.value = value ? *value : std::nullopt;
            v.numerator = numerator ? *numerator : std::nullopt;
            v.denominator = denominator ? *denominator : std::nullopt;
            if (v.denominator && *v.denominator == 0) {
                problems.add(row.line, "denominator", "The denominator must not be 0");
                continue;
            }
            const auto figure = figure_of(v, i.measure_unit);
            if (!figure) {
                problems.add(row.line, v.numerator ? "denominator" : "value",
                             "Enter the value, or its numerator and denominator");
                continue;
            }
            const std::string_view reason = trim(text_at(row, c_reason));
            // What the period already holds.
            const auto held = named.latest.find(period);
            const HeldValue* last = held == named.latest.end() ? nullptr : &held->second;
            v.revision = 1;
            v.reason.clear();
            if (last) {
                if (last->status == "draft" || last->status == "submitted") {
                    problems.add(row.line, "period",
                                 fmt::format("{} {} has a {} value waiting (revision {}); approve "
                                             "or change it first",
                                             i.code, canonical, last->status, last->revision));
                    continue;
                }
                const auto before = last->figure(i.measure_unit);
                if (same_number(before, figure) && same_number(last->numerator, v.numerator) &&
                    same_number(last->denominator, v.denominator)) {
                    ++summary.unchanged;
                    continue;
                }
                if (reason.empty()) {
                    problems.add(row.line, "value",
                                 fmt::format("{} {} already has an approved value of {}; a "
                                             "correction needs its reason in the reason column",
                                             i.code, canonical,
                                             format_value(before.value_or(0), format_of(i))));
                    continue;
                }
                v.revision = last->revision + 1;
                v.reason.assign(reason);
                // The approved revision the line corrects is kept, marked as replaced.
                if (writing()) {
                    auto done = change_record(c, ctx, k_value, last->id, last->version, "supersede",
                                              [](Value& old) -> Result<void> {
                                                  old.status = "superseded";
                                                  return ok();
                                              });
                    if (!done) refused = done.error();
                }
            }
            ++summary.values;
            // Nothing more is written once the import is bound to fail.
            if (!writing()) continue;
            v.id = new_id();
            v.indicator_id.assign(i.id);
            v.unit_path.assign(i.unit_path);
            v.period.assign(canonical);
            v.note.assign(trim(text_at(row, c_note)));
            v.commentary.assign(trim(text_at(row, c_commentary)));
            v.status.assign("approved");
            v.entered_by.assign(actor);
            v.submitted_by = v.approved_by = actor;
            v.submitted_at = v.approved_at = now;
            v.version = 1;
            v.created_at.assign(now);
            v.updated_at.assign(now);
            if (++batched == batch.size()) write_batch();
        }
        if (problems.any()) return std::unexpected(problems.error());
        if (refused) return std::unexpected(*refused);
        if (progress) progress(t.rows.size(), t.rows.size());
        write_batch();
        // Targets go through the same rules as one set by hand (a year profiled evenly). What
        // set_target_on would do with a target for one of the indicator's own periods is done
        // here for a whole batch: a new one is written, with its audit entry; one the same as
        // the target held is no change. The others (a year's, profiled over its quarters; one
        // that changes a target held) go through set_target_on, in the file's order.
        std::vector<TargetRecord> new_targets;
        const auto write_targets = [&] {
            if (new_targets.empty()) return;
            repo::insert_targets(c, new_targets);
            audited.clear();
            for (const auto& target : new_targets)
                audited.push_back({target.id, audit_text(target)});
            store::record_audits(c, ctx, "indicator_target", "create", audited);
            new_targets.clear();
        };
        for (const auto& ft : targets) {
            Named& named = *ft.named;
            const Indicator& i = named.indicator;
            if (ft.kind == named.kind) {
                const auto held = named.targets.find(ft.period);
                if (held == named.targets.end()) {
                    TargetRecord& target = new_targets.emplace_back();
                    target.id = new_id();
                    target.indicator_id = i.id;
                    target.unit_path = i.unit_path;
                    target.period = names.name(ft.period);
                    target.value = ft.value;
                    target.created_at = target.updated_at = now;
                    ++summary.targets;
                    if (new_targets.size() == k_target_batch) write_targets();
                    continue;
                }
                if (held->second.same(ft.value)) {
                    ++summary.targets;
                    continue;
                }
            }
            write_targets();
            TargetInput ti;
            ti.indicator_id = i.id;
            ti.period = names.name(ft.period);
            ti.value = std::optional<double>(ft.value);
            auto set = set_target_on(c, ctx, ti);
            if (!set) return std::unexpected(set.error());
            for (const auto& done : *set)
                named.targets.insert_or_assign(names.id(done.period), HeldTarget(done));
            summary.targets += static_cast<std::int64_t>(set->size());
        }
        write_targets();
        return summary;
    });
}

Result<std::string> IndicatorService::export_indicators_csv(const Context& ctx) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<std::string> {
        std::string out;
        const auto row = [&out](std::initializer_list<std::string_view> fields) {
            bool first = true;
            for (auto f : fields) {
                if (!first) out += ',';
                first = false;
                append_csv_field(out, f);
            }
            out += "\r\n";
        };
        std::vector<std::string_view> header(std::begin(k_indicator_required),
                                             std::end(k_indicator_required));
        header.insert(header.end(), std::begin(k_indicator_optional),
                      std::end(k_indicator_optional));
        for (std::size_t n = 0; n < header.size(); ++n) {
            if (n) out += ',';
            out += header[n];
        }
        out += "\r\n";
        repo::IndicatorFilter f;
        f.limit = 0;
        const auto name_of = [&c](const std::optional<std::string>& id) -> std::string {
            if (!id) return "";
            auto p = org::repo::find_person(c, *id);
            return p ? p->name : *id;
        };
        for (const auto& i : repo::list_indicators(c, f)) {
            const auto unit = org::repo::find_unit(c, i.unit_id);
            row({i.code,
                 i.title,
                 i.measure_unit,
                 i.polarity,
                 i.frequency,
                 i.rag_rule,
                 i.description,
                 std::to_string(i.decimals),
                 i.aggregation,
                 i.kind,
                 i.source,
                 name_of(i.owner_person_id),
                 name_of(i.entry_person_id),
                 unit ? unit->name : i.unit_id,
                 std::to_string(i.entry_deadline_days),
                 number_text(i.plausible_min),
                 number_text(i.plausible_max),
                 number_text(i.baseline),
                 i.baseline_period.value_or(""),
                 i.commentary_required ? "yes" : "no",
                 i.benchmark_dataset.value_or(""),
                 i.benchmark_metric.value_or(""),
                 i.benchmark_area.value_or("")});
        }
        return out;
    });
}

Result<std::string> IndicatorService::export_values_csv(
    const Context& ctx, const std::optional<std::string>& id_or_code) {
    CIVIC_CHECK(require_signed_in(ctx));
    std::vector<Indicator> which;
    if (id_or_code) {
        CIVIC_TRY(auto i, find_indicator(ctx, *id_or_code));
        which.push_back(i);
    } else {
        repo::IndicatorFilter f;
        f.limit = 0;
        which = m_db.read([&](Connection& c) { return repo::list_indicators(c, f); });
    }
    return m_db.read([&](Connection& c) -> Result<std::string> {
        std::string out = "indicator,period,value,numerator,denominator,target,note,commentary\r\n";
        for (const auto& i : which) {
            const Ledger ledger = ledger_of(c, i);
            std::vector<Period> periods = ledger.periods();
            for (const auto& t : repo::list_targets(c, i.id))
                if (auto p = parse_period(t.period); p && p->kind() != native_kind(i.frequency))
                    periods.push_back(*p);
            std::sort(periods.begin(), periods.end());
            for (const auto& p : periods) {
                const std::string period = p.to_string();
                const Value* v = ledger.approved(period);
                const TargetRecord* t = ledger.target_record(period);
                // A profiled target comes back from its year's.
                const bool own_target = t && !t->profiled_from && !t->low;
                if (!v && !own_target) continue;
                for (auto field : {std::string_view(i.code), std::string_view(period)}) {
                    append_csv_field(out, field);
                    out += ',';
                }
                out += v ? number_text(v->value) : "";
                out += ',';
                out += v ? number_text(v->numerator) : "";
                out += ',';
                out += v ? number_text(v->denominator) : "";
                out += ',';
                out += own_target ? number_text(t->value) : "";
                out += ',';
                append_csv_field(out, v ? v->note : "");
                out += ',';
                append_csv_field(out, v ? v->commentary : "");
                out += "\r\n";
            }
        }
        return out;
    });
}

}  // namespace civic::indicators
