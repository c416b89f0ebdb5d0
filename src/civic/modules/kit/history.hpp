// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// A record's history as its page shows it: each change the audit trail holds for it, with when,
// who, what was done and which fields changed. The trail keeps whole records, so a module shows
// this only to those who may change the record (they may read everything in it).

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "civic/store/database.hpp"

namespace civic::kit {

struct Change {
    std::string at;
    std::string actor;
    std::string action;               // "create", "update", "archive", "import", …
    std::vector<std::string> fields;  // the fields whose value changed, as stored
};

// Every audit entry of one record, oldest first.
std::vector<Change> record_changes(store::Connection& c, std::string_view entity,
                                   const std::string& id);

// "Added", "Changed", "Archived", "Imported", or the action capitalised: the words a history
// table uses for an action; `own` may name a module's own actions first (empty when it has none).
using ActionWords = std::string (*)(std::string_view action);
std::string change_words(std::string_view action, ActionWords own = nullptr);

// has_changes and changes (newest first: at, actor, action, fields), as the partial
// `audit_history` renders them (a partial's name is a key of the page's data too, so the two
// must differ).
boost::json::object changes_view(const std::vector<Change>& changes, ActionWords own = nullptr);

}  // namespace civic::kit
