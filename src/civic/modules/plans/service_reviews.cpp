// SPDX-License-Identifier: AGPL-3.0-or-later
// External reviews (Best Value service reviews, peer challenges, inspections, external audit,
// LGA and CIPFA reports) and their findings; and the entity types plans adds to the links
// table. A review is read by those whose role covers its unit, like a draft plan: what an
// inspector found is for the council to publish when it chooses.
#include <fmt/format.h>

#include "civic/core/ids.hpp"
#include "civic/core/utf8.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/modules/plans/service.hpp"
#include "civic/modules/plans/service_support.hpp"
#include "civic/store/audit.hpp"

namespace civic::plans {
using namespace detail;
using store::Connection;

namespace {

bool may_read_review(const Principal& who, const Review& r) {
    return covers(who, r.unit_path, Access::Read);
}

Result<void> apply_review_input(Connection& c, const Context& ctx, const ReviewInput& in, Review& r,
                                bool creating) {
    Checks checks;
    checks.text("title", "Title", in.title, required_when(creating, in.title), 500);
    checks.text("reviewer", "Reviewer", in.reviewer, Required::No, 500);
    checks.text("scope", "Scope", in.scope, Required::No, 20000, Lines::Many);
    checks.text("rating", "Rating", in.rating, Required::No, 200);
    checks.text("programme", "Programme", in.programme, Required::No, 500);
    const auto kind =
        checks.choice("kind", "Kind", in.kind, k_review_kinds, required_when(creating, in.kind));
    const auto status =
        checks.choice("status", "Status", in.status, k_review_statuses, Required::No);
    const auto start = date_field(checks, "start_date", "Start date", in.start_date);
    const auto end = date_field(checks, "end_date", "End date", in.end_date);
    const auto reported = date_field(checks, "reported_on", "Reported on", in.reported_on);
    std::optional<org::Unit> unit;
    if (bad_id(in.unit_id) || (creating && !in.unit_id))
        checks.fail("unit_id", "Choose the unit the review looked at");
    else if (in.unit_id &&
             !(unit = named_record(org::repo::find_unit(c, *in.unit_id), [&](const org::Unit& u) {
                   return covers(ctx.principal, u.path, Access::Write);
               })))
        checks.fail("unit_id", "Choose a unit that exists and that you can change");
    CIVIC_CHECK(checks.result());
    if (in.title) r.title = trimmed(in.title);
    if (in.reviewer) r.reviewer = trimmed(in.reviewer);
    if (in.scope) r.scope = trimmed(in.scope);
    if (in.rating) r.rating = trimmed(in.rating);
    if (in.programme) r.programme = trimmed(in.programme);
    if (kind) r.kind = *kind;
    if (status) r.status = *status;
    if (start) r.start_date = *start;
    if (end) r.end_date = *end;
    if (reported) r.reported_on = *reported;
    if (unit) {
        r.unit_id = unit->id;
        r.unit_path = unit->path;
    }
    if (r.start_date && r.end_date && *r.end_date < *r.start_date)
        return std::unexpected(
            Error::validation("end_date", "The end date must be on or after the start date"));
    return ok();
}

Result<void> apply_finding_input(const FindingInput& in, Finding& f, bool creating) {
    Checks checks;
    checks.text("ref", "Reference", in.ref, required_when(creating, in.ref), 50);
    checks.text("text", "Text", in.text, required_when(creating, in.text), 20000, Lines::Many);
    const auto kind = checks.choice("kind", "Kind", in.kind, k_finding_kinds, Required::No);
    const auto status =
        checks.choice("status", "Status", in.status, k_finding_statuses, Required::No);
    CIVIC_CHECK(checks.result());
    if (in.ref) f.ref = trimmed(in.ref);
    if (in.text) f.text = trimmed(in.text);
    if (kind) f.kind = *kind;
    if (status) f.status = *status;
    return ok();
}

}  // namespace

Result<Page<Review>> PlanService::list_reviews(const Context& ctx, const ReviewQuery& q) {
    return m_db.read([&](Connection& c) -> Result<Page<Review>> {
        repo::ReviewFilter f;
        f.unit_id = q.unit_id.value_or("");
        f.kind = q.kind.value_or("");
        f.status = q.status.value_or("");
        f.programme = q.programme.value_or("");
        f.include_archived = q.include_archived;
        f.after = q.cursor.value_or("");
        return filtered_page<Review>(
            q.limit,
            [&](int n) {
                f.limit = n;
                return repo::list_reviews(c, f);
            },
            [&](const Review& r) { return may_read_review(ctx.principal, r); });
    });
}

Result<Review> PlanService::get_review(const Context& ctx, const std::string& id) {
    auto r = m_db.read([&](Connection& c) { return repo::find_review(c, id); });
    if (!r || !may_read_review(ctx.principal, *r))
        return std::unexpected(Error::not_found("There is no review with this id."));
    return *r;
}

Result<Review> PlanService::create_review(const Context& ctx, const ReviewInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Review> {
        Review r;
        r.status = "planned";
        CIVIC_CHECK(apply_review_input(c, ctx, in, r, true));
        r.id = new_id();
        r.created_at = r.updated_at = now_text(ctx);
        repo::insert_review(c, r);
        store::record_audit(c, ctx, k_review.name, r.id, "create", std::nullopt, audit_text(r));
        return r;
    });
}

Result<Review> PlanService::update_review(const Context& ctx, const std::string& id,
                                          const ReviewInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(
            c, ctx, k_review, id, version, "update", [&](Review& r) -> Result<void> {
                if (r.archived_at)
                    return std::unexpected(
                        Error::conflict("This review is archived: it cannot change."));
                return apply_review_input(c, ctx, in, r, false);
            });
    });
}

Result<Review> PlanService::archive_review(const Context& ctx, const std::string& id,
                                           std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write(
        [&](Connection& c) { return archive_record(c, ctx, k_review, id, version, no_objection); });
}

Result<std::vector<Finding>> PlanService::list_findings(const Context& ctx,
                                                        const std::string& review_id) {
    CIVIC_TRY(auto review, get_review(ctx, review_id));
    return m_db.read([&](Connection& c) { return repo::list_findings(c, review.id); });
}

Result<Finding> PlanService::get_finding(const Context& ctx, const std::string& id) {
    auto f = m_db.read([&](Connection& c) { return repo::find_finding(c, id); });
    if (!f || !covers(ctx.principal, f->unit_path, Access::Read))
        return std::unexpected(Error::not_found("There is no finding with this id."));
    return *f;
}

Result<Finding> PlanService::create_finding(const Context& ctx, const FindingInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Finding> {
        const std::string review_id = in.review_id.value_or("");
        auto review = is_id(review_id) ? repo::find_review(c, review_id) : std::nullopt;
        if (!review || !may_change(ctx.principal, *review))
            return std::unexpected(
                Error::not_found("There is no review with this id that you can change."));
        if (review->archived_at)
            return std::unexpected(Error::conflict("This review is archived: it cannot change."));
        Finding f;
        f.id = new_id();
        f.review_id = review->id;
        f.unit_path = review->unit_path;
        CIVIC_CHECK(apply_finding_input(in, f, true));
        for (const auto& other : repo::list_findings(c, review->id))
            if (other.ref == f.ref)
                return std::unexpected(Error::validation(
                    "ref", fmt::format("This review already has a finding {}", f.ref)));
        f.created_at = f.updated_at = now_text(ctx);
        repo::insert_finding(c, f);
        store::record_audit(c, ctx, k_finding.name, f.id, "create", std::nullopt, audit_text(f));
        return f;
    });
}

Result<Finding> PlanService::update_finding(const Context& ctx, const std::string& id,
                                            const FindingInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(
            c, ctx, k_finding, id, version, "update", [&](Finding& f) -> Result<void> {
                if (f.archived_at)
                    return std::unexpected(
                        Error::conflict("This finding is archived: it cannot change."));
                CIVIC_CHECK(apply_finding_input(in, f, false));
                for (const auto& other : repo::list_findings(c, f.review_id))
                    if (other.id != f.id && other.ref == f.ref)
                        return std::unexpected(Error::validation(
                            "ref", fmt::format("This review already has a finding {}", f.ref)));
                return ok();
            });
    });
}

Result<Finding> PlanService::archive_finding(const Context& ctx, const std::string& id,
                                             std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return archive_record(c, ctx, k_finding, id, version, no_objection);
    });
}

// ---- link types

void PlanService::add_link_types(kit::LinkTypes& types) {
    types.add("plan", "plan",
              [](Connection& c, const Principal& who,
                 const std::string& id) -> std::optional<kit::LinkTarget> {
                  auto p = named_record(repo::find_plan(c, id), [](const Plan&) { return true; });
                  if (!p) return std::nullopt;
                  return kit::LinkTarget{p->title, "/plans/" + p->id, may_read(who, *p),
                                         may_change(who, *p)};
              });
    types.add("plan_item", "plan item",
              [](Connection& c, const Principal& who,
                 const std::string& id) -> std::optional<kit::LinkTarget> {
                  auto i = named_record(repo::find_item(c, id), [](const Item&) { return true; });
                  auto p = i ? repo::find_plan(c, i->plan_id) : std::nullopt;
                  if (!p || p->archived_at) return std::nullopt;
                  return kit::LinkTarget{
                      fmt::format("{} {} ({})", i->ref, shortened(i->title, 200), p->title),
                      "/plan-items/" + i->id, may_read(who, *p),
                      may_change(who, *i) || may_update(c, who, *i)};
              });
    types.add("review", "review",
              [](Connection& c, const Principal& who,
                 const std::string& id) -> std::optional<kit::LinkTarget> {
                  auto r =
                      named_record(repo::find_review(c, id), [](const Review&) { return true; });
                  if (!r) return std::nullopt;
                  return kit::LinkTarget{r->title, "/reviews/" + r->id, may_read_review(who, *r),
                                         may_change(who, *r)};
              });
    types.add("review_finding", "review finding",
              [](Connection& c, const Principal& who,
                 const std::string& id) -> std::optional<kit::LinkTarget> {
                  auto f =
                      named_record(repo::find_finding(c, id), [](const Finding&) { return true; });
                  auto r = f ? repo::find_review(c, f->review_id) : std::nullopt;
                  if (!r || r->archived_at) return std::nullopt;
                  return kit::LinkTarget{
                      fmt::format("{} {} ({})", f->ref, shortened(f->text, 200), r->title),
                      "/reviews/" + r->id + "#finding-" + f->id, may_read_review(who, *r),
                      may_change(who, *f)};
              });
}

}  // namespace civic::plans
