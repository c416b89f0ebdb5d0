// SPDX-License-Identifier: AGPL-3.0-or-later
// People: officers and councillors. Councillors and published officers (directors, the chief
// executive) are public; other officers, and every officer's contact details, are seen only
// by signed-in users whose role covers the officer's unit.

#include "civic/modules/org/service.hpp"
#include "civic/modules/org/service_support.hpp"

namespace civic::org {
using namespace detail;
using store::Connection;

namespace {

std::optional<VisiblePerson> visible(const Context& ctx, Person p) {
    if (!may_see(ctx.principal, p)) return std::nullopt;
    const bool in_scope = covers(ctx.principal, p.unit_path, Access::Read);
    const bool public_contact = p.kind == "councillor" && p.published;
    const auto contact =
        (in_scope || public_contact) ? ContactDetails::Shown : ContactDetails::Hidden;
    return VisiblePerson{std::move(p), contact};
}

bool looks_like_email(std::string_view s) {
    const auto at = s.find('@');
    return at != std::string_view::npos && at > 0 && s.find('.', at) != std::string_view::npos &&
           s.back() != '.' && s.find(' ') == std::string_view::npos;
}

bool looks_like_phone(std::string_view s) {
    return s.find_first_not_of("0123456789 +()-") == std::string_view::npos;
}

// Validates a person's own fields; returns the kind in its canonical spelling, when given.
std::optional<std::string> check_person_fields(Checks& checks, const PersonInput& in,
                                               bool creating) {
    checks.text("name", "the person's name", in.name, required_when(creating, in.name), 200);
    auto kind = checks.choice("kind", "the kind of person", in.kind, k_person_kinds,
                              creating ? Required::Yes : Required::No);
    checks.text("honorific_prefix", "the title", in.honorific_prefix, Required::No, 50);
    checks.text("email", "the email address", in.email, Required::No, 200);
    checks.text("phone", "the phone number", in.phone, Required::No, 50);
    checks.text("summary", "the summary", in.summary, Required::No, 2000, Lines::Many);
    if (in.email && !trim(*in.email).empty() && !checks.failed("email") &&
        !looks_like_email(trim(*in.email)))
        checks.fail("email",
                    "Enter an email address in the correct format, like name@council.gov.uk");
    if (in.phone && !checks.failed("phone") && !looks_like_phone(trim(*in.phone)))
        checks.fail("phone", "Enter a phone number, like 01632 960 001");
    if (bad_id(in.unit_id)) checks.fail("unit_id", "Choose a unit that exists");
    return kind;
}

// Sets p.unit_id and p.unit_path from the input: a live unit the caller may write in, or no
// unit at all, which only someone who may write council-wide may choose.
template <typename Lookup>
void resolve_unit(const Lookup& unit_by_id, const Context& ctx, Checks& checks,
                  const std::string& unit_id, Person& p) {
    if (unit_id.empty()) {
        p.unit_id.reset();
        p.unit_path.clear();
        if (!covers(ctx.principal, "", Access::Write))
            checks.fail("unit_id", "Choose the unit this person belongs to");
        return;
    }
    auto unit = writable_unit(unit_by_id, ctx, unit_id);
    if (!unit) {
        checks.fail("unit_id", "Choose a unit that exists and that you can change");
        return;
    }
    p.unit_id = unit->id;
    p.unit_path = unit->path;
}

}  // namespace

bool may_see(const Principal& p, const Person& person) {
    return person.published || covers(p, person.unit_path, Access::Read);
}

Result<VisiblePerson> OrgService::get_person(const Context& ctx, const std::string& id) {
    auto person = m_db.read([&](Connection& c) { return repo::find_person(c, id); });
    if (person)
        if (auto v = visible(ctx, std::move(*person))) return std::move(*v);
    return std::unexpected(Error::not_found("There is no person with this id."));
}

Result<Page<VisiblePerson>> OrgService::list_people(const Context& ctx, const ListQuery& q) {
    return m_db.read([&](Connection& c) -> Result<Page<VisiblePerson>> {
        CIVIC_TRY(auto f, list_filter(c, q));
        f.published_only = ctx.principal.grants.empty();
        auto people = filtered_page<Person>(
            q.limit,
            [&](int n) {
                f.limit = n;
                return repo::list_people(c, f);
            },
            [&](const Person& p) { return visible(ctx, p).has_value(); });
        Page<VisiblePerson> out;
        out.next_cursor = people.next_cursor;
        for (auto& p : people.items) out.items.push_back(*visible(ctx, std::move(p)));
        return out;
    });
}

Result<VisiblePerson> OrgService::create_person(const Context& ctx, const PersonInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) { return create_person_on(c, ctx, in); });
}

Result<VisiblePerson> OrgService::create_person_on(Connection& c, const Context& ctx,
                                                   const PersonInput& in) {
    CIVIC_TRY(Person p,
              new_person(ctx, in, [&](const std::string& id) { return repo::find_unit(c, id); }));
    repo::insert_person(c, p);
    store::record_audit(c, ctx, "person", p.id, "create", std::nullopt, audit_text(p));
    return VisiblePerson{p, ContactDetails::Shown};
}

Result<Person> OrgService::new_person(const Context& ctx, const PersonInput& in,
                                      const UnitLookup& unit_by_id) {
    Checks checks;
    const auto kind = check_person_fields(checks, in, true);
    Person p;
    p.id = new_id();
    p.name = trimmed(in.name);
    p.kind = kind.value_or("");
    p.honorific_prefix = trimmed(in.honorific_prefix);
    p.email = trimmed(in.email);
    p.phone = trimmed(in.phone);
    p.summary = trimmed(in.summary);
    // Councillors hold public office; an officer is published only when someone says so.
    p.published = in.published.value_or(p.kind == "councillor");
    if (!checks.failed("unit_id")) resolve_unit(unit_by_id, ctx, checks, trimmed(in.unit_id), p);
    CIVIC_CHECK(checks.result());
    p.created_at = p.updated_at = now_text(ctx);
    return p;
}

Result<VisiblePerson> OrgService::update_person(const Context& ctx, const std::string& id,
                                                const PersonInput& in,
                                                std::int64_t expected_version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<VisiblePerson> {
        CIVIC_TRY(
            auto p, change_record(c, ctx, k_person, id, expected_version, "update", [&](Person& p) {
                Checks checks;
                const auto kind = check_person_fields(checks, in, false);
                if (in.name) p.name = trimmed(in.name);
                if (kind) p.kind = *kind;
                if (in.honorific_prefix) p.honorific_prefix = trimmed(in.honorific_prefix);
                if (in.email) p.email = trimmed(in.email);
                if (in.phone) p.phone = trimmed(in.phone);
                if (in.summary) p.summary = trimmed(in.summary);
                if (in.published) p.published = *in.published;
                if (in.unit_id && !checks.failed("unit_id") &&
                    trimmed(in.unit_id) != p.unit_id.value_or(""))
                    resolve_unit(
                        [&](const std::string& unit_id) { return repo::find_unit(c, unit_id); },
                        ctx, checks, trimmed(in.unit_id), p);
                return checks.result();
            }));
        return VisiblePerson{std::move(p), ContactDetails::Shown};
    });
}

Result<VisiblePerson> OrgService::archive_person(const Context& ctx, const std::string& id,
                                                 std::int64_t expected_version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<VisiblePerson> {
        CIVIC_TRY(auto p, archive_record(c, ctx, k_person, id, expected_version, no_objection));
        return VisiblePerson{std::move(p), ContactDetails::Shown};
    });
}

}  // namespace civic::org
