// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// What every module's to_json() shares: an optional field as its value or null, and the
// fields every record the change steps handle ends with.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>

namespace civic::kit {

// An optional value as itself, or JSON null when absent.
template <typename T>
boost::json::value opt(const std::optional<T>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

// archived_at, version, created_at and updated_at: what every record ends with.
template <typename R>
void stamp(boost::json::object& o, const R& r) {
    o["archived_at"] = opt(r.archived_at);
    o["version"] = r.version;
    o["created_at"] = r.created_at;
    o["updated_at"] = r.updated_at;
}

}  // namespace civic::kit
