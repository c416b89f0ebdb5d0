-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Casework's statistics feeding indicators, and the annual complaints report's self-assessment.
--
-- A feed says which indicator a statistic of the cases fills: the percentage of one target of
-- one stage of a case type met on time (numerator and denominator), or the number of cases
-- that reached a stage. `civic cases feed-indicators` (and the feed's creation) enters each
-- completed period's value as a draft, and corrects a draft or submitted one whose figures
-- changed; an approved value is left alone.
CREATE TABLE case_indicator_feeds (
    id TEXT PRIMARY KEY,
    indicator_id TEXT NOT NULL REFERENCES indicators (id) DEFERRABLE INITIALLY IMMEDIATE,
    case_type_id TEXT NOT NULL REFERENCES case_types (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- a stage of the type, and for 'on time' a target of that stage ('' for a volume)
    stage_key TEXT NOT NULL,
    target_key TEXT NOT NULL DEFAULT '',
    -- on time, volume
    measure TEXT NOT NULL,
    -- only the cases of this unit's subtree; NULL: every unit's
    unit_id TEXT REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- An indicator has one live feed: two would overwrite each other's values.
CREATE UNIQUE INDEX case_indicator_feeds_live ON case_indicator_feeds (indicator_id)
    WHERE archived_at IS NULL;

-- The council's self-assessment against the Complaint Handling Code, one per financial year
-- ("2025/26"), in Markdown, with the response of the committee that scrutinised the annual
-- complaints report (Code 8.1, 8.2).
CREATE TABLE case_self_assessments (
    id TEXT PRIMARY KEY,
    year TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    governance_response TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX case_self_assessments_year ON case_self_assessments (year);
