// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// A record's table described once: its columns and the members they fill. From that one
// description come the SELECT that reads a record with its unit's path, the INSERT, the
// versioned UPDATE the kit's change steps need, and the mapping from a row, so a module's repo
// holds its queries' conditions and nothing it would otherwise write out column by column.
//
//   inline const kit::Table<Meeting> k_meetings{
//       "meetings", "m", "JOIN units u ON u.id = m.body_id", &Meeting::unit_path,
//       {{"id", &Meeting::id}, {"body_id", &Meeting::body_id}, …}};
//   auto m = k_meetings.find(c, id);
//   auto list = k_meetings.where(c, "m.body_id = ? ORDER BY m.date", {body_id});
//
// The first column is the id. A list of text (std::vector<std::string>) is stored as a JSON
// array of strings.

#include <fmt/format.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "civic/store/database.hpp"

namespace civic::kit {

// A JSON array of strings, as a list column stores it, and back ([] for text that is not one).
std::string text_list_to_json(const std::vector<std::string>& items);
std::vector<std::string> text_list_from_json(std::string_view text);

template <typename R>
struct Column {
    using Member =
        std::variant<std::string R::*, std::optional<std::string> R::*, std::int64_t R::*,
                     std::optional<std::int64_t> R::*, bool R::*, std::vector<std::string> R::*>;
    std::string_view name;
    Member member;
};

template <typename R>
class Table {
public:
    // table and alias: "meetings", "m". join: what the path comes from ("JOIN units u ON u.id =
    // m.body_id"), and path its member; "" and nullptr for a record without one.
    Table(std::string_view table, std::string_view alias, std::string_view join,
          std::string R::*path, std::vector<Column<R>> columns)
        : m_table(table), m_alias(alias), m_path(path), m_columns(std::move(columns)) {
        std::string list;
        for (std::size_t i = 0; i < m_columns.size(); ++i)
            list += fmt::format("{}{}.{}", i ? ", " : "", m_alias, m_columns[i].name);
        if (m_path) list += ", u.path";
        m_select = fmt::format("SELECT {} FROM {} {}{}{}", list, m_table, m_alias,
                               join.empty() ? "" : " ", join);
        std::string names, marks, sets;
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            names += fmt::format("{}{}", i ? ", " : "", m_columns[i].name);
            marks += i ? ", ?" : "?";
            if (i) sets += fmt::format("{}{} = ?", i > 1 ? ", " : "", m_columns[i].name);
        }
        m_insert = fmt::format("INSERT INTO {} ({}) VALUES ({})", m_table, names, marks);
        m_update = fmt::format("UPDATE {} SET {} WHERE id = ? AND version = ?", m_table, sets);
    }

    std::string_view name() const { return m_table; }
    std::string_view alias() const { return m_alias; }
    // "SELECT m.id, …, u.path FROM meetings m JOIN units u ON …": add WHERE and ORDER BY.
    const std::string& select() const { return m_select; }

    R from_row(const store::Row& row) const {
        R r;
        int n = 0;
        for (const auto& col : m_columns) {
            std::visit(
                [&](auto member) {
                    using T = std::remove_cvref_t<decltype(r.*member)>;
                    if constexpr (std::is_same_v<T, std::string>)
                        r.*member = row.str(n);
                    else if constexpr (std::is_same_v<T, std::optional<std::string>>)
                        r.*member = row.optional_text(n);
                    else if constexpr (std::is_same_v<T, std::int64_t>)
                        r.*member = row.integer(n);
                    else if constexpr (std::is_same_v<T, std::optional<std::int64_t>>)
                        r.*member = row.is_null(n) ? std::nullopt
                                                   : std::optional<std::int64_t>(row.integer(n));
                    else if constexpr (std::is_same_v<T, bool>)
                        r.*member = row.boolean(n);
                    else
                        r.*member = text_list_from_json(row.text(n));
                },
                col.member);
            ++n;
        }
        if (m_path) r.*m_path = row.str(n);
        return r;
    }

    std::optional<R> find(store::Connection& c, const std::string& id) const {
        return c.query_one(m_select + fmt::format(" WHERE {}.id = ?", m_alias), {id},
                           [this](const store::Row& row) { return from_row(row); });
    }
    // The records a condition picks, in its order: "m.body_id = ? ORDER BY m.date".
    std::vector<R> where(store::Connection& c, std::string_view condition,
                         std::span<const store::Value> params) const {
        return c.query_all(m_select + " WHERE " + std::string(condition), params,
                           [this](const store::Row& row) { return from_row(row); });
    }
    std::vector<R> where(store::Connection& c, std::string_view condition,
                         std::initializer_list<store::Value> params) const {
        return where(c, condition, std::span<const store::Value>(params.begin(), params.size()));
    }

    void insert(store::Connection& c, const R& r) const {
        std::vector<std::string> lists;
        const auto values = values_of(r, lists);
        c.execute(m_insert, values);
    }
    // Writes the record when its stored version is still expected_version; false otherwise.
    bool update(store::Connection& c, const R& r, std::int64_t expected_version) const {
        std::vector<std::string> lists;
        auto values = values_of(r, lists);
        const store::Value id = values.front();
        values.erase(values.begin());
        values.push_back(id);
        values.push_back(expected_version);
        return c.execute(m_update, values) == 1;
    }

private:
    // The values an insert writes, in column order; lists hold the JSON text of list columns
    // (reserved up front, so the views into it stay valid).
    std::vector<store::Value> values_of(const R& r, std::vector<std::string>& lists) const {
        lists.reserve(m_columns.size());
        std::vector<store::Value> out;
        out.reserve(m_columns.size() + 2);
        for (const auto& col : m_columns)
            std::visit(
                [&](auto member) {
                    using T = std::remove_cvref_t<decltype(r.*member)>;
                    if constexpr (std::is_same_v<T, std::string>)
                        out.emplace_back(std::string_view(r.*member));
                    else if constexpr (std::is_same_v<T, std::optional<std::string>>)
                        out.push_back(store::nullable(r.*member));
                    else if constexpr (std::is_same_v<T, std::int64_t>)
                        out.emplace_back(r.*member);
                    else if constexpr (std::is_same_v<T, std::optional<std::int64_t>>)
                        out.push_back((r.*member) ? store::Value(*(r.*member))
                                                  : store::Value(nullptr));
                    else if constexpr (std::is_same_v<T, bool>)
                        out.emplace_back(r.*member);
                    else {
                        lists.push_back(text_list_to_json(r.*member));
                        out.emplace_back(std::string_view(lists.back()));
                    }
                },
                col.member);
        return out;
    }

    std::string m_table, m_alias;
    std::string R::*m_path = nullptr;
    std::vector<Column<R>> m_columns;
    std::string m_select, m_insert, m_update;
};

}  // namespace civic::kit
