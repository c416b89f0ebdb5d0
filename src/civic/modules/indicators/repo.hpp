// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The SQL of indicators, one function per statement. Each record is read with the path of the
// indicator's unit, whose scope it follows.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "civic/modules/indicators/model.hpp"
#include "civic/store/database.hpp"

namespace civic::indicators::repo {

struct IndicatorFilter {
    std::string unit_id, kind, frequency, owner_person_id;  // "" for any
    std::string q;                                          // in the code or title, any case
    bool include_archived = false;
    std::string after;  // the cursor: the id of the indicator the page starts after, in code order
    int limit = 50;     // 0: no limit
};

std::optional<Indicator> find_indicator(store::Connection& c, const std::string& id);
std::optional<Indicator> find_indicator_by_code(store::Connection& c, const std::string& code);
// In code order.
std::vector<Indicator> list_indicators(store::Connection& c, const IndicatorFilter& f);
void insert_indicator(store::Connection& c, const Indicator& i);
bool update_indicator(store::Connection& c, const Indicator& i, std::int64_t expected_version);

std::optional<Value> find_value(store::Connection& c, const std::string& id);
// Every revision of an indicator's values (of one period when given), by period then revision.
std::vector<Value> list_values(store::Connection& c, const std::string& indicator_id,
                               const std::string& period = "");
// Every revision of every indicator's values in the given periods (canonical text): what a
// scorecard reads.
std::vector<Value> list_values_in(store::Connection& c, const std::vector<std::string>& periods);
void insert_value(store::Connection& c, const Value& v);
void insert_values(store::Connection& c, std::span<const Value> values);
bool update_value(store::Connection& c, const Value& v, std::int64_t expected_version);

std::optional<TargetRecord> find_target(store::Connection& c, const std::string& indicator_id,
                                        const std::string& period);
std::vector<TargetRecord> list_targets(store::Connection& c, const std::string& indicator_id);
std::vector<TargetRecord> list_targets_in(store::Connection& c,
                                          const std::vector<std::string>& periods);
void insert_target(store::Connection& c, const TargetRecord& t);
void insert_targets(store::Connection& c, std::span<const TargetRecord> targets);
bool update_target(store::Connection& c, const TargetRecord& t, std::int64_t expected_version);

}  // namespace civic::indicators::repo
