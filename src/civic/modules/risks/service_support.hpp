// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// What the risks service's translation units share: how the kit's change steps reach each
// record, who may read and change a register and what is in it, the checks of a score against
// the matrix, owners matched to people, the appetite that applies to a risk, the state of an
// acceptance, and the views the reads build. Internal to the risks module.

#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/date.hpp"
#include "civic/core/error.hpp"
#include "civic/core/json.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/records.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/modules/risks/matrix.hpp"
#include "civic/modules/risks/model.hpp"
#include "civic/modules/risks/repo.hpp"
#include "civic/modules/risks/service.hpp"
#include "civic/store/database.hpp"

namespace civic::risks::detail {
using namespace civic::kit;

// A risk's owner: the person the signed-in user is.
inline bool owns(const Principal& who, const Risk& r) {
    return who.person_id && r.owner_person_id == who.person_id;
}

// Those who may write in a register's unit change the register and everything in it; a risk's
// owner changes the risk (reviews it, corrects it) wherever it sits.
template <typename Record>
bool may_change(const Principal& who, const Record& r) {
    if constexpr (std::is_same_v<Record, Risk>)
        if (owns(who, r)) return true;
    return covers(who, r.unit_path, Access::Write);
}
// Those whose role covers a register's unit read it, and so do those who work within that unit:
// a directorate's officers read the corporate register their risks escalate to. A risk's owner
// reads the risk wherever it sits.
template <typename Record>
bool may_read(const Principal& who, const Record& r) {
    if constexpr (std::is_same_v<Record, Risk>)
        if (owns(who, r)) return true;
    return covers(who, r.unit_path, Access::Read) || works_within(who, r.unit_path);
}

template <typename Record>
std::string audit_text(const Record& r) {
    return civic::to_json(boost::json::value(risks::to_json(r)));
}

inline bool administers(const Principal& who, const Appetite&) { return who.is_administrator(); }

inline constexpr Entity<Register> k_register{"risk_register",       repo::find_register,
                                             repo::update_register, audit_text<Register>,
                                             may_change<Register>,  "risk register"};
inline constexpr Entity<Risk> k_risk{"risk", repo::find_risk, repo::update_risk, audit_text<Risk>,
                                     may_change<Risk>};
inline constexpr Entity<Review> k_review{"risk_review",       repo::find_review,
                                         repo::update_review, audit_text<Review>,
                                         may_change<Review>,  "risk review"};
inline constexpr Entity<Acceptance> k_acceptance{"risk_acceptance",       repo::find_acceptance,
                                                 repo::update_acceptance, audit_text<Acceptance>,
                                                 may_change<Acceptance>,  "acceptance"};
inline constexpr Entity<Appetite> k_appetite{"risk_appetite",       repo::find_appetite,
                                             repo::update_appetite, audit_text<Appetite>,
                                             administers,           "risk appetite"};
inline constexpr Entity<Issue> k_issue{"risk_issue",      repo::find_issue,  repo::update_issue,
                                       audit_text<Issue>, may_change<Issue>, "issue"};

// The matrix's audit name and text.
inline constexpr std::string_view k_matrix_entity = "risk_matrix";
std::string matrix_audit_text(const Matrix& m);

// ---- who may read and change what

// The records a read or a write names, answered 404 alike whether missing, archived (unless
// asked for) or out of reach.
Result<Register> readable_register(store::Connection& c, const Context& ctx, const std::string& id,
                                   bool archived_too = false);
Result<Risk> readable_risk(store::Connection& c, const Context& ctx, const std::string& id);
// A live risk the caller may change, for a write that is not one of the kit's change steps
// (a review, a move, an acceptance); 404 alike when missing, archived or out of reach. verb:
// "review" gives "There is no risk with this id that you can review."
Result<Risk> changeable_risk(store::Connection& c, const Context& ctx, const std::string& id,
                             std::string_view verb = "change");
Result<Issue> readable_issue(store::Connection& c, const Context& ctx, const std::string& id);
// The register a write goes into, named by a field: live and changeable by the caller,
// otherwise a field error naming `field`.
std::optional<Register> register_field(store::Connection& c, const Context& ctx, Checks& checks,
                                       std::string_view field,
                                       const std::optional<std::string>& id);

// ---- scores and the matrix

// The categories a risk or an appetite may have on this matrix: every council's and its own.
std::vector<std::string> categories_of(const Matrix& m);
// A category from the matrix's list, in its own spelling; a field error otherwise.
std::optional<std::string> category_field(Checks& checks, const Matrix& m, std::string_view field,
                                          const std::optional<std::string>& v, Required required);
// A likelihood or impact level on the matrix (1 to its size), when sent.
void level_field(Checks& checks, const Matrix& m, std::string_view field, std::string_view label,
                 const std::optional<std::int64_t>& v);
// A score given beside its pair must be likelihood × impact: "current_score is 12, but
// likelihood 3 × impact 3 is 9".
void score_field(Checks& checks, std::string_view field, const std::optional<std::int64_t>& given,
                 const Score& pair);
// What a matrix change does to a pair, and to a limit (an appetite or an accepted score):
// the highest mapped score of any old pair whose score was within the old limit.
Score map_score(const Score& s, int old_size, int new_size);
std::int64_t map_limit(std::int64_t limit, int old_size, int new_size);

// ---- risks

// Checks a risk's fields and applies them to r: on a create every required field, on a change
// only those sent. Scores are checked against the matrix; owners matched to people.
void apply_risk_input(store::Connection& c, Checks& checks, const Matrix& m, const RiskInput& in,
                      Risk& r, bool creating, Date today);
// A new risk in a register from its input, checked against the matrix but not written: what a
// create and each line of an import make. Field errors name the input's fields.
Result<Risk> new_risk(store::Connection& c, const Context& ctx, const Matrix& m,
                      const Register& reg, const RiskInput& in);
// Whether another live risk of the register has this reference.
bool reference_taken(store::Connection& c, const std::string& register_id,
                     const std::string& reference, const std::string& except_id);

// The owner of a risk or an issue: a person's id, or a name matched to the one live person
// who has it (case and surrounding spaces aside), else kept as written in owner_text.
void owner_fields(store::Connection& c, Checks& checks,
                  const std::optional<std::optional<std::string>>& person_id,
                  const std::optional<std::string>& owner, std::optional<std::string>& out_person,
                  std::string& out_text);
std::optional<std::string> person_named(store::Connection& c, std::string_view name);
// A person's name, "" when none or not found.
std::string person_name(store::Connection& c, const std::optional<std::string>& id);

// The date a review is next due: `from` plus the months, on the same day of the month or the
// month's last day when it has fewer.
std::string next_review_date(const Date& from, std::int64_t months);

// ---- appetite and acceptance

struct AppetiteFound {
    std::int64_t max_score = 0;
    std::string
        source;  // "Financial risks, council-wide" or "Financial risks for Corporate Support"
};
// The appetite for a category on the nearest unit at or above a register's unit, else the
// council-wide one, else none.
std::optional<AppetiteFound> appetite_for(store::Connection& c,
                                          const std::vector<Appetite>& appetites,
                                          const std::string& category,
                                          const std::string& register_unit_path);
// An acceptance's state on a day.
AcceptanceView acceptance_view(const Acceptance& a, Date today);
// The acceptance in force or the last one of a risk (archived ones count as withdrawn).
std::optional<Acceptance> last_acceptance(store::Connection& c, const std::string& risk_id);
// When a risk's current score rises above an active acceptance's accepted score, the
// acceptance lapses today, in the caller's transaction (audited).
// The assessment a risk is made with, recorded as its first review (dated the day it was
// identified): the start of its score history, so the movement report knows where it stood
// before its first real review. note: "Assessed when the risk was identified".
Review first_assessment(store::Connection& c, const Context& ctx, const Risk& r,
                        std::string_view note);
Result<void> lapse_on_rise(store::Connection& c, const Context& ctx, const Risk& before,
                           const Risk& after);

// ---- views

// Builds views, reading the matrix, the appetites, registers and unit names once.
class Viewer {
public:
    Viewer(store::Connection& c, const Context& ctx);
    const Matrix& matrix() const { return m_matrix; }
    Date today() const { return m_today; }
    ScoreView score_view(const Score& s) const;
    RiskView risk_view(const Risk& r);
    RegisterView register_view(const Register& reg);
    const Register* register_of(const std::string& id);
    std::string unit_name(const std::string& unit_id);

private:
    store::Connection& m_c;
    const Context& m_ctx;
    Matrix m_matrix;
    std::vector<Appetite> m_appetites;
    Date m_today;
    std::map<std::string, std::optional<Register>> m_registers;
    std::map<std::string, std::string> m_unit_names;
};

}  // namespace civic::risks::detail
