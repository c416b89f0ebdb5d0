// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The organisation register, shaped on Popolo: units (Organization) in a tree, people
// (Person), posts with their responsibilities (Post) and memberships (Membership).

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/modules/kit/page.hpp"

namespace civic::org {

// The kinds of unit, from the top of the tree down; "body" is a board, group, committee or
// panel (Cabinet, Executive Management Group, a scrutiny panel) that can sit anywhere.
inline constexpr std::string_view k_unit_kinds[] = {"council", "directorate", "department",
                                                    "service", "team",        "body"};
inline constexpr std::string_view k_person_kinds[] = {"officer", "councillor"};

struct Unit {
    std::string id;
    std::optional<std::string> parent_id;
    std::string path;  // "/root/…/id/": ancestors then the unit itself
    std::string name;
    std::string kind;
    std::string description;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Person {
    std::string id;
    std::string name;
    std::string honorific_prefix;
    std::string kind;
    std::optional<std::string> unit_id;
    std::string unit_path;  // of unit_id, for scope checks ("" when none)
    bool published = false;
    std::string email;
    std::string phone;
    std::string summary;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Post {
    std::string id;
    std::string unit_id;
    std::string unit_path;
    std::string label;
    std::string role;
    std::string portfolio;
    std::vector<std::string> responsibilities;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Membership {
    std::string id;
    std::string person_id;
    std::string unit_id;
    std::string unit_path;
    std::optional<std::string> post_id;
    std::string role;
    std::optional<std::string> start_date;
    std::optional<std::string> end_date;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

// How much of a person the caller may see.
enum class ContactDetails { Hidden, Shown };

boost::json::object to_json(const Unit& u);
boost::json::object to_json(const Person& p, ContactDetails contact);
boost::json::object to_json(const Post& p);
boost::json::object to_json(const Membership& m);

// The list of responsibilities as stored (a JSON array of strings) and back.
std::string responsibilities_to_json(const std::vector<std::string>& items);
std::vector<std::string> responsibilities_from_json(std::string_view text);

template <typename T>
using Page = kit::Page<T>;

}  // namespace civic::org
