// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/plans/model.hpp"

#include <boost/json.hpp>
#include <cctype>

namespace civic::plans {
namespace json = boost::json;

namespace {

json::value opt(const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
}

json::array texts(const std::vector<std::string>& items) {
    json::array out;
    for (const auto& i : items) out.push_back(json::value(i));
    return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

json::object to_json(const Plan& p) {
    return {{"id", p.id},
            {"unit_id", p.unit_id},
            {"kind", p.kind},
            {"title", p.title},
            {"period", p.period},
            {"description", p.description},
            {"status", p.status},
            {"rollup", p.rollup},
            {"plan_version", p.plan_version},
            {"approved_by_unit_id", opt(p.approved_by_unit_id)},
            {"approved_on", opt(p.approved_on)},
            {"archived_at", opt(p.archived_at)},
            {"version", p.version},
            {"created_at", p.created_at},
            {"updated_at", p.updated_at}};
}

json::object to_json(const PlanVersion& v) {
    return {{"id", v.id},
            {"plan_id", v.plan_id},
            {"number", v.number},
            {"approved_by_unit_id", opt(v.approved_by_unit_id)},
            {"approved_on", v.approved_on},
            {"created_at", v.created_at}};
}

json::object to_json(const Item& i) {
    return {{"id", i.id},
            {"plan_id", i.plan_id},
            {"parent_id", opt(i.parent_id)},
            {"ref", i.ref},
            {"kind", i.kind},
            {"title", i.title},
            {"description", i.description},
            {"lead_person_id", opt(i.lead_person_id)},
            {"lead_unit_id", opt(i.lead_unit_id)},
            {"supporting_unit_ids", texts(i.supporting_unit_ids)},
            {"timing", i.timing},
            {"start_date", opt(i.start_date)},
            {"due_date", opt(i.due_date)},
            {"status", i.status},
            {"percent_complete", i.percent_complete},
            {"notes", i.notes},
            {"constraints", i.constraints},
            {"themes", texts(i.themes)},
            {"weight", i.weight},
            {"archived_at", opt(i.archived_at)},
            {"version", i.version},
            {"created_at", i.created_at},
            {"updated_at", i.updated_at}};
}

json::object to_json(const Measure& m) {
    return {{"id", m.id},
            {"item_id", m.item_id},
            {"position", m.position},
            {"kind", m.kind},
            {"title", m.title},
            {"timing", m.timing},
            {"due_date", opt(m.due_date)},
            {"achieved", m.achieved},
            {"achieved_on", opt(m.achieved_on)},
            {"evidence", m.evidence},
            {"archived_at", opt(m.archived_at)},
            {"version", m.version},
            {"created_at", m.created_at},
            {"updated_at", m.updated_at}};
}

json::object to_json(const Update& u) {
    return {{"id", u.id},
            {"item_id", u.item_id},
            {"period", u.period},
            {"status", u.status},
            {"percent_complete", u.percent_complete},
            {"commentary", u.commentary},
            {"author_person_id", opt(u.author_person_id)},
            {"entered_by", u.entered_by},
            {"archived_at", opt(u.archived_at)},
            {"version", u.version},
            {"created_at", u.created_at},
            {"updated_at", u.updated_at}};
}

json::object to_json(const Review& r) {
    return {{"id", r.id},
            {"unit_id", r.unit_id},
            {"kind", r.kind},
            {"title", r.title},
            {"reviewer", r.reviewer},
            {"status", r.status},
            {"start_date", opt(r.start_date)},
            {"end_date", opt(r.end_date)},
            {"reported_on", opt(r.reported_on)},
            {"scope", r.scope},
            {"rating", r.rating},
            {"programme", r.programme},
            {"archived_at", opt(r.archived_at)},
            {"version", r.version},
            {"created_at", r.created_at},
            {"updated_at", r.updated_at}};
}

json::object to_json(const Finding& f) {
    return {{"id", f.id},
            {"review_id", f.review_id},
            {"ref", f.ref},
            {"kind", f.kind},
            {"text", f.text},
            {"status", f.status},
            {"archived_at", opt(f.archived_at)},
            {"version", f.version},
            {"created_at", f.created_at},
            {"updated_at", f.updated_at}};
}

std::string text_list_to_json(const std::vector<std::string>& items) {
    return json::serialize(texts(items));
}

std::vector<std::string> text_list_from_json(std::string_view text) {
    std::vector<std::string> out;
    boost::system::error_code ec;
    const auto v = json::parse(text, ec);
    if (ec || !v.is_array()) return out;
    for (const auto& item : v.as_array())
        if (item.is_string()) out.emplace_back(item.as_string());
    return out;
}

bool ref_less(std::string_view a, std::string_view b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (is_digit(a[i]) && is_digit(b[j])) {
            // Compare the runs of digits as numbers: leading zeros aside, the longer is larger.
            std::size_t i0 = i, j0 = j;
            while (i0 < a.size() && a[i0] == '0') ++i0;
            while (j0 < b.size() && b[j0] == '0') ++j0;
            std::size_t i1 = i0, j1 = j0;
            while (i1 < a.size() && is_digit(a[i1])) ++i1;
            while (j1 < b.size() && is_digit(b[j1])) ++j1;
            if (i1 - i0 != j1 - j0) return i1 - i0 < j1 - j0;
            if (const auto c = a.substr(i0, i1 - i0).compare(b.substr(j0, j1 - j0)); c != 0)
                return c < 0;
            i = i1;
            j = j1;
            continue;
        }
        const auto x = std::tolower(static_cast<unsigned char>(a[i]));
        const auto y = std::tolower(static_cast<unsigned char>(b[j]));
        if (x != y) return x < y;
        ++i;
        ++j;
    }
    if (a.size() - i != b.size() - j) return a.size() - i < b.size() - j;
    return a < b;
}

}  // namespace civic::plans
