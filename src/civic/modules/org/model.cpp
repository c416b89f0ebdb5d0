// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/org/model.hpp"

#include <boost/json.hpp>

#include "civic/modules/kit/table.hpp"

namespace civic::org {
namespace json = boost::json;

namespace {
json::value opt(const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
}
}  // namespace

json::object to_json(const Unit& u) {
    return {{"id", u.id},
            {"name", u.name},
            {"kind", u.kind},
            {"parent_id", opt(u.parent_id)},
            {"description", u.description},
            {"archived_at", opt(u.archived_at)},
            {"version", u.version},
            {"created_at", u.created_at},
            {"updated_at", u.updated_at}};
}

json::object to_json(const Person& p, ContactDetails contact) {
    const bool show = contact == ContactDetails::Shown;
    return {{"id", p.id},
            {"name", p.name},
            {"honorific_prefix", p.honorific_prefix},
            {"kind", p.kind},
            {"unit_id", opt(p.unit_id)},
            {"published", p.published},
            {"email", show ? json::value(p.email) : json::value(nullptr)},
            {"phone", show ? json::value(p.phone) : json::value(nullptr)},
            {"summary", p.summary},
            {"archived_at", opt(p.archived_at)},
            {"version", p.version},
            {"created_at", p.created_at},
            {"updated_at", p.updated_at}};
}

json::object to_json(const Post& p) {
    json::array resp;
    for (const auto& r : p.responsibilities) resp.push_back(json::value(r));
    return {{"id", p.id},
            {"unit_id", p.unit_id},
            {"label", p.label},
            {"role", p.role},
            {"portfolio", p.portfolio},
            {"responsibilities", std::move(resp)},
            {"archived_at", opt(p.archived_at)},
            {"version", p.version},
            {"created_at", p.created_at},
            {"updated_at", p.updated_at}};
}

json::object to_json(const Membership& m) {
    return {{"id", m.id},
            {"person_id", m.person_id},
            {"unit_id", m.unit_id},
            {"post_id", opt(m.post_id)},
            {"role", m.role},
            {"start_date", opt(m.start_date)},
            {"end_date", opt(m.end_date)},
            {"archived_at", opt(m.archived_at)},
            {"version", m.version},
            {"created_at", m.created_at},
            {"updated_at", m.updated_at}};
}

std::string responsibilities_to_json(const std::vector<std::string>& items) {
    return kit::text_list_to_json(items);
}

std::vector<std::string> responsibilities_from_json(std::string_view text) {
    return kit::text_list_from_json(text);
}

}  // namespace civic::org
