// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The SQL of risks. Each table is described once (kit::Table): each record is read with the
// path of its register's unit, whose scope it follows.

#include <optional>
#include <string>
#include <vector>

#include "civic/modules/kit/table.hpp"
#include "civic/modules/risks/matrix.hpp"
#include "civic/modules/risks/model.hpp"
#include "civic/store/database.hpp"

namespace civic::risks::repo {

const kit::Table<Register>& registers();
const kit::Table<Risk>& risks();
const kit::Table<Review>& reviews();
const kit::Table<Escalation>& escalations();
const kit::Table<Acceptance>& acceptances();
const kit::Table<Appetite>& appetites();
const kit::Table<Issue>& issues();

// What the kit's change steps (kit::Entity) reach each record through.
std::optional<Register> find_register(store::Connection& c, const std::string& id);
bool update_register(store::Connection& c, const Register& r, std::int64_t expected_version);
std::optional<Risk> find_risk(store::Connection& c, const std::string& id);
bool update_risk(store::Connection& c, const Risk& r, std::int64_t expected_version);
std::optional<Review> find_review(store::Connection& c, const std::string& id);
bool update_review(store::Connection& c, const Review& r, std::int64_t expected_version);
std::optional<Acceptance> find_acceptance(store::Connection& c, const std::string& id);
bool update_acceptance(store::Connection& c, const Acceptance& r, std::int64_t expected_version);
std::optional<Appetite> find_appetite(store::Connection& c, const std::string& id);
bool update_appetite(store::Connection& c, const Appetite& r, std::int64_t expected_version);
std::optional<Issue> find_issue(store::Connection& c, const std::string& id);
bool update_issue(store::Connection& c, const Issue& r, std::int64_t expected_version);

// The council's matrix: its one row, or the default 5 × 5 (no id, version 1) when an
// administrator has not changed it yet.
Matrix matrix(store::Connection& c);
void insert_matrix(store::Connection& c, const Matrix& m);
bool update_matrix(store::Connection& c, const Matrix& m, std::int64_t expected_version);

// A register's risks in the council's order (archived ones left out).
std::vector<Risk> risks_in(store::Connection& c, const std::string& register_id);
// Every risk not archived, in register and position order: for the heat map, the movement
// report and lists the caller's scope then filters.
std::vector<Risk> all_risks(store::Connection& c);
// The next position at the end of a register's order.
std::int64_t next_position(store::Connection& c, const std::string& register_id);
std::vector<Review> reviews_of(store::Connection& c, const std::string& risk_id);  // oldest first
std::vector<Escalation> escalations_of(store::Connection& c, const std::string& risk_id);
// Escalations out of or into a register, newest first.
std::vector<Escalation> escalations_touching(store::Connection& c, const std::string& register_id);
std::vector<Acceptance> acceptances_of(store::Connection& c, const std::string& risk_id);
std::vector<Appetite> all_appetites(store::Connection& c);
std::vector<Register> all_registers(store::Connection& c);
std::vector<Issue> issues_where(store::Connection& c, const std::string& register_id,
                                const std::string& risk_id);

}  // namespace civic::risks::repo
