// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/plans/repo.hpp"

namespace civic::plans::repo {
using store::Connection;
using store::Row;
using store::Value;

namespace {

std::string_view sv(const std::string& s) { return s; }

// ---- plans

constexpr std::string_view k_plan_columns =
    "p.id, p.unit_id, u.path, p.kind, p.title, p.period, p.description, p.status, p.rollup, "
    "p.plan_version, p.approved_by_unit_id, p.approved_on, p.archived_at, p.version, "
    "p.created_at, p.updated_at";
constexpr std::string_view k_plan_from = " FROM plans p JOIN units u ON u.id = p.unit_id";

Plan plan_from(const Row& r) {
    return Plan{r.str(0),
                r.str(1),
                r.str(2),
                r.str(3),
                r.str(4),
                r.str(5),
                r.str(6),
                r.str(7),
                r.str(8),
                r.integer(9),
                r.optional_text(10),
                r.optional_text(11),
                r.optional_text(12),
                r.integer(13),
                r.str(14),
                r.str(15)};
}

// ---- items

constexpr std::string_view k_item_columns =
    "i.id, i.plan_id, u.path, i.parent_id, i.ref, i.kind, i.title, i.description, "
    "i.lead_person_id, i.lead_unit_id, i.supporting_unit_ids, i.timing, i.start_date, "
    "i.due_date, i.status, i.percent_complete, i.notes, i.constraints, i.themes, i.weight, "
    "i.archived_at, i.version, i.created_at, i.updated_at";
constexpr std::string_view k_item_from =
    " FROM plan_items i JOIN plans p ON p.id = i.plan_id JOIN units u ON u.id = p.unit_id";

Item item_from(const Row& r) {
    Item i;
    i.id = r.str(0);
    i.plan_id = r.str(1);
    i.unit_path = r.str(2);
    i.parent_id = r.optional_text(3);
    i.ref = r.str(4);
    i.kind = r.str(5);
    i.title = r.str(6);
    i.description = r.str(7);
    i.lead_person_id = r.optional_text(8);
    i.lead_unit_id = r.optional_text(9);
    i.supporting_unit_ids = text_list_from_json(r.text(10));
    i.timing = r.str(11);
    i.start_date = r.optional_text(12);
    i.due_date = r.optional_text(13);
    i.status = r.str(14);
    i.percent_complete = r.integer(15);
    i.notes = r.str(16);
    i.constraints = r.str(17);
    i.themes = text_list_from_json(r.text(18));
    i.weight = r.integer(19);
    i.archived_at = r.optional_text(20);
    i.version = r.integer(21);
    i.created_at = r.str(22);
    i.updated_at = r.str(23);
    return i;
}

constexpr std::string_view k_item_insert_columns[] = {
    "id",      "plan_id",     "parent_id",      "ref",          "kind",
    "title",   "description", "lead_person_id", "lead_unit_id", "supporting_unit_ids",
    "timing",  "start_date",  "due_date",       "status",       "percent_complete",
    "notes",   "constraints", "themes",         "weight",       "archived_at",
    "version", "created_at",  "updated_at"};

// The values of an item's row, in k_item_insert_columns' order; the JSON lists are kept alive
// in `keep` while the statement runs.
void item_values(const Item& i, std::vector<std::string>& keep, std::vector<Value>& out) {
    keep.push_back(text_list_to_json(i.supporting_unit_ids));
    const std::string& supporting = keep.back();
    keep.push_back(text_list_to_json(i.themes));
    const std::string& themes = keep.back();
    out.insert(out.end(), {sv(i.id),
                           sv(i.plan_id),
                           store::nullable(i.parent_id),
                           sv(i.ref),
                           sv(i.kind),
                           sv(i.title),
                           sv(i.description),
                           store::nullable(i.lead_person_id),
                           store::nullable(i.lead_unit_id),
                           sv(supporting),
                           sv(i.timing),
                           store::nullable(i.start_date),
                           store::nullable(i.due_date),
                           sv(i.status),
                           i.percent_complete,
                           sv(i.notes),
                           sv(i.constraints),
                           sv(themes),
                           i.weight,
                           store::nullable(i.archived_at),
                           i.version,
                           sv(i.created_at),
                           sv(i.updated_at)});
}

// ---- measures

constexpr std::string_view k_measure_columns =
    "m.id, m.item_id, u.path, m.position, m.kind, m.title, m.timing, m.due_date, m.achieved, "
    "m.achieved_on, m.evidence, m.archived_at, m.version, m.created_at, m.updated_at";
constexpr std::string_view k_measure_from =
    " FROM plan_measures m JOIN plan_items i ON i.id = m.item_id JOIN plans p ON p.id = "
    "i.plan_id JOIN units u ON u.id = p.unit_id";

Measure measure_from(const Row& r) {
    return Measure{r.str(0),      r.str(1),           r.str(2),  r.integer(3),
                   r.str(4),      r.str(5),           r.str(6),  r.optional_text(7),
                   r.boolean(8),  r.optional_text(9), r.str(10), r.optional_text(11),
                   r.integer(12), r.str(13),          r.str(14)};
}

constexpr std::string_view k_measure_insert_columns[] = {
    "id",       "item_id",     "position", "kind",        "title",   "timing",     "due_date",
    "achieved", "achieved_on", "evidence", "archived_at", "version", "created_at", "updated_at"};

void measure_values(const Measure& m, std::vector<Value>& out) {
    out.insert(
        out.end(),
        {sv(m.id), sv(m.item_id), m.position, sv(m.kind), sv(m.title), sv(m.timing),
         store::nullable(m.due_date), m.achieved, store::nullable(m.achieved_on), sv(m.evidence),
         store::nullable(m.archived_at), m.version, sv(m.created_at), sv(m.updated_at)});
}

// ---- updates

constexpr std::string_view k_update_columns =
    "pu.id, pu.item_id, u.path, pu.period, pu.status, pu.percent_complete, pu.commentary, "
    "pu.author_person_id, pu.entered_by, pu.archived_at, pu.version, pu.created_at, "
    "pu.updated_at";
constexpr std::string_view k_update_from =
    " FROM plan_updates pu JOIN plan_items i ON i.id = pu.item_id JOIN plans p ON p.id = "
    "i.plan_id JOIN units u ON u.id = p.unit_id";

Update update_from(const Row& r) {
    return Update{r.str(0),      r.str(1),  r.str(2),           r.str(3), r.str(4),
                  r.integer(5),  r.str(6),  r.optional_text(7), r.str(8), r.optional_text(9),
                  r.integer(10), r.str(11), r.str(12)};
}

constexpr std::string_view k_update_insert_columns[] = {
    "id",         "item_id",          "period",     "status",      "percent_complete",
    "commentary", "author_person_id", "entered_by", "archived_at", "version",
    "created_at", "updated_at"};

void update_values(const Update& u, std::vector<Value>& out) {
    out.insert(out.end(),
               {sv(u.id), sv(u.item_id), sv(u.period), sv(u.status), u.percent_complete,
                sv(u.commentary), store::nullable(u.author_person_id), sv(u.entered_by),
                store::nullable(u.archived_at), u.version, sv(u.created_at), sv(u.updated_at)});
}

// ---- reviews and findings

constexpr std::string_view k_review_columns =
    "r.id, r.unit_id, u.path, r.kind, r.title, r.reviewer, r.status, r.start_date, r.end_date, "
    "r.reported_on, r.scope, r.rating, r.programme, r.archived_at, r.version, r.created_at, "
    "r.updated_at";
constexpr std::string_view k_review_from = " FROM reviews r JOIN units u ON u.id = r.unit_id";

Review review_from(const Row& r) {
    return Review{r.str(0),           r.str(1),
                  r.str(2),           r.str(3),
                  r.str(4),           r.str(5),
                  r.str(6),           r.optional_text(7),
                  r.optional_text(8), r.optional_text(9),
                  r.str(10),          r.str(11),
                  r.str(12),          r.optional_text(13),
                  r.integer(14),      r.str(15),
                  r.str(16)};
}

constexpr std::string_view k_finding_columns =
    "f.id, f.review_id, u.path, f.ref, f.kind, f.text, f.status, f.archived_at, f.version, "
    "f.created_at, f.updated_at";
constexpr std::string_view k_finding_from =
    " FROM review_findings f JOIN reviews r ON r.id = f.review_id JOIN units u ON u.id = "
    "r.unit_id";

Finding finding_from(const Row& r) {
    return Finding{r.str(0), r.str(1),           r.str(2),     r.str(3), r.str(4), r.str(5),
                   r.str(6), r.optional_text(7), r.integer(8), r.str(9), r.str(10)};
}

std::string select(std::string_view columns, std::string_view from, std::string_view rest) {
    return "SELECT " + std::string(columns) + std::string(from) + " " + std::string(rest);
}

}  // namespace

// ---- plans

std::optional<Plan> find_plan(Connection& c, const std::string& id) {
    static const std::string sql = select(k_plan_columns, k_plan_from, "WHERE p.id = ?");
    return c.query_one(sql, {sv(id)}, plan_from);
}

std::vector<Plan> list_plans(Connection& c, const PlanFilter& f) {
    static const std::string sql =
        select(k_plan_columns, k_plan_from,
               "WHERE (? = '' OR p.unit_id = ?) AND (? = '' OR p.kind = ?) AND (? = '' OR "
               "p.status = ?) AND (? = 1 OR p.archived_at IS NULL) AND p.id > ? ORDER BY p.id "
               "LIMIT ?");
    return c.query_all(
        sql,
        {sv(f.unit_id), sv(f.unit_id), sv(f.kind), sv(f.kind), sv(f.status), sv(f.status),
         std::int64_t{f.include_archived ? 1 : 0}, sv(f.after), std::int64_t{f.limit}},
        plan_from);
}

std::int64_t count_plans(Connection& c) {
    return c.query_one("SELECT count(*) FROM plans", {}, [](const Row& r) { return r.integer(0); })
        .value_or(0);
}

void insert_plan(Connection& c, const Plan& p) {
    c.execute(
        "INSERT INTO plans (id, unit_id, kind, title, period, description, status, rollup, "
        "plan_version, approved_by_unit_id, approved_on, archived_at, version, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {sv(p.id), sv(p.unit_id), sv(p.kind), sv(p.title), sv(p.period), sv(p.description),
         sv(p.status), sv(p.rollup), p.plan_version, store::nullable(p.approved_by_unit_id),
         store::nullable(p.approved_on), store::nullable(p.archived_at), p.version,
         sv(p.created_at), sv(p.updated_at)});
}

bool update_plan(Connection& c, const Plan& p, std::int64_t expected_version) {
    return c.execute(
               "UPDATE plans SET unit_id = ?, kind = ?, title = ?, period = ?, description = ?, "
               "status = ?, rollup = ?, plan_version = ?, approved_by_unit_id = ?, approved_on = "
               "?, archived_at = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?",
               {sv(p.unit_id), sv(p.kind), sv(p.title), sv(p.period), sv(p.description),
                sv(p.status), sv(p.rollup), p.plan_version, store::nullable(p.approved_by_unit_id),
                store::nullable(p.approved_on), store::nullable(p.archived_at), p.version,
                sv(p.updated_at), sv(p.id), expected_version}) == 1;
}

void insert_version(Connection& c, const PlanVersion& v) {
    c.execute(
        "INSERT INTO plan_versions (id, plan_id, number, approved_by_unit_id, approved_on, "
        "snapshot, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {sv(v.id), sv(v.plan_id), v.number, store::nullable(v.approved_by_unit_id),
         sv(v.approved_on), sv(v.snapshot), sv(v.created_at)});
}

namespace {
PlanVersion version_from(const Row& r) {
    return PlanVersion{r.str(0), r.str(1), r.integer(2), r.optional_text(3),
                       r.str(4), r.str(5), r.str(6)};
}
constexpr std::string_view k_version_select =
    "SELECT id, plan_id, number, approved_by_unit_id, approved_on, snapshot, created_at FROM "
    "plan_versions ";
}  // namespace

std::vector<PlanVersion> list_versions(Connection& c, const std::string& plan_id) {
    static const std::string sql =
        std::string(k_version_select) + "WHERE plan_id = ? ORDER BY number";
    return c.query_all(sql, {sv(plan_id)}, version_from);
}

std::optional<PlanVersion> find_version(Connection& c, const std::string& plan_id,
                                        std::int64_t number) {
    static const std::string sql =
        std::string(k_version_select) + "WHERE plan_id = ? AND number = ?";
    return c.query_one(sql, {sv(plan_id), number}, version_from);
}

// ---- items

std::optional<Item> find_item(Connection& c, const std::string& id) {
    static const std::string sql = select(k_item_columns, k_item_from, "WHERE i.id = ?");
    return c.query_one(sql, {sv(id)}, item_from);
}

std::vector<Item> list_items(Connection& c, const ItemFilter& f) {
    static const std::string sql =
        select(k_item_columns, k_item_from,
               "WHERE (? = '' OR i.plan_id = ?) AND (? = '' OR i.lead_person_id = ?) AND (? = '' "
               "OR i.lead_unit_id = ?) AND (? = '' OR i.themes LIKE ?) AND (? = '' OR i.status = "
               "?) AND (? = 1 OR i.archived_at IS NULL) ORDER BY i.id");
    // Themes are a JSON array of fixed words, so '"governance"' matches one of them exactly.
    const std::string theme = f.theme.empty() ? "" : "%\"" + f.theme + "\"%";
    return c.query_all(sql,
                       {sv(f.plan_id), sv(f.plan_id), sv(f.lead_person_id), sv(f.lead_person_id),
                        sv(f.lead_unit_id), sv(f.lead_unit_id), sv(theme), sv(theme), sv(f.status),
                        sv(f.status), std::int64_t{f.include_archived ? 1 : 0}},
                       item_from);
}

void insert_item(Connection& c, const Item& i) { insert_items(c, std::span<const Item>(&i, 1)); }

void insert_items(Connection& c, std::span<const Item> items) {
    std::vector<std::string> keep;
    keep.reserve(items.size() * 2);
    store::insert_rows(
        c, "plan_items", k_item_insert_columns, items.size(),
        [&](std::size_t n, std::vector<Value>& out) { item_values(items[n], keep, out); });
}

bool update_item(Connection& c, const Item& i, std::int64_t expected_version) {
    const std::string supporting = text_list_to_json(i.supporting_unit_ids);
    const std::string themes = text_list_to_json(i.themes);
    return c.execute(
               "UPDATE plan_items SET parent_id = ?, ref = ?, kind = ?, title = ?, description = "
               "?, lead_person_id = ?, lead_unit_id = ?, supporting_unit_ids = ?, timing = ?, "
               "start_date = ?, due_date = ?, status = ?, percent_complete = ?, notes = ?, "
               "constraints = ?, themes = ?, weight = ?, archived_at = ?, version = ?, "
               "updated_at = ? WHERE id = ? AND version = ?",
               {store::nullable(i.parent_id),
                sv(i.ref),
                sv(i.kind),
                sv(i.title),
                sv(i.description),
                store::nullable(i.lead_person_id),
                store::nullable(i.lead_unit_id),
                sv(supporting),
                sv(i.timing),
                store::nullable(i.start_date),
                store::nullable(i.due_date),
                sv(i.status),
                i.percent_complete,
                sv(i.notes),
                sv(i.constraints),
                sv(themes),
                i.weight,
                store::nullable(i.archived_at),
                i.version,
                sv(i.updated_at),
                sv(i.id),
                expected_version}) == 1;
}

// ---- measures

std::optional<Measure> find_measure(Connection& c, const std::string& id) {
    static const std::string sql = select(k_measure_columns, k_measure_from, "WHERE m.id = ?");
    return c.query_one(sql, {sv(id)}, measure_from);
}

std::vector<Measure> list_measures(Connection& c, const std::string& item_id) {
    static const std::string sql =
        select(k_measure_columns, k_measure_from,
               "WHERE m.item_id = ? AND m.archived_at IS NULL ORDER BY m.position, m.id");
    return c.query_all(sql, {sv(item_id)}, measure_from);
}

std::vector<Measure> list_plan_measures(Connection& c, const std::string& plan_id) {
    static const std::string sql =
        select(k_measure_columns, k_measure_from,
               "WHERE i.plan_id = ? AND m.archived_at IS NULL ORDER BY m.item_id, m.position, "
               "m.id");
    return c.query_all(sql, {sv(plan_id)}, measure_from);
}

void insert_measure(Connection& c, const Measure& m) {
    insert_measures(c, std::span<const Measure>(&m, 1));
}

void insert_measures(Connection& c, std::span<const Measure> measures) {
    store::insert_rows(
        c, "plan_measures", k_measure_insert_columns, measures.size(),
        [&](std::size_t n, std::vector<Value>& out) { measure_values(measures[n], out); });
}

bool update_measure(Connection& c, const Measure& m, std::int64_t expected_version) {
    return c.execute(
               "UPDATE plan_measures SET position = ?, kind = ?, title = ?, timing = ?, due_date "
               "= ?, achieved = ?, achieved_on = ?, evidence = ?, archived_at = ?, version = ?, "
               "updated_at = ? WHERE id = ? AND version = ?",
               {m.position, sv(m.kind), sv(m.title), sv(m.timing), store::nullable(m.due_date),
                m.achieved, store::nullable(m.achieved_on), sv(m.evidence),
                store::nullable(m.archived_at), m.version, sv(m.updated_at), sv(m.id),
                expected_version}) == 1;
}

std::int64_t next_measure_position(Connection& c, const std::string& item_id) {
    return c
        .query_one("SELECT COALESCE(MAX(position), 0) + 1 FROM plan_measures WHERE item_id = ?",
                   {sv(item_id)}, [](const Row& r) { return r.integer(0); })
        .value_or(1);
}

// ---- updates

std::optional<Update> find_update(Connection& c, const std::string& id) {
    static const std::string sql = select(k_update_columns, k_update_from, "WHERE pu.id = ?");
    return c.query_one(sql, {sv(id)}, update_from);
}

std::vector<Update> list_updates(Connection& c, const std::string& item_id) {
    static const std::string sql =
        select(k_update_columns, k_update_from, "WHERE pu.item_id = ? ORDER BY pu.id");
    return c.query_all(sql, {sv(item_id)}, update_from);
}

std::vector<Update> list_plan_updates(Connection& c, const std::string& plan_id) {
    static const std::string sql =
        select(k_update_columns, k_update_from, "WHERE i.plan_id = ? ORDER BY pu.id");
    return c.query_all(sql, {sv(plan_id)}, update_from);
}

void insert_update(Connection& c, const Update& u) {
    insert_updates(c, std::span<const Update>(&u, 1));
}

void insert_updates(Connection& c, std::span<const Update> updates) {
    store::insert_rows(
        c, "plan_updates", k_update_insert_columns, updates.size(),
        [&](std::size_t n, std::vector<Value>& out) { update_values(updates[n], out); });
}

// ---- reviews

std::optional<Review> find_review(Connection& c, const std::string& id) {
    static const std::string sql = select(k_review_columns, k_review_from, "WHERE r.id = ?");
    return c.query_one(sql, {sv(id)}, review_from);
}

std::vector<Review> list_reviews(Connection& c, const ReviewFilter& f) {
    static const std::string sql =
        select(k_review_columns, k_review_from,
               "WHERE (? = '' OR r.unit_id = ?) AND (? = '' OR r.kind = ?) AND (? = '' OR "
               "r.status = ?) AND (? = '' OR r.programme = ?) AND (? = 1 OR r.archived_at IS "
               "NULL) AND r.id > ? ORDER BY r.id LIMIT ?");
    return c.query_all(
        sql,
        {sv(f.unit_id), sv(f.unit_id), sv(f.kind), sv(f.kind), sv(f.status), sv(f.status),
         sv(f.programme), sv(f.programme), std::int64_t{f.include_archived ? 1 : 0}, sv(f.after),
         std::int64_t{f.limit}},
        review_from);
}

void insert_review(Connection& c, const Review& r) {
    c.execute(
        "INSERT INTO reviews (id, unit_id, kind, title, reviewer, status, start_date, end_date, "
        "reported_on, scope, rating, programme, archived_at, version, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {sv(r.id), sv(r.unit_id), sv(r.kind), sv(r.title), sv(r.reviewer), sv(r.status),
         store::nullable(r.start_date), store::nullable(r.end_date), store::nullable(r.reported_on),
         sv(r.scope), sv(r.rating), sv(r.programme), store::nullable(r.archived_at), r.version,
         sv(r.created_at), sv(r.updated_at)});
}

bool update_review(Connection& c, const Review& r, std::int64_t expected_version) {
    return c.execute(
               "UPDATE reviews SET unit_id = ?, kind = ?, title = ?, reviewer = ?, status = ?, "
               "start_date = ?, end_date = ?, reported_on = ?, scope = ?, rating = ?, programme "
               "= ?, archived_at = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?",
               {sv(r.unit_id), sv(r.kind), sv(r.title), sv(r.reviewer), sv(r.status),
                store::nullable(r.start_date), store::nullable(r.end_date),
                store::nullable(r.reported_on), sv(r.scope), sv(r.rating), sv(r.programme),
                store::nullable(r.archived_at), r.version, sv(r.updated_at), sv(r.id),
                expected_version}) == 1;
}

// ---- findings

std::optional<Finding> find_finding(Connection& c, const std::string& id) {
    static const std::string sql = select(k_finding_columns, k_finding_from, "WHERE f.id = ?");
    return c.query_one(sql, {sv(id)}, finding_from);
}

std::vector<Finding> list_findings(Connection& c, const std::string& review_id) {
    static const std::string sql = select(k_finding_columns, k_finding_from,
                                          "WHERE f.review_id = ? AND f.archived_at IS NULL "
                                          "ORDER BY f.id");
    return c.query_all(sql, {sv(review_id)}, finding_from);
}

void insert_finding(Connection& c, const Finding& f) {
    c.execute(
        "INSERT INTO review_findings (id, review_id, ref, kind, text, status, archived_at, "
        "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {sv(f.id), sv(f.review_id), sv(f.ref), sv(f.kind), sv(f.text), sv(f.status),
         store::nullable(f.archived_at), f.version, sv(f.created_at), sv(f.updated_at)});
}

bool update_finding(Connection& c, const Finding& f, std::int64_t expected_version) {
    return c.execute(
               "UPDATE review_findings SET ref = ?, kind = ?, text = ?, status = ?, archived_at = "
               "?, version = ?, updated_at = ? WHERE id = ? AND version = ?",
               {sv(f.ref), sv(f.kind), sv(f.text), sv(f.status), store::nullable(f.archived_at),
                f.version, sv(f.updated_at), sv(f.id), expected_version}) == 1;
}

}  // namespace civic::plans::repo
