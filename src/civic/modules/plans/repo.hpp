// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The SQL of plans, one function per statement. Each record is read with the path of the unit
// whose scope it follows (a plan's unit; for an item, measure or update, its plan's unit; for
// a finding, its review's unit).

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "civic/modules/plans/model.hpp"
#include "civic/store/database.hpp"

namespace civic::plans::repo {

struct PlanFilter {
    std::string unit_id, kind, status;  // "" for any
    bool include_archived = false;
    std::string after;  // the cursor: ids after this one
    int limit = 50;
};

std::optional<Plan> find_plan(store::Connection& c, const std::string& id);
std::vector<Plan> list_plans(store::Connection& c, const PlanFilter& f);
std::int64_t count_plans(store::Connection& c);
void insert_plan(store::Connection& c, const Plan& p);
bool update_plan(store::Connection& c, const Plan& p, std::int64_t expected_version);

void insert_version(store::Connection& c, const PlanVersion& v);
std::vector<PlanVersion> list_versions(store::Connection& c, const std::string& plan_id);
std::optional<PlanVersion> find_version(store::Connection& c, const std::string& plan_id,
                                        std::int64_t number);

struct ItemFilter {
    std::string plan_id, lead_person_id, lead_unit_id, theme, status;  // "" for any
    bool include_archived = false;
};

std::optional<Item> find_item(store::Connection& c, const std::string& id);
// Items in no particular order; the service sorts them into their tree.
std::vector<Item> list_items(store::Connection& c, const ItemFilter& f);
void insert_item(store::Connection& c, const Item& i);
void insert_items(store::Connection& c, std::span<const Item> items);
bool update_item(store::Connection& c, const Item& i, std::int64_t expected_version);

std::optional<Measure> find_measure(store::Connection& c, const std::string& id);
// The live measures of one item, or of every item of a plan, in their order.
std::vector<Measure> list_measures(store::Connection& c, const std::string& item_id);
std::vector<Measure> list_plan_measures(store::Connection& c, const std::string& plan_id);
void insert_measure(store::Connection& c, const Measure& m);
void insert_measures(store::Connection& c, std::span<const Measure> measures);
bool update_measure(store::Connection& c, const Measure& m, std::int64_t expected_version);
std::int64_t next_measure_position(store::Connection& c, const std::string& item_id);

std::optional<Update> find_update(store::Connection& c, const std::string& id);
// The updates of one item, or of every item of a plan, oldest first.
std::vector<Update> list_updates(store::Connection& c, const std::string& item_id);
std::vector<Update> list_plan_updates(store::Connection& c, const std::string& plan_id);
void insert_update(store::Connection& c, const Update& u);
void insert_updates(store::Connection& c, std::span<const Update> updates);

struct ReviewFilter {
    std::string unit_id, kind, status, programme;  // "" for any
    bool include_archived = false;
    std::string after;
    int limit = 50;
};

std::optional<Review> find_review(store::Connection& c, const std::string& id);
std::vector<Review> list_reviews(store::Connection& c, const ReviewFilter& f);
void insert_review(store::Connection& c, const Review& r);
bool update_review(store::Connection& c, const Review& r, std::int64_t expected_version);

std::optional<Finding> find_finding(store::Connection& c, const std::string& id);
std::vector<Finding> list_findings(store::Connection& c, const std::string& review_id);
void insert_finding(store::Connection& c, const Finding& f);
bool update_finding(store::Connection& c, const Finding& f, std::int64_t expected_version);

}  // namespace civic::plans::repo
