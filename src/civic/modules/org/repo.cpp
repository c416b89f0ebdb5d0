// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/org/repo.hpp"

namespace civic::org::repo {
using store::Connection;
using store::Row;
using store::Value;

std::string like_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

namespace {

// The shared filter: every list query binds the same parameters in the same order, and a
// blank parameter switches its condition off.
struct FilterParams {
    std::string name_pattern, within_pattern, kind, after;
    std::int64_t archived, limit;
    explicit FilterParams(const ListFilter& f)
        : name_pattern(f.name ? "%" + like_escape(*f.name) + "%" : ""),
          within_pattern(f.within_path ? like_escape(*f.within_path) + "%" : ""),
          kind(f.kind.value_or("")),
          after(f.after.value_or("")),
          archived(f.include_archived ? 1 : 0),
          limit(f.limit) {}
};

constexpr std::string_view k_unit_columns =
    "u.id, u.parent_id, u.path, u.name, u.kind, u.description, u.archived_at, u.version, "
    "u.created_at, u.updated_at";

Unit unit_from(const Row& r) {
    return Unit{r.str(0), r.optional_text(1), r.str(2),     r.str(3), r.str(4),
                r.str(5), r.optional_text(6), r.integer(7), r.str(8), r.str(9)};
}

}  // namespace

std::optional<Unit> find_unit(Connection& c, const std::string& id) {
    static const std::string sql =
        "SELECT " + std::string(k_unit_columns) + " FROM units u WHERE u.id = ?";
    return c.query_one(sql, {std::string_view(id)}, unit_from);
}

std::vector<Unit> list_units(Connection& c, const ListFilter& f) {
    static const std::string sql =
        "SELECT " + std::string(k_unit_columns) +
        " FROM units u WHERE (? = '' OR lower(u.name) LIKE lower(?) ESCAPE '\\')"
        " AND (? = '' OR u.path LIKE ? ESCAPE '\\') AND (? = '' OR u.kind = ?)"
        " AND (? = 1 OR u.archived_at IS NULL) AND u.id > ? ORDER BY u.id LIMIT ?";
    const FilterParams p(f);
    return c.query_all(sql,
                       {std::string_view(p.name_pattern), std::string_view(p.name_pattern),
                        std::string_view(p.within_pattern), std::string_view(p.within_pattern),
                        std::string_view(p.kind), std::string_view(p.kind), p.archived,
                        std::string_view(p.after), p.limit},
                       unit_from);
}

void insert_unit(Connection& c, const Unit& u) {
    c.execute(
        "INSERT INTO units (id, parent_id, path, name, kind, description, archived_at, version, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {std::string_view(u.id), store::nullable(u.parent_id), std::string_view(u.path),
         std::string_view(u.name), std::string_view(u.kind), std::string_view(u.description),
         store::nullable(u.archived_at), u.version, std::string_view(u.created_at),
         std::string_view(u.updated_at)});
}

bool update_unit(Connection& c, const Unit& u, std::int64_t expected_version) {
    return c.execute(
               "UPDATE units SET parent_id = ?, path = ?, name = ?, kind = ?, description = ?, "
               "archived_at = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?",
               {store::nullable(u.parent_id), std::string_view(u.path), std::string_view(u.name),
                std::string_view(u.kind), std::string_view(u.description),
                store::nullable(u.archived_at), u.version, std::string_view(u.updated_at),
                std::string_view(u.id), expected_version}) == 1;
}

void repath_descendants(Connection& c, const std::string& old_path, const std::string& new_path) {
    const std::string pattern = like_escape(old_path) + "_%";
    c.execute(
        "UPDATE units SET path = ? || substr(path, CAST(? AS INTEGER)) WHERE path LIKE ? ESCAPE "
        "'\\'",
        {std::string_view(new_path), static_cast<std::int64_t>(old_path.size() + 1),
         std::string_view(pattern)});
}

std::int64_t count_live_children(Connection& c, const std::string& unit_id) {
    return c
        .query_one("SELECT count(*) FROM units WHERE parent_id = ? AND archived_at IS NULL",
                   {std::string_view(unit_id)}, [](const Row& r) { return r.integer(0); })
        .value_or(0);
}

std::vector<Unit> find_units_by_name(Connection& c, const std::string& name) {
    static const std::string sql = "SELECT " + std::string(k_unit_columns) +
                                   " FROM units u WHERE lower(u.name) = lower(?) AND "
                                   "u.archived_at IS NULL ORDER BY u.id";
    return c.query_all(sql, {std::string_view(name)}, unit_from);
}

void insert_units(Connection& c, std::span<const Unit> units) {
    static constexpr std::string_view k_columns[] = {
        "id",          "parent_id",   "path",    "name",       "kind",
        "description", "archived_at", "version", "created_at", "updated_at"};
    store::insert_rows(
        c, "units", k_columns, units.size(), [&](std::size_t i, std::vector<Value>& out) {
            const Unit& u = units[i];
            out.insert(out.end(), {std::string_view(u.id), store::nullable(u.parent_id),
                                   std::string_view(u.path), std::string_view(u.name),
                                   std::string_view(u.kind), std::string_view(u.description),
                                   store::nullable(u.archived_at), u.version,
                                   std::string_view(u.created_at), std::string_view(u.updated_at)});
        });
}

std::vector<UnitName> live_unit_names(Connection& c) {
    return c.query_all("SELECT id, name FROM units WHERE archived_at IS NULL", {},
                       [](const Row& r) {
                           return UnitName{r.str(0), r.str(1)};
                       });
}

// People --------------------------------------------------------------------------------

namespace {

constexpr std::string_view k_person_columns =
    "p.id, p.name, p.honorific_prefix, p.kind, p.unit_id, COALESCE(u.path, ''), p.published, "
    "p.email, p.phone, p.summary, p.archived_at, p.version, p.created_at, p.updated_at";

Person person_from(const Row& r) {
    return Person{r.str(0),     r.str(1), r.str(2), r.str(3), r.optional_text(4),  r.str(5),
                  r.boolean(6), r.str(7), r.str(8), r.str(9), r.optional_text(10), r.integer(11),
                  r.str(12),    r.str(13)};
}

}  // namespace

std::optional<Person> find_person(Connection& c, const std::string& id) {
    static const std::string sql =
        "SELECT " + std::string(k_person_columns) +
        " FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE p.id = ?";
    return c.query_one(sql, {std::string_view(id)}, person_from);
}

std::vector<Person> list_people(Connection& c, const ListFilter& f) {
    static const std::string sql =
        "SELECT " + std::string(k_person_columns) +
        " FROM people p LEFT JOIN units u ON u.id = p.unit_id"
        " WHERE (? = '' OR lower(p.name) LIKE lower(?) ESCAPE '\\')"
        " AND (? = '' OR u.path LIKE ? ESCAPE '\\') AND (? = '' OR p.kind = ?)"
        " AND (? = 1 OR p.archived_at IS NULL) AND (? = 0 OR p.published = ?)"
        " AND p.id > ? ORDER BY p.id LIMIT ?";
    const FilterParams p(f);
    return c.query_all(
        sql,
        {std::string_view(p.name_pattern), std::string_view(p.name_pattern),
         std::string_view(p.within_pattern), std::string_view(p.within_pattern),
         std::string_view(p.kind), std::string_view(p.kind), p.archived,
         std::int64_t{f.published_only ? 1 : 0}, true, std::string_view(p.after), p.limit},
        person_from);
}

void insert_person(Connection& c, const Person& p) {
    c.execute(
        "INSERT INTO people (id, name, honorific_prefix, kind, unit_id, published, email, phone, "
        "summary, archived_at, version, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {std::string_view(p.id), std::string_view(p.name), std::string_view(p.honorific_prefix),
         std::string_view(p.kind), store::nullable(p.unit_id), p.published,
         std::string_view(p.email), std::string_view(p.phone), std::string_view(p.summary),
         store::nullable(p.archived_at), p.version, std::string_view(p.created_at),
         std::string_view(p.updated_at)});
}

void insert_people(Connection& c, std::span<const Person> people) {
    static constexpr std::string_view k_columns[] = {
        "id",    "name",    "honorific_prefix", "kind",    "unit_id",    "published", "email",
        "phone", "summary", "archived_at",      "version", "created_at", "updated_at"};
    store::insert_rows(
        c, "people", k_columns, people.size(), [&](std::size_t i, std::vector<Value>& out) {
            const Person& p = people[i];
            out.insert(out.end(),
                       {std::string_view(p.id), std::string_view(p.name),
                        std::string_view(p.honorific_prefix), std::string_view(p.kind),
                        store::nullable(p.unit_id), p.published, std::string_view(p.email),
                        std::string_view(p.phone), std::string_view(p.summary),
                        store::nullable(p.archived_at), p.version, std::string_view(p.created_at),
                        std::string_view(p.updated_at)});
        });
}

bool update_person(Connection& c, const Person& p, std::int64_t expected_version) {
    return c.execute(
               "UPDATE people SET name = ?, honorific_prefix = ?, kind = ?, unit_id = ?, "
               "published = ?, email = ?, phone = ?, summary = ?, archived_at = ?, version = ?, "
               "updated_at = ? WHERE id = ? AND version = ?",
               {std::string_view(p.name), std::string_view(p.honorific_prefix),
                std::string_view(p.kind), store::nullable(p.unit_id), p.published,
                std::string_view(p.email), std::string_view(p.phone), std::string_view(p.summary),
                store::nullable(p.archived_at), p.version, std::string_view(p.updated_at),
                std::string_view(p.id), expected_version}) == 1;
}

// Posts ---------------------------------------------------------------------------------

namespace {

constexpr std::string_view k_post_columns =
    "p.id, p.unit_id, u.path, p.label, p.role, p.portfolio, p.responsibilities, p.archived_at, "
    "p.version, p.created_at, p.updated_at";

Post post_from(const Row& r) {
    return Post{r.str(0),
                r.str(1),
                r.str(2),
                r.str(3),
                r.str(4),
                r.str(5),
                responsibilities_from_json(r.text(6)),
                r.optional_text(7),
                r.integer(8),
                r.str(9),
                r.str(10)};
}

}  // namespace

std::optional<Post> find_post(Connection& c, const std::string& id) {
    static const std::string sql = "SELECT " + std::string(k_post_columns) +
                                   " FROM posts p JOIN units u ON u.id = p.unit_id WHERE p.id = ?";
    return c.query_one(sql, {std::string_view(id)}, post_from);
}

std::vector<Post> list_posts(Connection& c, const ListFilter& f) {
    static const std::string sql =
        "SELECT " + std::string(k_post_columns) +
        " FROM posts p JOIN units u ON u.id = p.unit_id"
        " WHERE (? = '' OR lower(p.label) LIKE lower(?) ESCAPE '\\')"
        " AND (? = '' OR u.path LIKE ? ESCAPE '\\') AND (? = '' OR p.unit_id = ?)"
        " AND (? = 1 OR p.archived_at IS NULL) AND p.id > ? ORDER BY p.id LIMIT ?";
    const FilterParams p(f);
    const std::string unit = f.unit_id.value_or("");
    return c.query_all(sql,
                       {std::string_view(p.name_pattern), std::string_view(p.name_pattern),
                        std::string_view(p.within_pattern), std::string_view(p.within_pattern),
                        std::string_view(unit), std::string_view(unit), p.archived,
                        std::string_view(p.after), p.limit},
                       post_from);
}

void insert_post(Connection& c, const Post& p) {
    const std::string resp = responsibilities_to_json(p.responsibilities);
    c.execute(
        "INSERT INTO posts (id, unit_id, label, role, portfolio, responsibilities, archived_at, "
        "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {std::string_view(p.id), std::string_view(p.unit_id), std::string_view(p.label),
         std::string_view(p.role), std::string_view(p.portfolio), std::string_view(resp),
         store::nullable(p.archived_at), p.version, std::string_view(p.created_at),
         std::string_view(p.updated_at)});
}

bool update_post(Connection& c, const Post& p, std::int64_t expected_version) {
    const std::string resp = responsibilities_to_json(p.responsibilities);
    return c.execute(
               "UPDATE posts SET unit_id = ?, label = ?, role = ?, portfolio = ?, "
               "responsibilities = ?, archived_at = ?, version = ?, updated_at = ? "
               "WHERE id = ? AND version = ?",
               {std::string_view(p.unit_id), std::string_view(p.label), std::string_view(p.role),
                std::string_view(p.portfolio), std::string_view(resp),
                store::nullable(p.archived_at), p.version, std::string_view(p.updated_at),
                std::string_view(p.id), expected_version}) == 1;
}

// Memberships ---------------------------------------------------------------------------

namespace {

constexpr std::string_view k_membership_columns =
    "m.id, m.person_id, m.unit_id, u.path, m.post_id, m.role, m.start_date, m.end_date, "
    "m.archived_at, m.version, m.created_at, m.updated_at";

Membership membership_from(const Row& r) {
    return Membership{r.str(0),           r.str(1),     r.str(2),           r.str(3),
                      r.optional_text(4), r.str(5),     r.optional_text(6), r.optional_text(7),
                      r.optional_text(8), r.integer(9), r.str(10),          r.str(11)};
}

}  // namespace

std::optional<Membership> find_membership(Connection& c, const std::string& id) {
    static const std::string sql =
        "SELECT " + std::string(k_membership_columns) +
        " FROM memberships m JOIN units u ON u.id = m.unit_id WHERE m.id = ?";
    return c.query_one(sql, {std::string_view(id)}, membership_from);
}

std::vector<Membership> list_memberships(Connection& c, const ListFilter& f) {
    static const std::string sql =
        "SELECT " + std::string(k_membership_columns) +
        " FROM memberships m JOIN units u ON u.id = m.unit_id"
        " JOIN people p ON p.id = m.person_id"
        " WHERE (? = '' OR m.person_id = ?) AND (? = '' OR m.unit_id = ?)"
        " AND (? = '' OR m.post_id = ?) AND (? = '' OR u.path LIKE ? ESCAPE '\\')"
        " AND (? = 1 OR m.archived_at IS NULL) AND (? = 0 OR p.published = ?)"
        " AND m.id > ? ORDER BY m.id LIMIT ?";
    const FilterParams p(f);
    const std::string person = f.person_id.value_or(""), unit = f.unit_id.value_or(""),
                      post = f.post_id.value_or("");
    return c.query_all(
        sql,
        {std::string_view(person), std::string_view(person), std::string_view(unit),
         std::string_view(unit), std::string_view(post), std::string_view(post),
         std::string_view(p.within_pattern), std::string_view(p.within_pattern), p.archived,
         std::int64_t{f.published_only ? 1 : 0}, true, std::string_view(p.after), p.limit},
        membership_from);
}

void insert_membership(Connection& c, const Membership& m) {
    c.execute(
        "INSERT INTO memberships (id, person_id, unit_id, post_id, role, start_date, end_date, "
        "archived_at, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {std::string_view(m.id), std::string_view(m.person_id), std::string_view(m.unit_id),
         store::nullable(m.post_id), std::string_view(m.role), store::nullable(m.start_date),
         store::nullable(m.end_date), store::nullable(m.archived_at), m.version,
         std::string_view(m.created_at), std::string_view(m.updated_at)});
}

bool update_membership(Connection& c, const Membership& m, std::int64_t expected_version) {
    return c.execute(
               "UPDATE memberships SET person_id = ?, unit_id = ?, post_id = ?, role = ?, "
               "start_date = ?, end_date = ?, archived_at = ?, version = ?, updated_at = ? "
               "WHERE id = ? AND version = ?",
               {std::string_view(m.person_id), std::string_view(m.unit_id),
                store::nullable(m.post_id), std::string_view(m.role), store::nullable(m.start_date),
                store::nullable(m.end_date), store::nullable(m.archived_at), m.version,
                std::string_view(m.updated_at), std::string_view(m.id), expected_version}) == 1;
}

}  // namespace civic::org::repo
