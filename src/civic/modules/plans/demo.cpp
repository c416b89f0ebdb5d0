// SPDX-License-Identifier: AGPL-3.0-or-later
// The demo council's plans, from data/demo/plans/ (compiled into the binary): the plans
// plans.json lists, each made as an officer would make it, through the same service calls the
// API and the pages use. The plan is created, its spreadsheet imported (import.cpp), the plan
// approved (which freezes version 1), its progress updates added quarter by quarter, and the
// external reviews it answers recorded with their findings linked to the items that answer
// them. The demo council (org's demo) must be loaded first: units and people are found by name.

#include "civic/modules/kit/demo.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>
#include <climits>
#include <map>

#include "civic/core/csv.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/modules/plans/service.hpp"
#include "civic/modules/plans/service_support.hpp"

namespace civic::plans {
using namespace detail;
using store::Connection;
namespace json = boost::json;

namespace {

std::optional<std::string> text(const json::object& o, std::string_view key) {
    return kit::demo_text(o, key);
}

Error demo_error(std::string_view what, std::string_view key, const Error& e) {
    return kit::demo_error("demo plans'", what, key, e);
}

Error missing(std::string_view what) {
    return Error::internal(fmt::format("The demo plans are incomplete in this build: {}.", what));
}

// The demo council's units and people by name, and its council.
struct Register {
    std::map<std::string, std::string, std::less<>> units, people;
    std::string council_id;
};

}  // namespace

Result<std::vector<ImportSummary>> PlanService::load_demo(const Context& ctx,
                                                          const std::vector<DemoFile>& files) {
    CIVIC_CHECK(require_signed_in(ctx));
    const auto file = [&](std::string_view name) -> std::optional<std::string_view> {
        for (const auto& f : files)
            if (f.name == name) return f.text;
        return std::nullopt;
    };
    const auto index = file("plans.json");
    if (!index) return std::unexpected(missing("there is no plans.json"));
    boost::system::error_code ec;
    const json::value doc = json::parse(*index, ec);
    if (ec || !doc.is_object() || !doc.as_object().contains("plans"))
        return std::unexpected(missing("plans.json is not the list of plans"));

    const auto reg = m_db.read([&](Connection& c) -> std::optional<Register> {
        if (repo::count_plans(c) > 0) return std::nullopt;
        Register r;
        for (const auto& u : org::repo::live_unit_names(c)) r.units.emplace(u.name, u.id);
        org::repo::ListFilter all;
        all.limit = INT_MAX;
        for (const auto& p : org::repo::list_people(c, all)) r.people.emplace(p.name, p.id);
        org::repo::ListFilter councils;
        councils.kind = "council";
        councils.limit = 1;
        if (const auto top = org::repo::list_units(c, councils); !top.empty())
            r.council_id = top.front().id;
        return r;
    });
    if (!reg)
        return std::unexpected(
            Error::conflict("This database already has plans, so the demo plans were not loaded."));
    const auto unit = [&](std::string_view name) -> Result<std::string> {
        if (const auto it = reg->units.find(name); it != reg->units.end()) return it->second;
        return std::unexpected(missing(fmt::format(
            "the demo council has no unit called \"{}\"; load the demo council first", name)));
    };
    const auto person = [&](std::string_view name) -> Result<std::string> {
        if (const auto it = reg->people.find(name); it != reg->people.end()) return it->second;
        return std::unexpected(missing(fmt::format(
            "the demo council has no person called \"{}\"; load the demo council first", name)));
    };
    // Progress is entered as "demo", as the trail of who typed each update in says.
    Context demo = ctx;
    demo.principal.display_name = "demo";

    std::vector<ImportSummary> out;
    for (const auto& v : doc.as_object().at("plans").as_array()) {
        const auto& p = v.as_object();
        const std::string title = text(p, "title").value_or("");
        CIVIC_TRY(const auto unit_id, unit(text(p, "unit").value_or("")));
        auto plan =
            create_plan(ctx, PlanInput{unit_id, text(p, "kind"), title, text(p, "period"),
                                       text(p, "description"), std::nullopt, text(p, "rollup")});
        if (!plan) return std::unexpected(demo_error("plan", title, plan.error()));

        // Its items and measures, from the spreadsheet.
        const std::string items_name = text(p, "items").value_or("");
        const auto items_csv = file(items_name);
        if (!items_csv) return std::unexpected(missing(fmt::format("there is no {}", items_name)));
        auto summary = import_items_csv(ctx, plan->id, *items_csv);
        if (!summary)
            return std::unexpected(demo_error("spreadsheet", items_name, summary.error()));

        // Approved before the year's work starts: version 1 is the plan as it was agreed.
        CIVIC_TRY(const auto body_id, unit(text(p, "approved_by").value_or("")));
        CIVIC_TRY(const auto current, get_plan(ctx, plan->id));
        auto approved = approve_plan(ctx, plan->id, ApprovalInput{body_id, text(p, "approved_on")},
                                     current.version);
        if (!approved) return std::unexpected(demo_error("approval of", title, approved.error()));

        CIVIC_TRY(const auto tree, tree(ctx, plan->id, ItemQuery{}));
        std::map<std::string, std::string, std::less<>> item_ids;
        for (const auto& view : tree.items) item_ids.emplace(view.item.ref, view.item.id);

        // The progress updates, in the order the file gives them (by item, oldest first).
        const std::string updates_name = text(p, "updates").value_or("");
        const auto updates_csv = file(updates_name);
        if (!updates_csv)
            return std::unexpected(missing(fmt::format("there is no {}", updates_name)));
        ImportProblems problems;
        const CsvTable t = read_csv_table(
            *updates_csv, {{"ref", "period", "status", "percent", "commentary", "by"}, {}},
            problems);
        if (problems.any())
            return std::unexpected(demo_error("updates file", updates_name, problems.error()));
        for (const auto& row : t.rows) {
            const std::string ref = t.get(row, "ref").value_or("");
            const std::string where = fmt::format("{} line {}", updates_name, row.line);
            const auto item = item_ids.find(ref);
            if (item == item_ids.end())
                return std::unexpected(missing(fmt::format("{} names no item of the plan", where)));
            const std::string percent_text = t.get(row, "percent").value_or("");
            std::int64_t percent = -1;
            std::from_chars(percent_text.data(), percent_text.data() + percent_text.size(),
                            percent);
            CIVIC_TRY(const auto author, person(t.get(row, "by").value_or("")));
            auto added = add_update(
                demo, UpdateInput{item->second, t.get(row, "period"), t.get(row, "status"),
                                  t.get(row, "commentary"), author, percent});
            if (!added) return std::unexpected(demo_error("update on", where, added.error()));
            ++summary->updates;
        }

        // The external reviews the plan answers, each finding linked from the items that
        // answer it. A review of the council as a whole belongs to the council.
        if (const auto reviews_name = text(p, "reviews")) {
            const auto reviews_json = file(*reviews_name);
            if (!reviews_json)
                return std::unexpected(missing(fmt::format("there is no {}", *reviews_name)));
            const json::value reviews = json::parse(*reviews_json, ec);
            if (ec || !reviews.is_object())
                return std::unexpected(missing(fmt::format("{} is not valid JSON", *reviews_name)));
            for (const auto& rv : reviews.as_object().at("reviews").as_array()) {
                const auto& r = rv.as_object();
                const std::string key = text(r, "key").value_or("");
                auto review = create_review(
                    ctx, ReviewInput{reg->council_id, text(r, "kind"), text(r, "title"),
                                     text(r, "body"), text(r, "status"), text(r, "start_date"),
                                     text(r, "end_date"), text(r, "reported_on"), text(r, "scope"),
                                     text(r, "rating"), std::nullopt});
                if (!review) return std::unexpected(demo_error("review", key, review.error()));
                for (const auto& fv : r.at("findings").as_array()) {
                    const auto& f = fv.as_object();
                    const std::string ref = text(f, "ref").value_or("");
                    auto finding =
                        create_finding(ctx, FindingInput{review->id, ref, text(f, "kind"),
                                                         text(f, "text"), text(f, "status")});
                    if (!finding)
                        return std::unexpected(
                            demo_error("finding", key + " " + ref, finding.error()));
                    for (const auto& answer : f.at("answered_by").as_array()) {
                        const auto item = item_ids.find(std::string_view(answer.as_string()));
                        if (item == item_ids.end())
                            return std::unexpected(missing(fmt::format(
                                "{} {} is answered by an item the plan does not have", key, ref)));
                        auto link = m_links.create(
                            ctx, kit::LinkInput{"plan_item", item->second, "review_finding",
                                                finding->id, "answers", std::nullopt});
                        if (!link)
                            return std::unexpected(
                                demo_error("link to finding", key + " " + ref, link.error()));
                        ++summary->links;
                    }
                }
            }
        }
        out.push_back(*summary);
    }
    return out;
}

}  // namespace civic::plans
