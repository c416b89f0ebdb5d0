// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The rules of plans: who may see and change a plan, its items, measures and updates; the
// checks on each; approval, which freezes a version; roll-up and expected progress; the
// lists officers work from ("my actions", overdue, updates missing); the review and its
// findings; and the plan as one JSON document or the spreadsheet councils keep. The JSON API,
// the pages and the command line all come through here.
//
// Who sees what: an approved or superseded plan is a published document, so anyone may read
// it; a draft or archived one only those whose role covers its unit. Whoever may write in
// the plan's unit may change the plan and everything in it; an item's lead (an editor of the
// item's lead unit) may also add its progress updates and change its measures.

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/modules/kit/history.hpp"
#include "civic/modules/kit/links.hpp"
#include "civic/modules/plans/model.hpp"
#include "civic/modules/plans/progress.hpp"
#include "civic/store/database.hpp"

namespace civic::plans {

// Fields of a create or a change. On a change, nullopt leaves a field as it is and "" clears
// an optional one.
struct PlanInput {
    std::optional<std::string> unit_id, kind, title, period, description, status, rollup;
};

struct ApprovalInput {
    std::optional<std::string> approved_by_unit_id;  // the body that approved it
    std::optional<std::string> approved_on;          // YYYY-MM-DD
};

struct ItemInput {
    std::optional<std::string> plan_id;  // a create only: from the path
    std::optional<std::string> parent_id, ref, kind, title, description, lead_person_id,
        lead_unit_id, timing, start_date, due_date, status, notes, constraints;
    std::optional<std::int64_t> percent_complete, weight;
    std::optional<std::vector<std::string>> supporting_unit_ids, themes;
};

struct MeasureInput {
    std::optional<std::string> item_id;  // a create only: from the path
    std::optional<std::string> kind, title, timing, due_date, achieved_on, evidence;
    std::optional<bool> achieved;
};

struct UpdateInput {
    std::optional<std::string> item_id;  // from the path
    std::optional<std::string> period, status, commentary, author_person_id;
    std::optional<std::int64_t> percent_complete;
};

struct ReviewInput {
    std::optional<std::string> unit_id, kind, title, reviewer, status, start_date, end_date,
        reported_on, scope, rating, programme;
};

struct FindingInput {
    std::optional<std::string> review_id;  // a create only: from the path
    std::optional<std::string> ref, kind, text, status;
};

struct PlanQuery {
    std::optional<std::string> unit_id, kind, status;
    bool include_archived = false;
    std::optional<std::string> cursor;
    int limit = 50;
};

struct ReviewQuery {
    std::optional<std::string> unit_id, kind, status, programme;
    bool include_archived = false;
    std::optional<std::string> cursor;
    int limit = 50;
};

// Items across plans: a person's or a unit's actions, or everything under a theme.
struct ItemQuery {
    std::optional<std::string> plan_id;
    std::optional<std::string> lead_person_id, lead_unit_id;
    std::optional<std::string> theme, status;
    // "overdue", "due_soon", "behind": only items that are.
    std::optional<std::string> due;
    bool include_archived = false;
};
inline constexpr std::string_view k_due_filters[] = {"overdue", "due_soon", "behind"};

// An item as the tree, the item page and the lists show it: the item, its measures, its
// latest update, its expected progress and the status rolled up from its children, with the
// names of its lead and units.
struct ItemView {
    Item item;
    std::vector<Measure> measures;
    std::optional<Update> latest_update;
    Progress progress;
    Rollup rollup;
    std::string lead_name;       // "" when none or not visible
    std::string lead_unit_name;  // ""
    std::string plan_title;
    int depth = 0;                               // 0 for a top-level item
    std::vector<std::string> timing_for_review;  // timing words Civic could not read
    // Filled by get_item only: the item's links both ways that the caller may see.
    std::vector<kit::ShownLink> links;
};

// The whole plan as its tree: items in natural order of their refs, each followed by its
// children (depth first).
struct PlanTree {
    Plan plan;
    std::string unit_name;
    std::vector<ItemView> items;
};

// One item's difference between two versions of a plan.
struct ItemChange {
    std::string ref;
    std::string title;
    std::string change;  // "added", "removed", "changed"
    // For "changed": each field that differs, with its value before and after.
    struct Field {
        std::string name;
        boost::json::value before, after;
    };
    std::vector<Field> fields;
};
struct Comparison {
    std::string from;  // "1", or "current"
    std::string to;
    std::vector<ItemChange> items;
    std::vector<ItemChange::Field> plan_fields;  // changes to the plan's own fields
};

// Items whose lead has not updated in a period.
struct MissingUpdates {
    std::string period;
    std::vector<ItemView> items;
};

struct ImportSummary {
    std::string plan_id;
    int items = 0, measures = 0, updates = 0, links = 0;
};

class PlanService {
public:
    PlanService(store::Database& db, kit::LinkService& links) : m_db(db), m_links(links) {}

    // Plans.
    Result<Page<Plan>> list_plans(const Context& ctx, const PlanQuery& q);
    Result<Plan> get_plan(const Context& ctx, const std::string& id);
    Result<Plan> create_plan(const Context& ctx, const PlanInput& in);
    // A change to an approved plan (or to anything in it) starts its next draft version.
    Result<Plan> update_plan(const Context& ctx, const std::string& id, const PlanInput& in,
                             std::int64_t version);
    Result<Plan> archive_plan(const Context& ctx, const std::string& id, std::int64_t version);
    // Approves the plan as it stands: freezes this version (its export, kept in
    // plan_versions) and marks the plan approved by a body on a date.
    Result<Plan> approve_plan(const Context& ctx, const std::string& id, const ApprovalInput& in,
                              std::int64_t version);
    Result<std::vector<PlanVersion>> plan_versions(const Context& ctx, const std::string& id);
    // from and to: a version number ("1") or "current" (the plan as it stands).
    Result<Comparison> compare(const Context& ctx, const std::string& plan_id,
                               const std::string& from, const std::string& to);
    // An improvement plan made from the Best Value themes: one theme item each, ref
    // "Theme 1" … "Theme 7"; and, given a review, one area per finding under the theme
    // "continuous improvement" linked to the finding it answers.
    Result<Plan> create_from_framework(const Context& ctx, const PlanInput& in,
                                       const std::optional<std::string>& review_id);

    // The plan as its tree, filtered (status, theme, lead person) as the plan page filters.
    Result<PlanTree> tree(const Context& ctx, const std::string& plan_id, const ItemQuery& filter);

    // Items.
    Result<std::vector<ItemView>> list_items(const Context& ctx, const ItemQuery& q);
    Result<ItemView> get_item(const Context& ctx, const std::string& id);
    Result<Item> create_item(const Context& ctx, const ItemInput& in);
    Result<Item> update_item(const Context& ctx, const std::string& id, const ItemInput& in,
                             std::int64_t version);
    Result<Item> archive_item(const Context& ctx, const std::string& id, std::int64_t version);
    Result<std::vector<kit::Change>> item_history(const Context& ctx, const std::string& id);
    // The items of a plan whose lead has no update in the period (default: the last quarter
    // that has ended), leaving out finished items.
    Result<MissingUpdates> updates_missing(const Context& ctx, const std::string& plan_id,
                                           const std::optional<std::string>& period);

    // Measures.
    Result<std::vector<Measure>> list_measures(const Context& ctx, const std::string& item_id);
    Result<Measure> get_measure(const Context& ctx, const std::string& id);
    Result<Measure> create_measure(const Context& ctx, const MeasureInput& in);
    Result<Measure> update_measure(const Context& ctx, const std::string& id,
                                   const MeasureInput& in, std::int64_t version);
    Result<Measure> archive_measure(const Context& ctx, const std::string& id,
                                    std::int64_t version);

    // Progress updates: kept, never changed; the latest sets the item's status and percent.
    Result<std::vector<Update>> list_updates(const Context& ctx, const std::string& item_id);
    Result<Update> get_update(const Context& ctx, const std::string& id);
    Result<Update> add_update(const Context& ctx, const UpdateInput& in);

    // Reviews and findings.
    Result<Page<Review>> list_reviews(const Context& ctx, const ReviewQuery& q);
    Result<Review> get_review(const Context& ctx, const std::string& id);
    Result<Review> create_review(const Context& ctx, const ReviewInput& in);
    Result<Review> update_review(const Context& ctx, const std::string& id, const ReviewInput& in,
                                 std::int64_t version);
    Result<Review> archive_review(const Context& ctx, const std::string& id, std::int64_t version);
    Result<std::vector<Finding>> list_findings(const Context& ctx, const std::string& review_id);
    Result<Finding> get_finding(const Context& ctx, const std::string& id);
    Result<Finding> create_finding(const Context& ctx, const FindingInput& in);
    Result<Finding> update_finding(const Context& ctx, const std::string& id,
                                   const FindingInput& in, std::int64_t version);
    Result<Finding> archive_finding(const Context& ctx, const std::string& id,
                                    std::int64_t version);

    // The whole plan as one JSON document (export_plan in plans/export.cpp; import_plan in
    // plans/import.cpp, beside the spreadsheet's import): the plan, its items with their
    // measures and updates, refs for parents, names for people and units, and the links
    // between its items. import_plan reads it back into a new plan, all or nothing.
    Result<boost::json::object> export_plan(const Context& ctx, const std::string& id);
    Result<ImportSummary> import_plan(const Context& ctx, std::string_view json_text);
    // The spreadsheet councils keep (plans/import.cpp): ref, parent ref, kind, title, measure,
    // timing, notes, lead, status, …; one row per measure, an item's later rows adding
    // measures. Adds the items to a plan, all or nothing, naming each line at fault.
    Result<ImportSummary> import_items_csv(const Context& ctx, const std::string& plan_id,
                                           std::string_view csv_text);

    // The demo council's plans (plans/demo.cpp), from data/demo/plans/: seed 002's service
    // plan and seed 003's improvement plan with the reviews it answers and their progress.
    // Needs the demo council's units and people, found by name.
    struct DemoFile {
        std::string_view name;  // "service-plan-1999.csv"
        std::string_view text;
    };
    Result<std::vector<ImportSummary>> load_demo(const Context& ctx,
                                                 const std::vector<DemoFile>& files);

    // Who may do what, for the pages' links and buttons.
    bool can_edit_plan(const Context& ctx, const Plan& plan) const;
    bool can_update_item(const Context& ctx, const Item& item) const;

    // The entity types plans adds to the links table: plan, plan_item, review,
    // review_finding.
    static void add_link_types(kit::LinkTypes& types);

private:
    store::Database& m_db;
    kit::LinkService& m_links;
};

}  // namespace civic::plans
