// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/kit/links.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <set>

#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/records.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/store/audit.hpp"

namespace civic::kit {
using store::Connection;
using store::Row;
namespace json = boost::json;

namespace {

std::string_view sv(const std::string& s) { return s; }

constexpr std::string_view k_columns =
    "id, from_type, from_id, to_type, to_id, kind, note, archived_at, version, created_at, "
    "updated_at";

Link link_from(const Row& r) {
    return Link{r.str(0), r.str(1),           r.str(2),     r.str(3), r.str(4), r.str(5),
                r.str(6), r.optional_text(7), r.integer(8), r.str(9), r.str(10)};
}

std::optional<Link> find_link(Connection& c, const std::string& id) {
    static const std::string sql = "SELECT " + std::string(k_columns) + " FROM links WHERE id = ?";
    return c.query_one(sql, {sv(id)}, link_from);
}

bool update_link(Connection& c, const Link& l, std::int64_t expected_version) {
    return c.execute(
               "UPDATE links SET kind = ?, note = ?, archived_at = ?, version = ?, updated_at = ? "
               "WHERE id = ? AND version = ?",
               {sv(l.kind), sv(l.note), store::nullable(l.archived_at), l.version, sv(l.updated_at),
                sv(l.id), expected_version}) == 1;
}

std::string audit_text(const Link& l) { return civic::to_json(json::value(to_json(l))); }

}  // namespace

json::object to_json(const Link& l) {
    return {{"id", l.id},
            {"from_type", l.from_type},
            {"from_id", l.from_id},
            {"to_type", l.to_type},
            {"to_id", l.to_id},
            {"kind", l.kind},
            {"note", l.note},
            {"archived_at", l.archived_at ? json::value(*l.archived_at) : json::value(nullptr)},
            {"version", l.version},
            {"created_at", l.created_at},
            {"updated_at", l.updated_at}};
}

json::object to_json(const ShownLink& l) {
    return {{"link", to_json(l.link)},
            {"outgoing", l.outgoing},
            {"other", json::object{{"type", l.other.type},
                                   {"id", l.other.id},
                                   {"label", l.other.label},
                                   {"href", l.other.href}}}};
}

void LinkTypes::add(std::string type, std::string words, Find find) {
    m_types[std::move(type)] = Type{std::move(words), std::move(find)};
}

const LinkTypes::Find* LinkTypes::find(std::string_view type) const {
    const auto it = m_types.find(type);
    return it == m_types.end() ? nullptr : &it->second.find;
}

std::string LinkTypes::words(std::string_view type) const {
    const auto it = m_types.find(type);
    return it == m_types.end() ? std::string(type) : it->second.words;
}

std::vector<std::string> LinkTypes::types() const {
    std::vector<std::string> out;
    for (const auto& [name, type] : m_types) out.push_back(name);
    return out;
}

Result<Link> LinkService::create_in(Connection& c, const Context& ctx, const LinkInput& in) const {
    Checks checks;
    const auto names = m_types.types();
    std::vector<std::string_view> type_names(names.begin(), names.end());
    const auto from_type =
        checks.choice("from_type", "From type", in.from_type, type_names, Required::Yes);
    const auto to_type = checks.choice("to_type", "To type", in.to_type, type_names, Required::Yes);
    const auto kind = checks.choice("kind", "Kind", in.kind, k_link_kinds, Required::Yes);
    checks.text("from_id", "From", in.from_id, Required::Yes, 100);
    checks.text("to_id", "To", in.to_id, Required::Yes, 100);
    checks.text("note", "Note", in.note, Required::No, 2000, Lines::Many);
    // Each end: a live record the caller may see; the record it starts from, one they may
    // change. Anything else is answered alike, as a record that is not there.
    const auto end = [&](const std::optional<std::string>& type,
                         const std::optional<std::string>& id, std::string_view field, bool write) {
        if (!type || checks.failed(field)) return;
        const std::string the_id = trimmed(id);
        const auto* find = m_types.find(*type);
        std::optional<LinkTarget> target;
        if (find && is_id(the_id)) target = (*find)(c, ctx.principal, the_id);
        if (!target || !target->readable || (write && !target->writable))
            checks.fail(std::string(field),
                        fmt::format("There is no {} with this id that you can {}",
                                    m_types.words(*type), write ? "change" : "see"));
    };
    end(from_type, in.from_id, "from_id", true);
    end(to_type, in.to_id, "to_id", false);
    if (!checks.any() && from_type == to_type && trimmed(in.from_id) == trimmed(in.to_id))
        checks.fail("to_id", "A record cannot be linked to itself");
    // Dependencies run one way: a link that would let a record depend, through others, on
    // itself is refused.
    if (!checks.any() && *kind == "depends_on") {
        const std::string start_type = *to_type, start_id = trimmed(in.to_id);
        std::vector<std::pair<std::string, std::string>> todo{{start_type, start_id}};
        std::set<std::pair<std::string, std::string>> seen;
        while (!todo.empty() && !checks.any()) {
            auto [type, id] = todo.back();
            todo.pop_back();
            if (!seen.insert({type, id}).second) continue;
            if (type == *from_type && id == trimmed(in.from_id)) {
                checks.fail("to_id",
                            fmt::format("This {} already depends, directly or through others, on "
                                        "the one it would be needed by: dependencies cannot go "
                                        "round in a circle",
                                        m_types.words(*to_type)));
                break;
            }
            c.query(
                "SELECT to_type, to_id FROM links WHERE from_type = ? AND from_id = ? AND kind = "
                "'depends_on' AND archived_at IS NULL",
                {sv(type), sv(id)}, [&](const Row& r) { todo.emplace_back(r.str(0), r.str(1)); });
        }
    }
    CIVIC_CHECK(checks.result());
    Link l{new_id(),     *from_type,       trimmed(in.from_id), *to_type, trimmed(in.to_id),
           *kind,        trimmed(in.note), std::nullopt,        1,        now_text(ctx),
           now_text(ctx)};
    // The same link twice says nothing new.
    const bool exists =
        c.query_one(
             "SELECT 1 FROM links WHERE from_type = ? AND from_id = ? AND to_type = ? AND "
             "to_id = ? AND kind = ? AND archived_at IS NULL",
             {sv(l.from_type), sv(l.from_id), sv(l.to_type), sv(l.to_id), sv(l.kind)},
             [](const Row&) { return true; })
            .has_value();
    if (exists)
        return std::unexpected(Error::conflict("These two records are already linked this way."));
    c.execute(
        "INSERT INTO links (id, from_type, from_id, to_type, to_id, kind, note, archived_at, "
        "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {sv(l.id), sv(l.from_type), sv(l.from_id), sv(l.to_type), sv(l.to_id), sv(l.kind),
         sv(l.note), nullptr, l.version, sv(l.created_at), sv(l.updated_at)});
    store::record_audit(c, ctx, "link", l.id, "create", std::nullopt, audit_text(l));
    return l;
}

Result<Link> LinkService::create(const Context& ctx, const LinkInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) { return create_in(c, ctx, in); });
}

namespace {

// A link's ends as the caller sees them: nullopt when either is missing or hidden.
bool visible(Connection& c, const LinkTypes& types, const Principal& who, const Link& l) {
    for (const auto& [type, id] :
         {std::pair{&l.from_type, &l.from_id}, std::pair{&l.to_type, &l.to_id}}) {
        const auto* find = types.find(*type);
        const auto target = find ? (*find)(c, who, *id) : std::nullopt;
        if (!target || !target->readable) return false;
    }
    return true;
}

}  // namespace

Result<Link> LinkService::get(const Context& ctx, const std::string& id) {
    auto found = m_db.read([&](Connection& c) -> std::optional<Link> {
        auto l = find_link(c, id);
        return l && visible(c, m_types, ctx.principal, *l) ? l : std::nullopt;
    });
    if (!found) return std::unexpected(Error::not_found("There is no link with this id."));
    return *found;
}

Result<Page<Link>> LinkService::list(const Context& ctx, const LinkQuery& q) {
    return m_db.read([&](Connection& c) -> Result<Page<Link>> {
        const std::string type = q.entity_type.value_or(""), id = q.entity_id.value_or("");
        const std::string kind = q.kind.value_or(""), after = q.cursor.value_or("");
        static const std::string sql =
            "SELECT " + std::string(k_columns) +
            " FROM links WHERE (? = '' OR (from_type = ? AND from_id = ?) OR (to_type = ? AND "
            "to_id = ?)) AND (? = '' OR kind = ?) AND (? = 1 OR archived_at IS NULL) AND id > ? "
            "ORDER BY id LIMIT ?";
        return filtered_page<Link>(
            q.limit,
            [&](int n) {
                return c.query_all(
                    sql,
                    {sv(type), sv(type), sv(id), sv(type), sv(id), sv(kind), sv(kind),
                     std::int64_t{q.include_archived ? 1 : 0}, sv(after), std::int64_t{n}},
                    link_from);
            },
            [&](const Link& l) { return visible(c, m_types, ctx.principal, l); });
    });
}

Result<Link> LinkService::archive(const Context& ctx, const std::string& id, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Link> {
        // Whoever may change the record a link starts from may take the link away.
        auto l = find_link(c, id);
        const auto* find = l ? m_types.find(l->from_type) : nullptr;
        const auto from = find ? (*find)(c, ctx.principal, l->from_id) : std::nullopt;
        if (!l || !from || !from->writable || !visible(c, m_types, ctx.principal, *l))
            return std::unexpected(
                Error::not_found("There is no link with this id that you can change."));
        Entity<Link> entity{"link", find_link, update_link, audit_text,
                            [](const Principal&, const Link&) { return true; }};
        return archive_record(c, ctx, entity, id, version, no_objection);
    });
}

std::vector<ShownLink> LinkService::links_of(Connection& c, const Principal& p,
                                             std::string_view type, const std::string& id) const {
    static const std::string sql = "SELECT " + std::string(k_columns) +
                                   " FROM links WHERE ((from_type = ? AND from_id = ?) OR "
                                   "(to_type = ? AND to_id = ?)) AND archived_at IS NULL "
                                   "ORDER BY id";
    std::vector<ShownLink> out;
    for (auto& l : c.query_all(sql, {type, sv(id), type, sv(id)}, link_from)) {
        const bool outgoing = l.from_type == type && l.from_id == id;
        const std::string& other_type = outgoing ? l.to_type : l.from_type;
        const std::string& other_id = outgoing ? l.to_id : l.from_id;
        const auto* find = m_types.find(other_type);
        const auto target = find ? (*find)(c, p, other_id) : std::nullopt;
        if (!target || !target->readable) continue;
        ShownLink shown{l, outgoing, LinkEnd{other_type, other_id, target->label, target->href}};
        out.push_back(std::move(shown));
    }
    return out;
}

}  // namespace civic::kit
