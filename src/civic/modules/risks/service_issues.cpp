// SPDX-License-Identifier: AGPL-3.0-or-later
// The issues log: a risk that has happened, or a problem now, with its priority, owner and
// actions, until it is resolved and closed.
#include <fmt/format.h>

#include "civic/modules/risks/service.hpp"
#include "civic/modules/risks/service_support.hpp"

namespace civic::risks {
using namespace detail;
using store::Connection;

namespace {

constexpr std::size_t k_long_text = 100000;

void apply_issue_input(Connection& c, const Context& ctx, Checks& checks, const IssueInput& in,
                       Issue& i, bool creating) {
    checks.text("reference", "the reference", in.reference, required_when(creating, in.reference),
                40);
    if (in.reference && !checks.failed("reference")) i.reference = trimmed(in.reference);
    checks.text("title", "the title", in.title, required_when(creating, in.title), 300);
    if (in.title && !checks.failed("title")) i.title = trimmed(in.title);
    checks.text("description", "the description", in.description, Required::No, k_long_text,
                Lines::Many);
    if (in.description && !checks.failed("description")) i.description = trimmed(in.description);
    checks.text("actions_text", "the actions", in.actions_text, Required::No, k_long_text,
                Lines::Many);
    if (in.actions_text && !checks.failed("actions_text"))
        i.actions_text = trimmed(in.actions_text);
    if (auto p = checks.choice("priority", "Priority", in.priority, k_issue_priorities,
                               creating ? Required::Yes : Required::No))
        i.priority = *p;
    if (auto s = checks.choice("status", "Status", in.status, k_issue_statuses, Required::No))
        i.status = *s;
    owner_fields(c, checks, in.owner_person_id, in.owner, i.owner_person_id, i.owner_text);
    if (auto d = date_field(checks, "raised_on", "The date raised", in.raised_on))
        i.raised_on = d->value_or(format_iso_date(today(ctx)));
    else if (creating && i.raised_on.empty())
        i.raised_on = format_iso_date(today(ctx));
    checks.text("resolution", "the resolution", in.resolution, Required::No, k_long_text,
                Lines::Many);
    if (in.resolution && !checks.failed("resolution")) i.resolution = trimmed(in.resolution);
    if (auto d = date_field(checks, "resolved_on", "The date resolved", in.resolved_on))
        i.resolved_on = *d;
    if (in.risk_id) {
        if (!*in.risk_id || (*in.risk_id)->empty()) {
            i.risk_id.reset();
        } else {
            auto risk =
                named_record(is_id(**in.risk_id) ? repo::find_risk(c, **in.risk_id) : std::nullopt,
                             [&](const Risk& r) { return may_read(ctx.principal, r); });
            if (!risk)
                checks.fail("risk_id", "Risk must be a risk in a register that you can see");
            else
                i.risk_id = risk->id;
        }
    }
    if (checks.any()) return;
    if (i.status != "open") {
        if (i.resolution.empty())
            checks.fail("resolution",
                        fmt::format("Say how the issue was resolved before it is {}", i.status));
        if (!i.resolved_on)
            checks.fail("resolved_on", "Enter the date the issue was resolved, as YYYY-MM-DD");
    }
    if (i.resolved_on && *i.resolved_on < i.raised_on)
        checks.fail("resolved_on", "The date resolved must not be before the date raised");
}

}  // namespace

Result<std::vector<Issue>> RisksService::list_issues(const Context& ctx,
                                                     const IssueQuery& q) const {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<std::vector<Issue>> {
        std::vector<Issue> out;
        const auto rows = q.include_archived
                              ? repo::issues().where(c, "1 = 1 ORDER BY i.raised_on DESC, i.id", {})
                              : repo::issues_where(c, "", "");
        for (auto& i : rows) {
            if (!may_read(ctx.principal, i)) continue;
            if (q.register_id && i.register_id != *q.register_id) continue;
            if (q.status && i.status != *q.status) continue;
            if (q.priority && i.priority != *q.priority) continue;
            if (q.risk_id && i.risk_id != *q.risk_id) continue;
            out.push_back(i);
        }
        return out;
    });
}

Result<Issue> RisksService::create_issue(const Context& ctx, const IssueInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Issue> {
        Checks checks;
        Issue i;
        auto reg = register_field(c, ctx, checks, "register_id", in.register_id);
        if (reg) {
            i.register_id = reg->id;
            i.unit_path = reg->unit_path;
        }
        apply_issue_input(c, ctx, checks, in, i, true);
        CIVIC_CHECK(checks.result());
        return insert_record(c, ctx, k_issue, repo::issues(), std::move(i));
    });
}

Result<Issue> RisksService::get_issue(const Context& ctx, const std::string& id) const {
    return m_db.read([&](Connection& c) { return readable_issue(c, ctx, id); });
}

Result<Issue> RisksService::update_issue(const Context& ctx, const std::string& id,
                                         const IssueInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(c, ctx, k_issue, id, version, "update", [&](Issue& i) -> Result<void> {
            Checks checks;
            if (in.register_id)
                checks.fail("register_id", "An issue stays in the register it was raised in");
            apply_issue_input(c, ctx, checks, in, i, false);
            return checks.result();
        });
    });
}

Result<Issue> RisksService::archive_issue(const Context& ctx, const std::string& id,
                                          std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write(
        [&](Connection& c) { return archive_record(c, ctx, k_issue, id, version, no_objection); });
}

}  // namespace civic::risks
