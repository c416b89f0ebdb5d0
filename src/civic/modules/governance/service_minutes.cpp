// SPDX-License-Identifier: AGPL-3.0-or-later
// Minutes: a meeting's minutes read as one document (who attended, each item with who
// presented it, what the meeting was told, the questions raised, its resolutions and its
// actions), their approval at a later meeting of the body, which locks them, and the
// corrections recorded beside approved minutes instead of changing them.
#include <fmt/format.h>

#include <algorithm>

#include "civic/modules/governance/action_log.hpp"
#include "civic/modules/governance/service.hpp"
#include "civic/modules/governance/service_support.hpp"

namespace civic::governance {
using namespace detail;
using store::Connection;

namespace {

constexpr std::size_t k_long_text = 100000;

// The route a locked minute's change goes through instead.
std::string corrections_route(const std::string& meeting_id) {
    return fmt::format("/api/v1/meetings/{}/minutes/corrections", meeting_id);
}

// Whether meeting `later` comes after meeting `m` in the body's sequence.
bool comes_after(const Meeting& later, const Meeting& m) {
    return later.date > m.date || (later.date == m.date && later.start_time > m.start_time);
}

// "Tuesday 15 July 2025" for 2025-07-15.
std::string long_date(const std::string& iso) {
    const auto d = parse_iso_date(iso);
    return d ? format_long_date(*d) : iso;
}

// The name a correction records as its author: the user's name, or their sign-in name.
std::string actor_name(const Principal& who) {
    return who.display_name.empty() ? who.username : who.display_name;
}

}  // namespace

Result<Minutes> GovernanceService::minutes(const Context& ctx, const std::string& meeting_id) {
    return m_db.read([&](Connection& c) -> Result<Minutes> {
        CIVIC_TRY(auto m, readable_meeting(c, ctx, meeting_id));
        const auto body = repo::find_body(c, m.body_id);
        // Minutes follow the agenda: what the public may not read of an unpublished agenda
        // it may not read in the minutes either.
        if (!body || !may_read_agenda(c, ctx.principal, *body, m))
            return std::unexpected(
                Error::not_found("There are no minutes of a meeting with this id that you can "
                                 "see."));
        const auto rules = rules_on(c, ctx);
        Minutes out;
        out.meeting = meeting_view(c, ctx, *body, m, rules);
        for (const auto& a : repo::list_attendees(c, m.id))
            out.attendance.push_back(attendee_view(c, a));

        repo::DecisionFilter df;
        df.meeting_id = m.id;
        auto decisions = repo::list_decisions(c, df);
        // In the order they were recorded (ids are UUIDv7), as the clerk wrote them.
        std::sort(decisions.begin(), decisions.end(),
                  [](const Decision& a, const Decision& b) { return a.id < b.id; });
        repo::ActionFilter af;
        af.meeting_id = m.id;
        const auto actions = repo::list_actions(c, af);

        for (const auto& item : repo::list_items(c, m.id)) {
            const bool entitled = entitled_to_exempt(c, ctx.principal, m, &item);
            MinutesItem mi;
            mi.item = item_view(c, m, item, entitled);
            for (const auto& d : decisions)
                if (d.item_id == item.id)
                    mi.resolutions.push_back(decision_view(c, rules, d, entitled));
            for (const auto& a : actions)
                if (a.item_id == item.id && may_see_action(c, ctx.principal, a))
                    mi.actions.push_back(action_view(c, a, rules.today));
            out.items.push_back(std::move(mi));
        }
        out.corrections = repo::list_corrections(c, m.id);
        if (m.minutes_approved_at_meeting_id)
            out.approved_at = repo::find_meeting(c, *m.minutes_approved_at_meeting_id);
        return out;
    });
}

Result<Meeting> GovernanceService::approve_minutes(const Context& ctx,
                                                   const std::string& meeting_id,
                                                   const MinutesApprovalInput& in,
                                                   std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(
            c, ctx, k_meeting, meeting_id, version, "approve_minutes",
            [&](Meeting& m) -> Result<void> {
                if (m.archived_at)
                    return std::unexpected(
                        Error::conflict("This meeting is archived: its minutes cannot be "
                                        "approved."));
                if (m.minutes_status == "approved") {
                    const auto at = m.minutes_approved_at_meeting_id
                                        ? repo::find_meeting(c, *m.minutes_approved_at_meeting_id)
                                        : std::nullopt;
                    return std::unexpected(Error::conflict(fmt::format(
                        "These minutes were approved{} and are locked. Record a correction "
                        "instead: POST {}.",
                        at ? fmt::format(" at the meeting on {}", long_date(at->date))
                           : std::string(),
                        corrections_route(m.id))));
                }
                if (m.minutes_status != "draft")
                    return std::unexpected(Error::conflict(
                        "This meeting has no draft minutes to approve: write the minutes of its "
                        "items, or record its resolutions, first."));
                const std::string at_id = trimmed(in.at_meeting_id);
                if (at_id.empty())
                    return std::unexpected(Error::validation(
                        "at_meeting_id",
                        "Enter the meeting that approved the minutes: a later meeting of the "
                        "same body, normally its next"));
                auto at = is_id(at_id) ? repo::find_meeting(c, at_id) : std::nullopt;
                if (!at || at->archived_at || at->body_id != m.body_id)
                    return std::unexpected(Error::validation(
                        "at_meeting_id",
                        "The meeting that approved the minutes must be a later meeting of the "
                        "same body"));
                if (!comes_after(*at, m))
                    return std::unexpected(Error::validation(
                        "at_meeting_id",
                        fmt::format("The meeting on {} is not later than this one, on {}: minutes "
                                    "are approved at a later meeting of the body",
                                    long_date(at->date), long_date(m.date))));
                if (at->status != "held" && at->status != "scheduled")
                    return std::unexpected(Error::validation(
                        "at_meeting_id",
                        fmt::format("The meeting on {} is {}: minutes are approved at a meeting "
                                    "that took place",
                                    long_date(at->date), at->status)));
                if (at->date > format_iso_date(today(ctx)))
                    return std::unexpected(Error::validation(
                        "at_meeting_id",
                        fmt::format("The meeting on {} has not taken place yet: approve the "
                                    "minutes on or after that day",
                                    long_date(at->date))));
                m.minutes_status = "approved";
                m.minutes_approved_at_meeting_id = at->id;
                m.minutes_approved_on = at->date;
                return ok();
            });
    });
}

Result<Correction> GovernanceService::add_correction(const Context& ctx,
                                                     const CorrectionInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Correction> {
        CIVIC_TRY(auto m, changeable_meeting(c, ctx, in.meeting_id.value_or("")));
        if (m.minutes_status != "approved")
            return std::unexpected(Error::conflict(
                "The minutes of this meeting are not approved yet: change the items' minutes and "
                "the decisions themselves. A correction is recorded only beside approved "
                "minutes."));
        Checks checks;
        checks.text("text", "the correction", in.text, Required::Yes, k_long_text, Lines::Many);
        checks.text("reason", "the reason for the correction", in.reason, Required::Yes, 2000,
                    Lines::Many);
        Correction r;
        const std::string item_id = trimmed(in.item_id);
        if (!item_id.empty()) {
            auto item = is_id(item_id) ? repo::find_item(c, item_id) : std::nullopt;
            if (!item || item->archived_at || item->meeting_id != m.id)
                checks.fail("item_id", "Item must be an item on this meeting's agenda");
            else
                r.item_id = item->id;
        }
        const std::string agreed_id = trimmed(in.agreed_at_meeting_id);
        if (!agreed_id.empty()) {
            auto agreed = is_id(agreed_id) ? repo::find_meeting(c, agreed_id) : std::nullopt;
            if (!agreed || agreed->archived_at || agreed->body_id != m.body_id ||
                !comes_after(*agreed, m) || agreed->status == "cancelled")
                checks.fail("agreed_at_meeting_id",
                            "The meeting that agreed the correction must be a later meeting of "
                            "the same body that was not cancelled");
            else
                r.agreed_at_meeting_id = agreed->id;
        }
        CIVIC_CHECK(checks.result());
        r.meeting_id = m.id;
        r.body_id = m.body_id;
        r.unit_path = m.unit_path;
        r.text = trimmed(in.text);
        r.reason = trimmed(in.reason);
        r.recorded_by = actor_name(ctx.principal);
        return insert_record(c, ctx, k_correction, repo::corrections(), std::move(r));
    });
}

}  // namespace civic::governance
