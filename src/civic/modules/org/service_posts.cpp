// SPDX-License-Identifier: AGPL-3.0-or-later
// Posts (with their responsibilities, and the portfolios of cabinet members) and
// memberships (person × unit or body × role × dates).

#include "civic/modules/org/service.hpp"
#include "civic/modules/org/service_support.hpp"

namespace civic::org {
using namespace detail;
using store::Connection;

namespace {

void check_post_fields(Checks& checks, const PostInput& in, bool creating) {
    checks.text("label", "the post's title", in.label, required_when(creating, in.label), 200);
    checks.text("role", "the role", in.role, Required::No, 200);
    checks.text("portfolio", "the portfolio", in.portfolio, Required::No, 200);
    if (creating && !in.unit_id) checks.fail("unit_id", "Choose the unit this post belongs to");
    if (bad_id(in.unit_id)) checks.fail("unit_id", "Choose a unit that exists");
    checks.text_list("responsibilities", "the responsibilities", in.responsibilities, 100, 500);
}

}  // namespace

Result<Post> OrgService::get_post(const Context&, const std::string& id) {
    auto post = m_db.read([&](Connection& c) { return repo::find_post(c, id); });
    if (!post) return std::unexpected(Error::not_found("There is no post with this id."));
    return *post;
}

Result<Page<Post>> OrgService::list_posts(const Context&, const ListQuery& q) {
    return m_db.read([&](Connection& c) -> Result<Page<Post>> {
        CIVIC_TRY(auto f, list_filter(c, q));
        return filtered_page<Post>(
            q.limit,
            [&](int n) {
                f.limit = n;
                return repo::list_posts(c, f);
            },
            [](const Post&) { return true; });
    });
}

Result<Post> OrgService::create_post(const Context& ctx, const PostInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) { return create_post_on(c, ctx, in); });
}

Result<Post> OrgService::create_post_on(Connection& c, const Context& ctx, const PostInput& in) {
    Checks checks;
    check_post_fields(checks, in, true);
    Post p;
    p.id = new_id();
    p.label = trimmed(in.label);
    p.role = trimmed(in.role);
    p.portfolio = trimmed(in.portfolio);
    if (in.responsibilities) p.responsibilities = *in.responsibilities;
    if (!checks.failed("unit_id")) {
        if (auto unit = writable_unit(c, ctx, trimmed(in.unit_id))) {
            p.unit_id = unit->id;
            p.unit_path = unit->path;
        } else {
            checks.fail("unit_id", "Choose a unit that exists and that you can change");
        }
    }
    CIVIC_CHECK(checks.result());
    p.created_at = p.updated_at = now_text(ctx);
    repo::insert_post(c, p);
    store::record_audit(c, ctx, "post", p.id, "create", std::nullopt, audit_text(p));
    return p;
}

Result<Post> OrgService::update_post(const Context& ctx, const std::string& id, const PostInput& in,
                                     std::int64_t expected_version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(c, ctx, k_post, id, expected_version, "update", [&](Post& p) {
            Checks checks;
            check_post_fields(checks, in, false);
            if (in.label) p.label = trimmed(in.label);
            if (in.role) p.role = trimmed(in.role);
            if (in.portfolio) p.portfolio = trimmed(in.portfolio);
            if (in.responsibilities) p.responsibilities = *in.responsibilities;
            if (in.unit_id && !checks.failed("unit_id") && trimmed(in.unit_id) != p.unit_id) {
                if (auto unit = writable_unit(c, ctx, trimmed(in.unit_id))) {
                    p.unit_id = unit->id;
                    p.unit_path = unit->path;
                } else {
                    checks.fail("unit_id", "Choose a unit that exists and that you can change");
                }
            }
            return checks.result();
        });
    });
}

Result<Post> OrgService::archive_post(const Context& ctx, const std::string& id,
                                      std::int64_t expected_version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return archive_record(c, ctx, k_post, id, expected_version, no_objection);
    });
}

// Memberships -----------------------------------------------------------------------------

namespace {

void check_membership_fields(Checks& checks, const MembershipInput& in, bool creating) {
    if (creating && (!in.person_id || in.person_id->empty()))
        checks.fail("person_id", "Choose the person");
    if (bad_id(in.person_id)) checks.fail("person_id", "Choose a person who exists");
    if (bad_id(in.unit_id)) checks.fail("unit_id", "Choose a unit that exists");
    if (bad_id(in.post_id)) checks.fail("post_id", "Choose a post that exists");
    checks.text("role", "the role", in.role, Required::No, 200);
    for (const auto* d : {&in.start_date, &in.end_date}) {
        if (*d && !(*d)->empty() && !is_iso_date(**d))
            checks.fail(d == &in.start_date ? "start_date" : "end_date",
                        "Enter a real date written as YYYY-MM-DD, for example 2025-05-15");
    }
}

// Fills person, unit, post and role of m from the input, each named record as the caller may
// use it: the person one they may see (published, or in their scope), the post a live one in
// the membership's unit, the unit one they may write in. A person, post or unit they may not
// use is answered exactly as one that does not exist.
void resolve_membership(Connection& c, const Context& ctx, Checks& checks,
                        const MembershipInput& in, Membership& m) {
    if (in.person_id && !checks.failed("person_id") && trimmed(in.person_id) != m.person_id) {
        auto person =
            named_record(repo::find_person(c, trimmed(in.person_id)), [&](const Person& p) {
                return p.published || covers(ctx.principal, p.unit_path, Access::Read);
            });
        if (person) {
            m.person_id = person->id;
        } else {
            checks.fail("person_id", "Choose a person who exists");
        }
    }
    std::optional<Post> post;
    if (in.post_id && !checks.failed("post_id")) {
        const std::string post_id = trimmed(in.post_id);
        if (post_id.empty()) {
            m.post_id.reset();
        } else if ((post = named_record(repo::find_post(c, post_id),
                                        [](const Post&) { return true; }))) {
            m.post_id = post->id;
        } else {
            checks.fail("post_id", "Choose a post that exists");
        }
    }
    std::string unit_id = in.unit_id ? trimmed(in.unit_id) : m.unit_id;
    if (unit_id.empty() && post) unit_id = post->unit_id;  // a post's membership is in its unit
    if (unit_id.empty()) {
        if (!checks.failed("unit_id")) checks.fail("unit_id", "Choose the unit or body");
    } else if (!checks.failed("unit_id") && unit_id != m.unit_id) {
        if (auto unit = writable_unit(c, ctx, unit_id)) {
            m.unit_id = unit->id;
            m.unit_path = unit->path;
        } else {
            checks.fail("unit_id", "Choose a unit or body that exists and that you can change");
        }
    }
    if (post && !m.unit_id.empty() && post->unit_id != m.unit_id)
        checks.fail("post_id", "Choose a post that belongs to the same unit or body");
    if (in.role) m.role = trimmed(in.role);
    if (m.role.empty() && post) m.role = post->role.empty() ? post->label : post->role;
    if (m.role.empty() && !checks.failed("role")) checks.fail("role", "Enter the role");
    if (in.start_date) m.start_date = in.start_date->empty() ? std::nullopt : in.start_date;
    if (in.end_date) m.end_date = in.end_date->empty() ? std::nullopt : in.end_date;
    if (m.start_date && m.end_date && *m.end_date < *m.start_date && !checks.failed("end_date"))
        checks.fail("end_date", "The end date must be the same as or after the start date");
}

}  // namespace

Result<Membership> OrgService::get_membership(const Context& ctx, const std::string& id) {
    auto found = m_db.read([&](Connection& c) -> std::optional<Membership> {
        auto m = repo::find_membership(c, id);
        if (!m) return std::nullopt;
        auto person = repo::find_person(c, m->person_id);
        const bool visible = person && (person->published ||
                                        covers(ctx.principal, person->unit_path, Access::Read) ||
                                        covers(ctx.principal, m->unit_path, Access::Read));
        return visible ? m : std::nullopt;
    });
    if (!found) return std::unexpected(Error::not_found("There is no membership with this id."));
    return *found;
}

Result<Page<Membership>> OrgService::list_memberships(const Context& ctx, const ListQuery& q) {
    return m_db.read([&](Connection& c) -> Result<Page<Membership>> {
        CIVIC_TRY(auto f, list_filter(c, q));
        // Memberships of people who are not published show only to callers whose role
        // covers the membership's unit.
        const bool any_role = !ctx.principal.grants.empty();
        f.published_only = !any_role;
        return filtered_page<Membership>(
            q.limit,
            [&](int n) {
                f.limit = n;
                return repo::list_memberships(c, f);
            },
            [&](const Membership& m) {
                if (!any_role || covers(ctx.principal, m.unit_path, Access::Read)) return true;
                auto person = repo::find_person(c, m.person_id);
                return person && person->published;
            });
    });
}

Result<Membership> OrgService::create_membership(const Context& ctx, const MembershipInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) { return create_membership_on(c, ctx, in); });
}

Result<Membership> OrgService::create_membership_on(Connection& c, const Context& ctx,
                                                    const MembershipInput& in) {
    Checks checks;
    check_membership_fields(checks, in, true);
    Membership m;
    m.id = new_id();
    resolve_membership(c, ctx, checks, in, m);
    CIVIC_CHECK(checks.result());
    m.created_at = m.updated_at = now_text(ctx);
    repo::insert_membership(c, m);
    store::record_audit(c, ctx, "membership", m.id, "create", std::nullopt, audit_text(m));
    return m;
}

Result<Membership> OrgService::update_membership(const Context& ctx, const std::string& id,
                                                 const MembershipInput& in,
                                                 std::int64_t expected_version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(c, ctx, k_membership, id, expected_version, "update",
                             [&](Membership& m) {
                                 Checks checks;
                                 check_membership_fields(checks, in, false);
                                 resolve_membership(c, ctx, checks, in, m);
                                 return checks.result();
                             });
    });
}

Result<Membership> OrgService::archive_membership(const Context& ctx, const std::string& id,
                                                  std::int64_t expected_version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return archive_record(c, ctx, k_membership, id, expected_version, no_objection);
    });
}

}  // namespace civic::org
