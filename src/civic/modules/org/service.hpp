// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The rules of the organisation register: validation, who may see and change what, and the
// audit trail. The JSON API, the pages and the command line all come through here.

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/modules/org/model.hpp"
#include "civic/store/database.hpp"

namespace civic::org {

// Fields of a create or an update. On an update, nullopt leaves a field as it is and ""
// clears an optional one.
struct UnitInput {
    std::optional<std::string> name, kind, parent_id, description;
};
struct PersonInput {
    std::optional<std::string> name, kind, unit_id, honorific_prefix, email, phone, summary;
    std::optional<bool> published;
};
struct PostInput {
    std::optional<std::string> unit_id, label, role, portfolio;
    std::optional<std::vector<std::string>> responsibilities;
};
struct MembershipInput {
    std::optional<std::string> person_id, unit_id, post_id, role, start_date, end_date;
};

struct ListQuery {
    std::optional<std::string> name;
    std::optional<std::string> within;  // a unit id: its subtree
    std::optional<std::string> kind;
    std::optional<std::string> person_id, unit_id, post_id;
    bool include_archived = false;
    std::optional<std::string> cursor;
    int limit = 50;
};

struct ImportSummary {
    int created = 0;
};

struct DemoSummary {
    std::string council_name;
    int units = 0, people = 0, posts = 0, memberships = 0;
};

// A person as the caller may see them.
struct VisiblePerson {
    Person person;
    ContactDetails contact = ContactDetails::Hidden;
};

// True when the caller may see this person at all: a published person, or one whose unit
// is in the caller's read scope. Other modules ask it of the people their records name.
bool may_see(const Principal& p, const Person& person);

class OrgService {
public:
    explicit OrgService(store::Database& db) : m_db(db) {}

    Result<Unit> get_unit(const Context& ctx, const std::string& id);
    Result<Page<Unit>> list_units(const Context& ctx, const ListQuery& q);
    // Every live unit, for the tree page.
    std::vector<Unit> all_units(const Context& ctx);
    Result<Unit> create_unit(const Context& ctx, const UnitInput& in);
    Result<Unit> update_unit(const Context& ctx, const std::string& id, const UnitInput& in,
                             std::int64_t expected_version);
    Result<Unit> archive_unit(const Context& ctx, const std::string& id,
                              std::int64_t expected_version);

    Result<VisiblePerson> get_person(const Context& ctx, const std::string& id);
    Result<Page<VisiblePerson>> list_people(const Context& ctx, const ListQuery& q);
    Result<VisiblePerson> create_person(const Context& ctx, const PersonInput& in);
    Result<VisiblePerson> update_person(const Context& ctx, const std::string& id,
                                        const PersonInput& in, std::int64_t expected_version);
    Result<VisiblePerson> archive_person(const Context& ctx, const std::string& id,
                                         std::int64_t expected_version);

    Result<Post> get_post(const Context& ctx, const std::string& id);
    Result<Page<Post>> list_posts(const Context& ctx, const ListQuery& q);
    Result<Post> create_post(const Context& ctx, const PostInput& in);
    Result<Post> update_post(const Context& ctx, const std::string& id, const PostInput& in,
                             std::int64_t expected_version);
    Result<Post> archive_post(const Context& ctx, const std::string& id,
                              std::int64_t expected_version);

    Result<Membership> get_membership(const Context& ctx, const std::string& id);
    Result<Page<Membership>> list_memberships(const Context& ctx, const ListQuery& q);
    Result<Membership> create_membership(const Context& ctx, const MembershipInput& in);
    Result<Membership> update_membership(const Context& ctx, const std::string& id,
                                         const MembershipInput& in, std::int64_t expected_version);
    Result<Membership> archive_membership(const Context& ctx, const std::string& id,
                                          std::int64_t expected_version);

    // A live unit named by its exact name (capital letters do not matter) or any unit by its
    // id, as a person names one on the command line. Errors name the field "unit" and, when
    // several units share the name, list their ids (lookup.cpp).
    Result<Unit> find_unit_by_id_or_name(const Context& ctx, std::string_view id_or_name);

    // True when the caller may change records in this unit's subtree.
    bool can_edit(const Context& ctx, const Unit& unit) const;
    // True when the caller may read everything in this unit's subtree, unpublished people
    // included.
    bool can_read(const Context& ctx, const Unit& unit) const;
    // True when the caller may read everything in the council (a council-wide role).
    bool can_read_all(const Context& ctx) const;

    // CSV imports: all-or-nothing. A bad row rejects the file; each error's field names
    // the line and column ("line 4, column kind").
    Result<ImportSummary> import_units(const Context& ctx, std::string_view csv);
    Result<ImportSummary> import_people(const Context& ctx, std::string_view csv);

    // Loads the demo council (data/demo/council.json) in one transaction. Refuses when the
    // register already has units.
    Result<DemoSummary> load_demo(const Context& ctx, std::string_view council_json);

    // The register as Popolo JSON (persons, organizations, posts, memberships), as far as
    // the caller may see it.
    boost::json::object export_popolo(const Context& ctx);

    // Creates on a connection already inside a write: the API's and the demo's, and another
    // module's write that makes a unit or person as part of its own (a body's unit, the
    // councillors of a Modern.gov import), in one transaction with the same checks and audit.
    Result<Unit> create_unit_on(store::Connection& c, const Context& ctx, const UnitInput& in);
    Result<VisiblePerson> create_person_on(store::Connection& c, const Context& ctx,
                                           const PersonInput& in);
    Result<Post> create_post_on(store::Connection& c, const Context& ctx, const PostInput& in);
    Result<Membership> create_membership_on(store::Connection& c, const Context& ctx,
                                            const MembershipInput& in);

private:
    // Looks up a unit by id for a new record: the database, or also the units of a file
    // being imported.
    using UnitLookup = std::function<std::optional<Unit>(const std::string& id)>;
    // Checks a new unit or person against the rules and makes it, without writing it.
    Result<Unit> new_unit(const Context& ctx, const UnitInput& in, const UnitLookup& unit_by_id);
    Result<Person> new_person(const Context& ctx, const PersonInput& in,
                              const UnitLookup& unit_by_id);

    store::Database& m_db;
};

}  // namespace civic::org
