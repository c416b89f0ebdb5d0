// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/risks/repo.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

namespace civic::risks::repo {
using store::Connection;
using store::Row;
using store::Value;
namespace json = boost::json;

namespace {
constexpr std::string_view k_register_path =
    "JOIN risk_registers g ON g.id = {0}.{1} "
    "JOIN units u ON u.id = g.unit_id";
std::string via_register(std::string_view alias, std::string_view column = "register_id") {
    return fmt::format(k_register_path, alias, column);
}
std::string via_risk(std::string_view alias) {
    return fmt::format(
        "JOIN risks k ON k.id = {}.risk_id JOIN risk_registers g ON g.id = "
        "k.register_id JOIN units u ON u.id = g.unit_id",
        alias);
}
}  // namespace

const kit::Table<Register>& registers() {
    static const kit::Table<Register> t{"risk_registers",
                                        "r",
                                        "JOIN units u ON u.id = r.unit_id",
                                        &Register::unit_path,
                                        {{"id", &Register::id},
                                         {"unit_id", &Register::unit_id},
                                         {"kind", &Register::kind},
                                         {"name", &Register::name},
                                         {"description", &Register::description},
                                         {"parent_id", &Register::parent_id},
                                         {"archived_at", &Register::archived_at},
                                         {"version", &Register::version},
                                         {"created_at", &Register::created_at},
                                         {"updated_at", &Register::updated_at}}};
    return t;
}

const kit::Table<Risk>& risks() {
    static const kit::Table<Risk> t{"risks",
                                    "x",
                                    via_register("x"),
                                    &Risk::unit_path,
                                    {{"id", &Risk::id},
                                     {"register_id", &Risk::register_id},
                                     {"position", &Risk::position},
                                     {"reference", &Risk::reference},
                                     {"title", &Risk::title},
                                     {"description", &Risk::description},
                                     {"cause", &Risk::cause},
                                     {"event", &Risk::event},
                                     {"effect", &Risk::effect},
                                     {"category", &Risk::category},
                                     {"owner_person_id", &Risk::owner_person_id},
                                     {"owner_text", &Risk::owner_text},
                                     {"inherent_likelihood", &Risk::inherent_likelihood},
                                     {"inherent_impact", &Risk::inherent_impact},
                                     {"current_likelihood", &Risk::current_likelihood},
                                     {"current_impact", &Risk::current_impact},
                                     {"target_likelihood", &Risk::target_likelihood},
                                     {"target_impact", &Risk::target_impact},
                                     {"response", &Risk::response},
                                     {"controls", &Risk::controls_json},
                                     {"actions_text", &Risk::actions_text},
                                     {"proximity", &Risk::proximity},
                                     {"review_frequency_months", &Risk::review_frequency_months},
                                     {"next_review_on", &Risk::next_review_on},
                                     {"identified_on", &Risk::identified_on},
                                     {"status", &Risk::status},
                                     {"closed_on", &Risk::closed_on},
                                     {"merged_into_id", &Risk::merged_into_id},
                                     {"closed_reason", &Risk::closed_reason},
                                     {"archived_at", &Risk::archived_at},
                                     {"version", &Risk::version},
                                     {"created_at", &Risk::created_at},
                                     {"updated_at", &Risk::updated_at}}};
    return t;
}

const kit::Table<Review>& reviews() {
    static const kit::Table<Review> t{"risk_reviews",
                                      "v",
                                      via_risk("v"),
                                      &Review::unit_path,
                                      {{"id", &Review::id},
                                       {"risk_id", &Review::risk_id},
                                       {"reviewed_on", &Review::reviewed_on},
                                       {"reviewer_person_id", &Review::reviewer_person_id},
                                       {"current_likelihood", &Review::current_likelihood},
                                       {"current_impact", &Review::current_impact},
                                       {"target_likelihood", &Review::target_likelihood},
                                       {"target_impact", &Review::target_impact},
                                       {"commentary", &Review::commentary},
                                       {"controls", &Review::controls_json},
                                       {"actions", &Review::actions_json},
                                       {"next_review_on", &Review::next_review_on},
                                       {"archived_at", &Review::archived_at},
                                       {"version", &Review::version},
                                       {"created_at", &Review::created_at},
                                       {"updated_at", &Review::updated_at}}};
    return t;
}

const kit::Table<Escalation>& escalations() {
    static const kit::Table<Escalation> t{"risk_escalations",
                                          "e",
                                          "",
                                          nullptr,
                                          {{"id", &Escalation::id},
                                           {"risk_id", &Escalation::risk_id},
                                           {"from_register_id", &Escalation::from_register_id},
                                           {"to_register_id", &Escalation::to_register_id},
                                           {"direction", &Escalation::direction},
                                           {"reason", &Escalation::reason},
                                           {"moved_on", &Escalation::moved_on},
                                           {"moved_by", &Escalation::moved_by},
                                           {"created_at", &Escalation::created_at}}};
    return t;
}

const kit::Table<Acceptance>& acceptances() {
    static const kit::Table<Acceptance> t{
        "risk_acceptances",
        "a",
        via_risk("a"),
        &Acceptance::unit_path,
        {{"id", &Acceptance::id},
         {"risk_id", &Acceptance::risk_id},
         {"accepted_by_person_id", &Acceptance::accepted_by_person_id},
         {"accepted_by", &Acceptance::accepted_by},
         {"accepted_on", &Acceptance::accepted_on},
         {"reason", &Acceptance::reason},
         {"until", &Acceptance::until},
         {"accepted_score", &Acceptance::accepted_score},
         {"appetite", &Acceptance::appetite},
         {"lapsed_on", &Acceptance::lapsed_on},
         {"lapse_reason", &Acceptance::lapse_reason},
         {"archived_at", &Acceptance::archived_at},
         {"version", &Acceptance::version},
         {"created_at", &Acceptance::created_at},
         {"updated_at", &Acceptance::updated_at}}};
    return t;
}

const kit::Table<Appetite>& appetites() {
    // A council-wide appetite has no unit: its path reads as "".
    static const kit::Table<Appetite> t{"risk_appetites",
                                        "p",
                                        "LEFT JOIN units u ON u.id = p.unit_id",
                                        &Appetite::unit_path,
                                        {{"id", &Appetite::id},
                                         {"category", &Appetite::category},
                                         {"unit_id", &Appetite::unit_id},
                                         {"max_score", &Appetite::max_score},
                                         {"note", &Appetite::note},
                                         {"archived_at", &Appetite::archived_at},
                                         {"version", &Appetite::version},
                                         {"created_at", &Appetite::created_at},
                                         {"updated_at", &Appetite::updated_at}}};
    return t;
}

const kit::Table<Issue>& issues() {
    static const kit::Table<Issue> t{"risk_issues",
                                     "i",
                                     via_register("i"),
                                     &Issue::unit_path,
                                     {{"id", &Issue::id},
                                      {"register_id", &Issue::register_id},
                                      {"reference", &Issue::reference},
                                      {"title", &Issue::title},
                                      {"description", &Issue::description},
                                      {"priority", &Issue::priority},
                                      {"owner_person_id", &Issue::owner_person_id},
                                      {"owner_text", &Issue::owner_text},
                                      {"risk_id", &Issue::risk_id},
                                      {"raised_on", &Issue::raised_on},
                                      {"status", &Issue::status},
                                      {"actions_text", &Issue::actions_text},
                                      {"resolution", &Issue::resolution},
                                      {"resolved_on", &Issue::resolved_on},
                                      {"archived_at", &Issue::archived_at},
                                      {"version", &Issue::version},
                                      {"created_at", &Issue::created_at},
                                      {"updated_at", &Issue::updated_at}}};
    return t;
}

std::optional<Register> find_register(Connection& c, const std::string& id) {
    return registers().find(c, id);
}
bool update_register(Connection& c, const Register& r, std::int64_t v) {
    return registers().update(c, r, v);
}
std::optional<Risk> find_risk(Connection& c, const std::string& id) { return risks().find(c, id); }
bool update_risk(Connection& c, const Risk& r, std::int64_t v) { return risks().update(c, r, v); }
std::optional<Review> find_review(Connection& c, const std::string& id) {
    return reviews().find(c, id);
}
bool update_review(Connection& c, const Review& r, std::int64_t v) {
    return reviews().update(c, r, v);
}
std::optional<Acceptance> find_acceptance(Connection& c, const std::string& id) {
    return acceptances().find(c, id);
}
bool update_acceptance(Connection& c, const Acceptance& r, std::int64_t v) {
    return acceptances().update(c, r, v);
}
std::optional<Appetite> find_appetite(Connection& c, const std::string& id) {
    return appetites().find(c, id);
}
bool update_appetite(Connection& c, const Appetite& r, std::int64_t v) {
    return appetites().update(c, r, v);
}
std::optional<Issue> find_issue(Connection& c, const std::string& id) {
    return issues().find(c, id);
}
bool update_issue(Connection& c, const Issue& r, std::int64_t v) {
    return issues().update(c, r, v);
}

// ---- the matrix, one row of JSON

namespace {
std::string levels_json(const std::vector<Level>& levels) {
    json::array a;
    for (const auto& l : levels)
        a.push_back(json::object{{"label", l.label}, {"descriptor", l.descriptor}});
    return json::serialize(a);
}
std::vector<Level> levels_from(std::string_view text) {
    std::vector<Level> out;
    boost::system::error_code ec;
    const auto v = json::parse(text, ec);
    if (ec || !v.is_array()) return out;
    for (const auto& l : v.as_array()) {
        if (!l.is_object()) continue;
        const auto& o = l.as_object();
        Level level;
        if (auto* s = o.if_contains("label"); s && s->is_string())
            level.label = std::string(s->as_string());
        if (auto* s = o.if_contains("descriptor"); s && s->is_string())
            level.descriptor = std::string(s->as_string());
        out.push_back(std::move(level));
    }
    return out;
}
std::string bands_json(const std::vector<Band>& bands) {
    json::array a;
    for (const auto& b : bands)
        a.push_back(
            json::object{{"name", b.name}, {"colour", b.colour}, {"from", b.from}, {"to", b.to}});
    return json::serialize(a);
}
std::vector<Band> bands_from(std::string_view text) {
    std::vector<Band> out;
    boost::system::error_code ec;
    const auto v = json::parse(text, ec);
    if (ec || !v.is_array()) return out;
    for (const auto& b : v.as_array()) {
        if (!b.is_object()) continue;
        const auto& o = b.as_object();
        Band band;
        if (auto* s = o.if_contains("name"); s && s->is_string())
            band.name = std::string(s->as_string());
        if (auto* s = o.if_contains("colour"); s && s->is_string())
            band.colour = std::string(s->as_string());
        if (auto* n = o.if_contains("from"); n && n->is_int64()) band.from = n->as_int64();
        if (auto* n = o.if_contains("to"); n && n->is_int64()) band.to = n->as_int64();
        out.push_back(std::move(band));
    }
    return out;
}
}  // namespace

Matrix matrix(Connection& c) {
    auto stored = c.query_one(
        "SELECT id, likelihood_levels, impact_levels, bands, extra_categories, version, "
        "updated_at FROM risk_matrix ORDER BY id LIMIT 1",
        {}, [](const Row& r) {
            Matrix m;
            m.id = r.str(0);
            m.likelihood = levels_from(r.text(1));
            m.impact = levels_from(r.text(2));
            m.bands = bands_from(r.text(3));
            m.extra_categories = kit::text_list_from_json(r.text(4));
            m.version = r.integer(5);
            m.updated_at = r.str(6);
            return m;
        });
    return stored ? *stored : default_matrix();
}

void insert_matrix(Connection& c, const Matrix& m) {
    const std::string l = levels_json(m.likelihood), i = levels_json(m.impact),
                      b = bands_json(m.bands), e = kit::text_list_to_json(m.extra_categories);
    c.execute(
        "INSERT INTO risk_matrix (id, likelihood_levels, impact_levels, bands, extra_categories, "
        "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {std::string_view(m.id), std::string_view(l), std::string_view(i), std::string_view(b),
         std::string_view(e), m.version, std::string_view(m.updated_at),
         std::string_view(m.updated_at)});
}

bool update_matrix(Connection& c, const Matrix& m, std::int64_t expected_version) {
    const std::string l = levels_json(m.likelihood), i = levels_json(m.impact),
                      b = bands_json(m.bands), e = kit::text_list_to_json(m.extra_categories);
    return c.execute(
               "UPDATE risk_matrix SET likelihood_levels = ?, impact_levels = ?, bands = ?, "
               "extra_categories = ?, version = ?, updated_at = ? WHERE id = ? AND "
               "version = ?",
               {std::string_view(l), std::string_view(i), std::string_view(b), std::string_view(e),
                m.version, std::string_view(m.updated_at), std::string_view(m.id),
                expected_version}) == 1;
}

// ---- lists

std::vector<Risk> risks_in(Connection& c, const std::string& register_id) {
    return risks().where(c, "x.register_id = ? AND x.archived_at IS NULL ORDER BY x.position, x.id",
                         {register_id});
}

std::vector<Risk> all_risks(Connection& c) {
    return risks().where(c, "x.archived_at IS NULL ORDER BY x.register_id, x.position, x.id", {});
}

std::int64_t next_position(Connection& c, const std::string& register_id) {
    return c.query_one(
                "SELECT COALESCE(MAX(position), 0) FROM risks WHERE register_id = ? AND "
                "archived_at IS NULL",
                {register_id}, [](const Row& r) { return r.integer(0); })
               .value_or(0) +
           1;
}

std::vector<Review> reviews_of(Connection& c, const std::string& risk_id) {
    return reviews().where(
        c, "v.risk_id = ? AND v.archived_at IS NULL ORDER BY v.reviewed_on, v.id", {risk_id});
}

std::vector<Escalation> escalations_of(Connection& c, const std::string& risk_id) {
    return escalations().where(c, "e.risk_id = ? ORDER BY e.moved_on, e.id", {risk_id});
}

std::vector<Escalation> escalations_touching(Connection& c, const std::string& register_id) {
    return escalations().where(
        c, "e.from_register_id = ? OR e.to_register_id = ? ORDER BY e.moved_on DESC, e.id DESC",
        {register_id, register_id});
}

std::vector<Acceptance> acceptances_of(Connection& c, const std::string& risk_id) {
    return acceptances().where(c, "a.risk_id = ? ORDER BY a.accepted_on, a.id", {risk_id});
}

std::vector<Appetite> all_appetites(Connection& c) {
    return appetites().where(c, "p.archived_at IS NULL ORDER BY p.category, p.id", {});
}

std::vector<Register> all_registers(Connection& c) {
    return registers().where(c, "r.archived_at IS NULL ORDER BY r.name, r.id", {});
}

std::vector<Issue> issues_where(Connection& c, const std::string& register_id,
                                const std::string& risk_id) {
    return issues().where(c,
                          "i.archived_at IS NULL AND (? = '' OR i.register_id = ?) AND (? = '' OR "
                          "i.risk_id = ?) ORDER BY i.raised_on DESC, i.id",
                          {register_id, register_id, risk_id, risk_id});
}

}  // namespace civic::risks::repo
