-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Cases: the requests a council handles against a clock (member enquiries, complaints,
-- Ombudsman enquiries, FOI requests, its own), each of a case type and owned by a unit, whose
-- path decides who may see it. A case's due dates are never stored: they are counted from its
-- events and the calendar as it stands, so a new bank holiday moves every open deadline. Only a
-- met target keeps the due date it was judged against.
--
-- The requester's personal data lives in the columns named requester_*, on_behalf_of and
-- description, and in the bodies of the responses sent to them, read
-- only by those handling the case and administrators (every read audited), and blanked by
-- `civic cases apply-retention` once the type's retention years after closure have passed.

CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    case_type_id TEXT NOT NULL REFERENCES case_types (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- FOI-2025-0042: the type's code, the year received and the number within them
    reference TEXT NOT NULL,
    year BIGINT NOT NULL,
    number BIGINT NOT NULL,
    received_on TEXT NOT NULL,
    -- email, letter, phone, web form, in person, social media, councillor
    channel TEXT NOT NULL,
    -- councillor, councillor for a resident, resident, organisation, Ombudsman
    requester_kind TEXT NOT NULL,
    -- personal data: the councillor asking (a person in the register), the requester's name,
    -- how to reach them, and the resident a councillor asks for
    requester_person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    requester_name TEXT NOT NULL DEFAULT '',
    requester_contact TEXT NOT NULL DEFAULT '',
    on_behalf_of TEXT NOT NULL DEFAULT '',
    -- counts the changes to the personal data, so that the audit trail records that it changed
    -- without keeping it
    requester_version BIGINT NOT NULL DEFAULT 1,
    -- a short title, seen by all who may see the case: no names or addresses
    subject TEXT NOT NULL,
    -- personal data too: the request in the requester's words
    description TEXT NOT NULL DEFAULT '',
    unit_id TEXT NOT NULL REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    officer_person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- the stage the case is at (a key of its type's stages)
    stage_key TEXT NOT NULL,
    -- open or closed
    status TEXT NOT NULL,
    closed_on TEXT,
    outcome TEXT NOT NULL DEFAULT '',
    -- closed is not resolved: the day the requester's problem was put right, if it was
    resolved_on TEXT,
    remedy TEXT NOT NULL DEFAULT '',
    -- an Ombudsman's remedy: the date it must be done by
    remedy_due_on TEXT,
    lessons TEXT NOT NULL DEFAULT '',
    personal_data_destroyed_on TEXT,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX cases_reference ON cases (reference);
CREATE UNIQUE INDEX cases_number ON cases (case_type_id, year, number);
CREATE INDEX cases_unit ON cases (unit_id, status);
CREATE INDEX cases_officer ON cases (officer_person_id, status);
CREATE INDEX cases_received ON cases (received_on);

-- What happened to a case, in the order it happened: a target met, the clock stopped and
-- restarted, a clarification, an extension, an escalation, a reopening, a transfer, the
-- closure. Events are never changed; each is audited as it is written.
CREATE TABLE case_events (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- its place among the case's events (1, 2, 3, …)
    position BIGINT NOT NULL,
    -- met, stopped, restarted, clarified, extended, set, escalated, reopened, transferred, closed
    kind TEXT NOT NULL,
    on_date TEXT NOT NULL,
    stage_key TEXT NOT NULL DEFAULT '',
    target_key TEXT NOT NULL DEFAULT '',
    days BIGINT NOT NULL DEFAULT 0,
    reason TEXT NOT NULL DEFAULT '',
    -- a stop whose first and last days are disregarded too (an FOI fee notice, s10(2))
    ends_disregarded BOOLEAN NOT NULL DEFAULT FALSE,
    -- for met: the due date the target had that day, so a later calendar does not rejudge it
    due_when_met TEXT,
    -- for set: the date the target is due, given from outside (the Ombudsman's letter)
    due_on TEXT,
    -- for an extension: the day the requester was told
    told_on TEXT,
    -- for an escalation or a transfer: the officer and unit from then on
    officer_person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    unit_id TEXT REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    recorded_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX case_events_position ON case_events (case_id, position);

-- What the council sent: an acknowledgement or a response, in Markdown, for one target of one
-- stage. Writing one meets its target (a met event beside it).
CREATE TABLE case_responses (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id) DEFERRABLE INITIALLY IMMEDIATE,
    stage_key TEXT NOT NULL,
    target_key TEXT NOT NULL,
    sent_on TEXT NOT NULL,
    body TEXT NOT NULL,
    -- the officer it was sent by
    officer_person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    recorded_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX case_responses_case ON case_responses (case_id);

