// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// What every module's demo loader shares: reading its JSON description and saying, when the
// demo's own data is refused, that the fault is in this build (a 500), not in anything a
// person did, naming the record and every field at fault.

#include <fmt/format.h>

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "civic/core/error.hpp"

namespace civic::kit {

// A text field of a demo file's object; nullopt when absent or not text.
inline std::optional<std::string> demo_text(const boost::json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_string()) return std::nullopt;
    return std::string(v->as_string());
}

// "The demo council's unit "ict" was refused: … [name: …]". whose: "demo council's".
inline Error demo_error(std::string_view whose, std::string_view what, std::string_view key,
                        const Error& e) {
    std::string detail =
        fmt::format("The {} {} \"{}\" was refused: {}", whose, what, key, e.detail);
    for (const auto& fe : e.errors) detail += fmt::format(" [{}: {}]", fe.field, fe.message);
    return Error::internal(detail);
}

}  // namespace civic::kit
