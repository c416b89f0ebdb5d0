// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/cases/model.hpp"

#include <boost/json/parse.hpp>

#include "civic/modules/kit/record_json.hpp"

namespace civic::cases {
namespace json = boost::json;

boost::json::object to_json(const CaseType& t) {
    boost::system::error_code ec;
    auto stages = json::parse(t.stages_json, ec);
    json::object o{{"id", t.id},
                   {"code", t.code},
                   {"name", t.name},
                   {"kind", t.kind},
                   {"calendar", t.calendar},
                   {"description", t.description},
                   {"stages", ec ? json::value(json::array()) : std::move(stages)},
                   {"later_stage_by_another_officer", t.later_stage_by_another_officer},
                   {"retention_years", t.retention_years}};
    kit::stamp(o, t);
    return o;
}

}  // namespace civic::cases
