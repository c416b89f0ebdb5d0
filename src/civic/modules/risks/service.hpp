// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The rules of risk management: the council's scoring matrix and appetite, risk registers,
// risks and their scores, reviews and the score history, escalation and de-escalation between
// registers, formal acceptance of a risk above appetite and its lapse, the issues log, the
// heat map's counts and the movement report. The JSON API, the pages and the command line all
// come through here.
//
// Who sees what: a register and everything in it may be read by those whose role covers the
// register's unit (a viewer of the council sees every register) and changed by those who may
// write there. The matrix and the appetites may be read by anyone signed in and changed by
// administrators. Risk registers are not public: what a committee is shown goes into its
// papers (the CSV and XLSX exports).

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/modules/kit/history.hpp"
#include "civic/modules/kit/links.hpp"
#include "civic/modules/kit/page.hpp"
#include "civic/modules/org/service.hpp"
#include "civic/modules/risks/matrix.hpp"
#include "civic/modules/risks/model.hpp"
#include "civic/store/database.hpp"

namespace civic::risks {

// ---- inputs. On a change, nullopt leaves a field as it is and "" (or a nullopt inside)
// clears an optional one.

struct LevelInput {
    std::optional<std::string> label, descriptor;
};
struct BandInput {
    std::optional<std::string> name, colour;
    std::optional<std::int64_t> from, to;
};
struct MatrixInput {
    std::optional<std::vector<LevelInput>> likelihood, impact;
    std::optional<std::vector<BandInput>> bands;
    std::optional<std::vector<std::string>> extra_categories;
    // Needed when the size changes while risks exist: the administrator has seen the
    // mapping (preview_matrix) and confirms it.
    bool confirm_mapping = false;
};

// What changing the matrix would do: the rule per level, and each risk's scores before and
// after, so the administrator sees everything before confirming.
struct MatrixPreview {
    Matrix proposed;
    std::vector<std::string> rule;  // mapping_lines()
    struct Moved {
        std::string risk_id, reference, title, register_name;
        Score inherent_before, inherent_after, current_before, current_after;
        std::optional<Score> target_before, target_after;
    };
    std::vector<Moved> risks;
    struct AppetiteMoved {
        std::string appetite_id, category, unit_name;
        std::int64_t before = 0, after = 0;
    };
    std::vector<AppetiteMoved> appetites;
    bool needs_confirmation = false;  // the size changes and there is something to map
};

struct AppetiteInput {
    std::optional<std::string> category;
    std::optional<std::optional<std::string>> unit_id;
    std::optional<std::int64_t> max_score;
    std::optional<std::string> note;
};

struct RegisterInput {
    std::optional<std::string> unit_id, kind, name, description;
    std::optional<std::optional<std::string>> parent_id;
};
struct RegisterQuery {
    std::optional<std::string> unit_id, kind;
    bool include_archived = false;
};

struct ControlInput {
    std::optional<std::string> description, effectiveness;
};

struct RiskInput {
    std::optional<std::string> register_id;  // a create only; moves go through escalation
    std::optional<std::int64_t> position;    // a create: default last
    std::optional<std::string> reference, title, description, cause, event, effect, category;
    // The owner: a person's id, or the name as the council wrote it (matched to a person when
    // one has exactly that name, otherwise kept as written and listed for tidying).
    std::optional<std::optional<std::string>> owner_person_id;
    std::optional<std::string> owner;
    std::optional<std::int64_t> inherent_likelihood, inherent_impact, current_likelihood,
        current_impact;
    std::optional<std::optional<std::int64_t>> target_likelihood, target_impact;
    // Given with the pairs above, each must equal likelihood × impact (a check on imports and
    // on people copying from a spreadsheet); never stored.
    std::optional<std::int64_t> inherent_score, current_score, target_score;
    std::optional<std::string> response, actions_text, proximity;
    std::optional<std::vector<ControlInput>> controls;
    std::optional<std::int64_t> review_frequency_months;
    std::optional<std::string> next_review_on, identified_on;
    std::optional<std::string> status;         // open or closed; merged goes through merge_risk
    std::optional<std::string> closed_reason;  // why, with a status of closed
};
struct RiskQuery {
    std::optional<std::string> register_id, unit_id, owner_person_id, category, status;
    std::optional<std::string> band;  // a band's name
    // A heat map cell: risks whose (view) likelihood and impact are these.
    std::optional<std::int64_t> likelihood, impact;
    std::string view = "current";  // inherent, current, target: which scores the cell reads
    bool above_appetite_only = false;
    bool unowned_only = false;       // owners kept as written, for tidying
    std::string order = "position";  // position (the council's order) or score
    bool include_archived = false;
    std::size_t limit = 100;
    std::string cursor;
};

struct ReviewInput {
    std::optional<std::string> reviewed_on;
    std::optional<std::optional<std::string>> reviewer_person_id;
    std::optional<std::int64_t> current_likelihood, current_impact;
    std::optional<std::optional<std::int64_t>> target_likelihood, target_impact;
    std::optional<std::string> commentary;
    std::optional<std::vector<ControlInput>> controls;
    struct ActionState {
        std::optional<std::string> title, progress, note;
    };
    std::optional<std::vector<ActionState>> actions;
};

struct EscalationInput {
    std::optional<std::string> direction;    // up (to the register above) or down
    std::optional<std::string> register_id;  // down: which register below; up: default parent
    std::optional<std::string> reason;
    std::optional<std::string> moved_on;  // default today
};

struct AcceptanceInput {
    std::optional<std::string> reason, until, accepted_on;
    std::optional<std::optional<std::string>> accepted_by_person_id;
};

struct MergeInput {
    std::optional<std::string> into_id;
    std::optional<std::string> reason;
};

struct IssueInput {
    std::optional<std::string> register_id, reference, title, description, priority;
    std::optional<std::optional<std::string>> owner_person_id, risk_id;
    std::optional<std::string> owner;
    std::optional<std::string> raised_on, status, actions_text, resolution, resolved_on;
};
struct IssueQuery {
    std::optional<std::string> register_id, status, priority, risk_id;
    bool include_archived = false;
};

// ---- views: a record as a reader sees it, with what follows from the matrix and appetite.

struct ScoreView {
    Score pair;
    std::int64_t score = 0;
    std::string band, colour;  // the band's name and colour ("" outside every band)
    std::string likelihood_label, impact_label;
};

// The acceptance in force, or the last one, with its state worked out for today.
struct AcceptanceView {
    Acceptance acceptance;
    // active, expiring (within 30 days of its end), lapsed (the date passed or the score
    // rose), withdrawn
    std::string state;
    std::string state_reason;  // "The current score rose from 12 to 16 on 3 June 2026"
};

struct RiskView {
    Risk risk;
    std::string register_name;
    std::string owner_name;  // the person's name, or owner_text
    ScoreView inherent, current;
    std::optional<ScoreView> target;
    std::vector<Control> controls;
    std::optional<std::int64_t> appetite;  // the highest current score the council will carry
    std::string appetite_source;  // "Financial risks, council-wide" or "… for Corporate Support"
    bool above_appetite = false;
    std::optional<AcceptanceView> acceptance;
    bool accepted = false;  // above appetite and an acceptance is active: it does not alarm
    bool review_overdue = false;
    bool can_edit = false;
};

// One point of a risk's score history: made, imported or reviewed.
struct HistoryPoint {
    std::string on;
    std::string what;  // created, reviewed, escalated, de-escalated, accepted, lapsed, closed
    std::optional<Score> current;
    std::optional<Score> target;
    std::string by;
    std::string note;
};

struct RiskDetail {
    RiskView view;
    std::vector<Review> reviews;  // newest first
    std::vector<Escalation> escalations;
    std::vector<Acceptance> acceptances;
    std::vector<HistoryPoint> history;  // oldest first
    std::vector<kit::ShownLink> links;
    std::vector<Issue> issues;
    // The risk's audit trail, for those who may change it; empty for others.
    std::vector<kit::Change> changes;
};

struct RegisterView {
    Register reg;
    std::string unit_name;
    std::optional<std::string> parent_name;
    std::vector<Register> children;
    std::int64_t open_risks = 0;
    std::int64_t above_appetite = 0;
    std::int64_t reviews_overdue = 0;
    bool can_edit = false;
};

struct HeatMap {
    Matrix matrix;
    std::string view;  // inherent, current, target
    // counts[likelihood - 1][impact - 1]
    std::vector<std::vector<std::int64_t>> counts;
    std::int64_t total = 0;
};

struct MovementQuery {
    std::optional<std::string> register_id;
    std::optional<std::string> from, to;  // dates; default the last quarter
};
struct MovementRow {
    std::string risk_id, reference, title, register_name;
    std::optional<Score> before, after;  // current score on `from` and on `to`
    std::string movement;                // rose, fell, appeared, closed, escalated, de-escalated
    std::string note;  // "escalated to the Corporate Risk Register on 3 March 2026"
};
struct Movement {
    std::string from, to;
    std::vector<MovementRow> rose, fell, appeared, closed, escalated, unchanged;
};

struct OverdueReview {
    RiskView view;
    std::int64_t days_overdue = 0;
};

// ---- the import of a register in the shape councils publish

struct ImportLineError {
    std::size_t line = 0;
    std::string column;
    std::string message;
};
struct ImportResult {
    std::size_t created = 0;
    std::vector<std::string> owners_to_tidy;  // owners kept as written
};

class RisksService {
public:
    RisksService(store::Database& db, org::OrgService& org, kit::LinkService& links)
        : m_db(db), m_org(org), m_links(links) {}

    // The record types risks adds to the links table (risk, risk_issue, risk_register).
    static void add_link_types(kit::LinkTypes& types);

    // Matrix and appetite.
    Result<Matrix> get_matrix(const Context& ctx) const;
    Result<MatrixPreview> preview_matrix(const Context& ctx, const MatrixInput& in) const;
    Result<Matrix> change_matrix(const Context& ctx, const MatrixInput& in, std::int64_t version);
    Result<std::vector<Appetite>> list_appetites(const Context& ctx) const;
    Result<Appetite> create_appetite(const Context& ctx, const AppetiteInput& in);
    Result<Appetite> get_appetite(const Context& ctx, const std::string& id) const;
    Result<Appetite> update_appetite(const Context& ctx, const std::string& id,
                                     const AppetiteInput& in, std::int64_t version);
    Result<Appetite> archive_appetite(const Context& ctx, const std::string& id,
                                      std::int64_t version);

    // Registers.
    Result<std::vector<RegisterView>> list_registers(const Context& ctx,
                                                     const RegisterQuery& q) const;
    Result<Register> create_register(const Context& ctx, const RegisterInput& in);
    Result<RegisterView> get_register(const Context& ctx, const std::string& id) const;
    Result<Register> update_register(const Context& ctx, const std::string& id,
                                     const RegisterInput& in, std::int64_t version);
    Result<Register> archive_register(const Context& ctx, const std::string& id,
                                      std::int64_t version);

    // Risks.
    Result<kit::Page<RiskView>> list_risks(const Context& ctx, const RiskQuery& q) const;
    Result<Risk> create_risk(const Context& ctx, const RiskInput& in);
    Result<RiskView> get_risk(const Context& ctx, const std::string& id) const;
    Result<RiskDetail> risk_detail(const Context& ctx, const std::string& id) const;
    Result<Risk> update_risk(const Context& ctx, const std::string& id, const RiskInput& in,
                             std::int64_t version);
    Result<Risk> archive_risk(const Context& ctx, const std::string& id, std::int64_t version);
    Result<Risk> merge_risk(const Context& ctx, const std::string& id, const MergeInput& in,
                            std::int64_t version);
    // Moves a risk to another place in its register's order (1 = first).
    Result<Risk> move_risk(const Context& ctx, const std::string& id, std::int64_t position,
                           std::int64_t version);

    // Reviews: the score history. A review sets the risk's current (and target) scores and
    // its next review date, and lapses an acceptance when the current score rises.
    Result<std::vector<Review>> list_reviews(const Context& ctx, const std::string& risk_id) const;
    Result<Review> create_review(const Context& ctx, const std::string& risk_id,
                                 const ReviewInput& in);
    Result<Review> get_review(const Context& ctx, const std::string& id) const;
    Result<std::vector<OverdueReview>> overdue_reviews(const Context& ctx,
                                                       const RiskQuery& q) const;

    // Escalation and de-escalation, kept as history.
    Result<Escalation> escalate(const Context& ctx, const std::string& risk_id,
                                const EscalationInput& in, std::int64_t version);
    Result<std::vector<Escalation>> list_escalations(const Context& ctx,
                                                     const std::string& risk_id) const;

    // Acceptance of a risk above appetite, until a date.
    Result<Acceptance> accept(const Context& ctx, const std::string& risk_id,
                              const AcceptanceInput& in, std::int64_t version);
    Result<Acceptance> withdraw_acceptance(const Context& ctx, const std::string& risk_id,
                                           std::int64_t version);
    // Acceptances that have lapsed or end within `days` days, for those who must ask again.
    Result<std::vector<AcceptanceView>> acceptances_to_renew(const Context& ctx,
                                                             std::int64_t days) const;

    // The issues log.
    Result<std::vector<Issue>> list_issues(const Context& ctx, const IssueQuery& q) const;
    Result<Issue> create_issue(const Context& ctx, const IssueInput& in);
    Result<Issue> get_issue(const Context& ctx, const std::string& id) const;
    Result<Issue> update_issue(const Context& ctx, const std::string& id, const IssueInput& in,
                               std::int64_t version);
    Result<Issue> archive_issue(const Context& ctx, const std::string& id, std::int64_t version);

    // The heat map's counts and the movement report.
    Result<HeatMap> heat_map(const Context& ctx, const RiskQuery& q) const;
    Result<Movement> movement(const Context& ctx, const MovementQuery& q) const;

    // A register in the shape councils publish, all or nothing; errors name the line.
    Result<ImportResult> import_register(const Context& ctx, const std::string& register_id,
                                         std::string_view csv);
    // A register's risks in its order, as CSV (what the import reads back) and as XLSX.
    Result<std::string> export_csv(const Context& ctx, const std::string& register_id) const;
    Result<std::string> export_xlsx(const Context& ctx, const std::string& register_id) const;

    // The demo: the seeds' registers, risks and a year of quarterly reviews.
    struct DemoCounts {
        std::size_t registers = 0, risks = 0, reviews = 0, issues = 0;
    };
    Result<DemoCounts> load_demo(const Context& ctx,
                                 const std::vector<std::pair<std::string, std::string>>& files);

private:
    store::Database& m_db;
    org::OrgService& m_org;
    kit::LinkService& m_links;
};

}  // namespace civic::risks
