-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Plans (council, directorate, service, improvement, project plans), their items in a tree,
-- the items' performance measures and progress updates, the frozen versions of approved
-- plans, external reviews and their findings, and the one links table every module shares.

CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    -- core/period's canonical text: '1999/00', '2025-28'
    period TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- draft, approved, superseded, archived
    status TEXT NOT NULL,
    -- how an item's status rolls up from its children: worst, majority, weighted
    rollup TEXT NOT NULL,
    -- the plan version being worked on or last approved: 1, 2, …
    plan_version BIGINT NOT NULL DEFAULT 1,
    approved_by_unit_id TEXT REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    approved_on TEXT,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX plans_unit ON plans (unit_id);

-- An approved version of a plan, frozen: the whole plan as its export wrote it then.
CREATE TABLE plan_versions (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) DEFERRABLE INITIALLY IMMEDIATE,
    number BIGINT NOT NULL,
    approved_by_unit_id TEXT REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    approved_on TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (plan_id, number)
);

CREATE TABLE plan_items (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) DEFERRABLE INITIALLY IMMEDIATE,
    parent_id TEXT REFERENCES plan_items (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- as the council writes it: '3.10', 'Theme 4'; unique among the plan's live items
    ref TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    lead_person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    lead_unit_id TEXT REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- JSON array of unit ids
    supporting_unit_ids TEXT NOT NULL DEFAULT '[]',
    -- the council's words ('Sept 1999 - Feb 2000'), and the dates they give or an officer set
    timing TEXT NOT NULL DEFAULT '',
    start_date TEXT,
    due_date TEXT,
    -- not started, on track, at risk, off track, complete, deferred, cancelled
    status TEXT NOT NULL,
    percent_complete BIGINT NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    constraints TEXT NOT NULL DEFAULT '',
    -- JSON array of Best Value themes
    themes TEXT NOT NULL DEFAULT '[]',
    -- the item's share in a weighted roll-up
    weight BIGINT NOT NULL DEFAULT 1,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX plan_items_plan ON plan_items (plan_id);
CREATE INDEX plan_items_parent ON plan_items (parent_id);
CREATE INDEX plan_items_lead_person ON plan_items (lead_person_id);
CREATE INDEX plan_items_lead_unit ON plan_items (lead_unit_id);

-- A performance measure of an item: qualitative (achieved or not, with a date and evidence)
-- or quantitative (an indicator, through the links table).
CREATE TABLE plan_measures (
    id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES plan_items (id) DEFERRABLE INITIALLY IMMEDIATE,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    timing TEXT NOT NULL DEFAULT '',
    due_date TEXT,
    achieved BOOLEAN NOT NULL DEFAULT FALSE,
    achieved_on TEXT,
    evidence TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX plan_measures_item ON plan_measures (item_id);

-- Progress on an item in one reporting period; every update is kept, the latest sets the
-- item's status and percentage.
CREATE TABLE plan_updates (
    id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES plan_items (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- core/period's canonical text of a month or a quarter: '2025-09', '2025/26 Q2'
    period TEXT NOT NULL,
    status TEXT NOT NULL,
    percent_complete BIGINT NOT NULL,
    -- Markdown
    commentary TEXT NOT NULL DEFAULT '',
    author_person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- who entered it: the user's name as the audit trail names them
    entered_by TEXT NOT NULL,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX plan_updates_item ON plan_updates (item_id);

-- An external review (Best Value service review, peer challenge, inspection, external audit,
-- LGA or CIPFA report) and what it found.
CREATE TABLE reviews (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    -- who reviewed: 'Local Government Association'
    reviewer TEXT NOT NULL DEFAULT '',
    -- planned, in progress, reported, closed
    status TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT,
    reported_on TEXT,
    scope TEXT NOT NULL DEFAULT '',
    rating TEXT NOT NULL DEFAULT '',
    -- the rolling programme it belongs to, in the council's words, or ''
    programme TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX reviews_unit ON reviews (unit_id);

CREATE TABLE review_findings (
    id TEXT PRIMARY KEY,
    review_id TEXT NOT NULL REFERENCES reviews (id) DEFERRABLE INITIALLY IMMEDIATE,
    ref TEXT NOT NULL,
    -- finding, recommendation
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    -- open, in progress, addressed, closed
    status TEXT NOT NULL,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX review_findings_review ON review_findings (review_id);

-- One table of links for every module: from one record to another, each end an entity type
-- ('plan_item', 'review_finding', later 'indicator', 'risk', 'decision', 'case') and an id.
CREATE TABLE links (
    id TEXT PRIMARY KEY,
    from_type TEXT NOT NULL,
    from_id TEXT NOT NULL,
    to_type TEXT NOT NULL,
    to_id TEXT NOT NULL,
    -- depends_on, contributes_to, constrained_by, answers, measured_by, relates_to
    kind TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX links_from ON links (from_type, from_id);
CREATE INDEX links_to ON links (to_type, to_id);
