-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Risks: the council's scoring matrix and risk appetite, its risk registers (corporate,
-- directorate, service, plan, project) each owned by a unit, the risks in them with their
-- controls and scores, reviews (the score history), escalation between registers, formal
-- acceptance of a risk above appetite, and the issues log. Every row names its register, whose
-- unit decides who may read and change it.

-- The council's scoring matrix: one row, made by the first change (until then the default
-- 5 x 5 applies). Levels are JSON arrays of {"label", "descriptor"}, lowest first; bands a JSON
-- array of {"name", "colour", "from", "to"} covering every score the matrix can give.
CREATE TABLE risk_matrix (
    id TEXT PRIMARY KEY,
    likelihood_levels TEXT NOT NULL,
    impact_levels TEXT NOT NULL,
    bands TEXT NOT NULL,
    -- the council's own categories, beside the seven every council has (a JSON array)
    extra_categories TEXT NOT NULL DEFAULT '[]',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Risk appetite: the highest current score the council will carry in a category, council-wide
-- (unit_id NULL) or for one unit's subtree.
CREATE TABLE risk_appetites (
    id TEXT PRIMARY KEY,
    category TEXT NOT NULL,
    unit_id TEXT REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    max_score BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX risk_appetites_category ON risk_appetites (category);

CREATE TABLE risk_registers (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- corporate, directorate, service, plan, project
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- the register a risk is escalated to; none for the corporate register
    parent_id TEXT REFERENCES risk_registers (id) DEFERRABLE INITIALLY IMMEDIATE,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX risk_registers_unit ON risk_registers (unit_id);

CREATE TABLE risks (
    id TEXT PRIMARY KEY,
    register_id TEXT NOT NULL REFERENCES risk_registers (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- its place in the register's order, as the council gave it (1, 2, 3, …)
    position BIGINT NOT NULL,
    reference TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    cause TEXT NOT NULL DEFAULT '',
    event TEXT NOT NULL DEFAULT '',
    effect TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    -- the owner: a person in the organisation register, or as the council wrote it
    owner_person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    owner_text TEXT NOT NULL DEFAULT '',
    inherent_likelihood BIGINT NOT NULL,
    inherent_impact BIGINT NOT NULL,
    current_likelihood BIGINT NOT NULL,
    current_impact BIGINT NOT NULL,
    target_likelihood BIGINT,
    target_impact BIGINT,
    -- treat, tolerate, transfer, terminate, or '' when not yet decided
    response TEXT NOT NULL DEFAULT '',
    -- JSON array of {"description", "effectiveness"}
    controls TEXT NOT NULL DEFAULT '[]',
    -- the actions being taken, as the council wrote them (mitigating actions that are plan
    -- items or meeting actions are links of kind 'mitigates')
    actions_text TEXT NOT NULL DEFAULT '',
    -- now, within 3 months, within a year, within 3 years, beyond 3 years, or ''
    proximity TEXT NOT NULL DEFAULT '',
    review_frequency_months BIGINT NOT NULL DEFAULT 3,
    next_review_on TEXT NOT NULL,
    -- the date it was identified: no review may be dated before it
    identified_on TEXT NOT NULL,
    -- open, closed, merged
    status TEXT NOT NULL DEFAULT 'open',
    closed_on TEXT,
    merged_into_id TEXT REFERENCES risks (id) DEFERRABLE INITIALLY IMMEDIATE,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX risks_register ON risks (register_id, position);
CREATE INDEX risks_owner ON risks (owner_person_id);

-- A review: the scores as the reviewer found them on a date. With the scores a risk was made
-- with, the reviews are its score history.
CREATE TABLE risk_reviews (
    id TEXT PRIMARY KEY,
    risk_id TEXT NOT NULL REFERENCES risks (id) DEFERRABLE INITIALLY IMMEDIATE,
    reviewed_on TEXT NOT NULL,
    reviewer_person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    current_likelihood BIGINT NOT NULL,
    current_impact BIGINT NOT NULL,
    target_likelihood BIGINT,
    target_impact BIGINT,
    commentary TEXT NOT NULL DEFAULT '',
    -- JSON arrays: each control with its effectiveness then; each action with its progress
    controls TEXT NOT NULL DEFAULT '[]',
    actions TEXT NOT NULL DEFAULT '[]',
    next_review_on TEXT NOT NULL,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX risk_reviews_risk ON risk_reviews (risk_id, reviewed_on);

-- A move of a risk between registers: up (escalated) or down (de-escalated).
CREATE TABLE risk_escalations (
    id TEXT PRIMARY KEY,
    risk_id TEXT NOT NULL REFERENCES risks (id) DEFERRABLE INITIALLY IMMEDIATE,
    from_register_id TEXT NOT NULL REFERENCES risk_registers (id) DEFERRABLE INITIALLY IMMEDIATE,
    to_register_id TEXT NOT NULL REFERENCES risk_registers (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- up, down
    direction TEXT NOT NULL,
    reason TEXT NOT NULL,
    moved_on TEXT NOT NULL,
    moved_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX risk_escalations_risk ON risk_escalations (risk_id);
CREATE INDEX risk_escalations_from ON risk_escalations (from_register_id);

-- Formal acceptance of a risk above appetite, until a date. It lapses when the date passes or
-- the current score rises above the score accepted (lapsed_on and lapse_reason then record
-- which); a withdrawn acceptance is archived.
CREATE TABLE risk_acceptances (
    id TEXT PRIMARY KEY,
    risk_id TEXT NOT NULL REFERENCES risks (id) DEFERRABLE INITIALLY IMMEDIATE,
    accepted_by_person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    accepted_by TEXT NOT NULL,
    accepted_on TEXT NOT NULL,
    reason TEXT NOT NULL,
    until TEXT NOT NULL,
    accepted_score BIGINT NOT NULL,
    appetite BIGINT,
    lapsed_on TEXT,
    lapse_reason TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX risk_acceptances_risk ON risk_acceptances (risk_id);

-- The issues log: a risk that has happened, or a problem now.
CREATE TABLE risk_issues (
    id TEXT PRIMARY KEY,
    register_id TEXT NOT NULL REFERENCES risk_registers (id) DEFERRABLE INITIALLY IMMEDIATE,
    reference TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- critical, high, medium, low
    priority TEXT NOT NULL,
    owner_person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    owner_text TEXT NOT NULL DEFAULT '',
    -- the risk it came from
    risk_id TEXT REFERENCES risks (id) DEFERRABLE INITIALLY IMMEDIATE,
    raised_on TEXT NOT NULL,
    -- open, resolved, closed
    status TEXT NOT NULL DEFAULT 'open',
    actions_text TEXT NOT NULL DEFAULT '',
    resolution TEXT NOT NULL DEFAULT '',
    resolved_on TEXT,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX risk_issues_register ON risk_issues (register_id);
