// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The SQL of the organisation register. Each function runs on a connection inside the
// caller's read or write; "not found" is nullopt, failures throw store errors.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "civic/modules/org/model.hpp"
#include "civic/store/database.hpp"

namespace civic::org::repo {

struct ListFilter {
    std::optional<std::string> name;         // case-insensitive, anywhere in the name or label
    std::optional<std::string> within_path;  // a unit's path: only records in its subtree
    std::optional<std::string> kind;
    bool include_archived = false;
    std::optional<std::string> after;  // cursor
    int limit = 50;
    // Filters for memberships.
    std::optional<std::string> person_id;
    std::optional<std::string> unit_id;
    std::optional<std::string> post_id;
    // People: only published ones (what an anonymous visitor may list).
    bool published_only = false;
};

std::optional<Unit> find_unit(store::Connection& c, const std::string& id);
std::vector<Unit> list_units(store::Connection& c, const ListFilter& f);
void insert_unit(store::Connection& c, const Unit& u);
// Writes u when its stored version is still expected_version; false when it is not.
bool update_unit(store::Connection& c, const Unit& u, std::int64_t expected_version);
// Moves every descendant of a unit whose path changes from old_path to new_path.
void repath_descendants(store::Connection& c, const std::string& old_path,
                        const std::string& new_path);
std::int64_t count_live_children(store::Connection& c, const std::string& unit_id);
// Units whose name is exactly name (case-insensitive), not archived.
std::vector<Unit> find_units_by_name(store::Connection& c, const std::string& name);
// Inserts many units at once (an import).
void insert_units(store::Connection& c, std::span<const Unit> units);

// A live unit's id and name, for an import's index of names.
struct UnitName {
    std::string id;
    std::string name;
};
// Every live unit's id and name, in one query.
std::vector<UnitName> live_unit_names(store::Connection& c);

std::optional<Person> find_person(store::Connection& c, const std::string& id);
std::vector<Person> list_people(store::Connection& c, const ListFilter& f);
void insert_person(store::Connection& c, const Person& p);
// Inserts many people at once (an import).
void insert_people(store::Connection& c, std::span<const Person> people);
bool update_person(store::Connection& c, const Person& p, std::int64_t expected_version);

std::optional<Post> find_post(store::Connection& c, const std::string& id);
std::vector<Post> list_posts(store::Connection& c, const ListFilter& f);
void insert_post(store::Connection& c, const Post& p);
bool update_post(store::Connection& c, const Post& p, std::int64_t expected_version);

std::optional<Membership> find_membership(store::Connection& c, const std::string& id);
std::vector<Membership> list_memberships(store::Connection& c, const ListFilter& f);
void insert_membership(store::Connection& c, const Membership& m);
bool update_membership(store::Connection& c, const Membership& m, std::int64_t expected_version);

// Escapes % _ and \ for a LIKE pattern with ESCAPE '\'.
std::string like_escape(std::string_view s);

}  // namespace civic::org::repo
