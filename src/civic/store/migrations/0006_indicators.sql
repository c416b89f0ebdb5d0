-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Performance indicators: definitions, values per period with every revision, targets, and
-- the benchmark datasets of many councils' figures they are compared with.

CREATE TABLE indicators (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    unit_id TEXT NOT NULL REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- percentage, number, money, days, ratio, rate-per-1000
    measure_unit TEXT NOT NULL,
    decimals BIGINT NOT NULL DEFAULT 0,
    -- higher, lower, band
    polarity TEXT NOT NULL,
    -- monthly, quarterly, annual, multi-year
    frequency TEXT NOT NULL,
    -- sum, mean, last, ratio
    aggregation TEXT NOT NULL,
    -- statutory, local
    kind TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    owner_person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    entry_person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    entry_deadline_days BIGINT NOT NULL DEFAULT 10,
    -- the CSV spelling: 'met', 'amber-within:5%', 'green-within:10%;amber-if:better-than-last-year'
    rag_rule TEXT NOT NULL,
    commentary_required BOOLEAN NOT NULL DEFAULT TRUE,
    plausible_min DOUBLE PRECISION,
    plausible_max DOUBLE PRECISION,
    baseline DOUBLE PRECISION,
    baseline_period TEXT,
    benchmark_dataset TEXT,
    benchmark_metric TEXT,
    benchmark_area TEXT,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX indicators_unit ON indicators (unit_id);

-- Every revision of every value: the period's value is its latest approved revision.
CREATE TABLE indicator_values (
    id TEXT PRIMARY KEY,
    indicator_id TEXT NOT NULL REFERENCES indicators (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- core/period's canonical text
    period TEXT NOT NULL,
    revision BIGINT NOT NULL,
    value DOUBLE PRECISION,
    numerator DOUBLE PRECISION,
    denominator DOUBLE PRECISION,
    note TEXT NOT NULL DEFAULT '',
    commentary TEXT NOT NULL DEFAULT '',
    -- draft, submitted, approved, superseded
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    entered_by TEXT NOT NULL,
    submitted_by TEXT,
    submitted_at TEXT,
    approved_by TEXT,
    approved_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (indicator_id, period, revision)
);

CREATE TABLE indicator_targets (
    id TEXT PRIMARY KEY,
    indicator_id TEXT NOT NULL REFERENCES indicators (id) DEFERRABLE INITIALLY IMMEDIATE,
    period TEXT NOT NULL,
    value DOUBLE PRECISION,
    low DOUBLE PRECISION,
    high DOUBLE PRECISION,
    profiled_from TEXT,
    profile TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (indicator_id, period)
);

-- A benchmark dataset: many councils' values for many metrics and periods, as published.
CREATE TABLE datasets (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    value_count BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE dataset_values (
    dataset_id TEXT NOT NULL REFERENCES datasets (id) DEFERRABLE INITIALLY IMMEDIATE,
    metric TEXT NOT NULL,
    -- as the dataset writes it: '2019-20', '2019/20'
    period TEXT NOT NULL,
    area_code TEXT NOT NULL,
    area_name TEXT NOT NULL DEFAULT '',
    value DOUBLE PRECISION NOT NULL,
    numerator DOUBLE PRECISION,
    denominator DOUBLE PRECISION,
    PRIMARY KEY (dataset_id, metric, period, area_code)
);

CREATE TABLE dataset_metrics (
    dataset_id TEXT NOT NULL REFERENCES datasets (id) DEFERRABLE INITIALLY IMMEDIATE,
    metric TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    -- higher, lower
    polarity TEXT NOT NULL,
    PRIMARY KEY (dataset_id, metric)
);

-- Comparator groups: a named group ('Family Group 1'), or an area's nearest neighbours
-- (kind 'neighbours', named by the area whose neighbours they are).
CREATE TABLE dataset_groups (
    dataset_id TEXT NOT NULL REFERENCES datasets (id) DEFERRABLE INITIALLY IMMEDIATE,
    kind TEXT NOT NULL,
    group_name TEXT NOT NULL,
    area_code TEXT NOT NULL,
    PRIMARY KEY (dataset_id, kind, group_name, area_code)
);
