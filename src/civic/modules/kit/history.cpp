// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/kit/history.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <optional>

#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/pages.hpp"
#include "civic/store/audit.hpp"

namespace civic::kit {
namespace json = boost::json;

namespace {

json::object object_of(const std::optional<std::string>& text) {
    if (!text) return {};
    boost::system::error_code ec;
    auto v = json::parse(*text, ec);
    return !ec && v.is_object() ? v.as_object() : json::object();
}

}  // namespace

std::vector<Change> record_changes(store::Connection& c, std::string_view entity,
                                   const std::string& id) {
    std::vector<Change> out;
    store::AuditQuery q;
    q.entity = std::string(entity);
    q.entity_id = id;
    q.limit = 200;
    for (;;) {
        const auto entries = store::read_audit(c, q);
        for (const auto& e : entries) {
            Change h{e.at, e.actor, e.action, {}};
            const auto before = object_of(e.before_json), after = object_of(e.after_json);
            if (!before.empty())
                for (const auto& [k, v] : after) {
                    if (k == "version" || k == "updated_at") continue;
                    const auto* old = before.if_contains(k);
                    if (!old || *old != v) h.fields.emplace_back(k);
                }
            out.push_back(std::move(h));
        }
        if (static_cast<int>(entries.size()) < q.limit) break;
        q.after = entries.back().id;
    }
    return out;
}

std::string change_words(std::string_view action, ActionWords own) {
    if (own) {
        std::string words = own(action);
        if (!words.empty()) return words;
    }
    if (action == "create") return "Added";
    if (action == "update") return "Changed";
    if (action == "archive") return "Archived";
    if (action == "import") return "Imported";
    std::string words(action);
    std::replace(words.begin(), words.end(), '_', ' ');
    return Checks::capitalise(words);
}

json::object changes_view(const std::vector<Change>& changes, ActionWords own) {
    json::array rows;
    for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
        std::string fields;
        for (const auto& f : it->fields) {
            std::string words = f;
            std::replace(words.begin(), words.end(), '_', ' ');
            fields += (fields.empty() ? "" : ", ") + words;
        }
        rows.push_back(json::object{{"at", display_date(it->at)},
                                    {"actor", it->actor},
                                    {"action", change_words(it->action, own)},
                                    {"fields", fields}});
    }
    return {{"has_changes", !rows.empty()}, {"changes", std::move(rows)}};
}

}  // namespace civic::kit
