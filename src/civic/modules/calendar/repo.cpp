// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/calendar/repo.hpp"

#include <boost/json.hpp>

namespace civic::calendar {

boost::json::object to_json(const CouncilDay& d) {
    return {{"id", d.id},
            {"date", d.day},
            {"name", d.name},
            {"change", d.change},
            {"archived_at", d.archived_at ? boost::json::value(*d.archived_at) : nullptr},
            {"version", d.version},
            {"created_at", d.created_at},
            {"updated_at", d.updated_at}};
}

namespace repo {
using store::Connection;
using store::Row;

namespace {

constexpr std::string_view k_columns =
    "id, day, name, change, archived_at, version, created_at, updated_at";

CouncilDay day_from(const Row& r) {
    return CouncilDay{r.str(0),           r.str(1),     r.str(2), r.str(3),
                      r.optional_text(4), r.integer(5), r.str(6), r.str(7)};
}

}  // namespace

std::vector<CouncilDay> list_days(Connection& c, bool include_archived) {
    static const std::string sql =
        "SELECT " + std::string(k_columns) +
        " FROM calendar_days WHERE (? = 1 OR archived_at IS NULL) ORDER BY day, id";
    return c.query_all(sql, {std::int64_t{include_archived ? 1 : 0}}, day_from);
}

std::optional<CouncilDay> find_day(Connection& c, const std::string& id) {
    static const std::string sql =
        "SELECT " + std::string(k_columns) + " FROM calendar_days WHERE id = ?";
    return c.query_one(sql, {std::string_view(id)}, day_from);
}

std::optional<CouncilDay> find_live_on(Connection& c, const std::string& day) {
    static const std::string sql = "SELECT " + std::string(k_columns) +
                                   " FROM calendar_days WHERE day = ? AND archived_at IS NULL";
    return c.query_one(sql, {std::string_view(day)}, day_from);
}

void insert_day(Connection& c, const CouncilDay& d) {
    c.execute(
        "INSERT INTO calendar_days (id, day, name, change, archived_at, version, created_at, "
        "updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {std::string_view(d.id), std::string_view(d.day), std::string_view(d.name),
         std::string_view(d.change), store::nullable(d.archived_at), d.version,
         std::string_view(d.created_at), std::string_view(d.updated_at)});
}

bool update_day(Connection& c, const CouncilDay& d, std::int64_t expected_version) {
    return c.execute(
               "UPDATE calendar_days SET name = ?, archived_at = ?, version = ?, updated_at = ? "
               "WHERE id = ? AND version = ?",
               {std::string_view(d.name), store::nullable(d.archived_at), d.version,
                std::string_view(d.updated_at), std::string_view(d.id), expected_version}) == 1;
}

}  // namespace repo
}  // namespace civic::calendar
