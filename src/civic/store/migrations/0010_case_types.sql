-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Case types: the kinds of request a council handles (member enquiries, complaints, Ombudsman
-- enquiries, FOI and EIR requests, its own), each with its stages and their targets in working
-- days, the calendar it counts on, and how long a closed case keeps its requester's personal
-- data. Civic starts a council with the defaults of cases/rules.cpp; the council changes them.
CREATE TABLE case_types (
    id TEXT PRIMARY KEY,
    -- FOI: the start of each case's reference (FOI-2025-0042); unique among live types
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    -- member enquiry, complaint, ombudsman, foi, eir, own
    kind TEXT NOT NULL,
    -- council (England and Wales's bank holidays and the council's days) or uk (any part of
    -- the United Kingdom's, as FOI section 10(6) counts)
    calendar TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- JSON: [{"key", "name", "targets": [{"key", "label", "working_days", "counts_from",
    -- "extension_limit"}]}]
    stages TEXT NOT NULL,
    -- a later stage (a complaint's stage 2) is handled by another officer than the one before
    later_stage_by_another_officer BOOLEAN NOT NULL DEFAULT FALSE,
    -- years after closure when the requester's personal data is destroyed
    retention_years BIGINT NOT NULL DEFAULT 6,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX case_types_live_code ON case_types (code) WHERE archived_at IS NULL;
