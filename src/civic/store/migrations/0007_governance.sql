-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Governance: bodies and their meetings, agendas with their reports and documents, attendance
-- and declarations of interest, minutes and their corrections, decisions, the action log, the
-- forward plan of key decisions, scrutiny work programmes, and the council's settings for the
-- deadlines in law. Every row names its body (a unit of kind 'body'), whose scope it follows.

-- A body is a unit of kind 'body'; this row holds what governance adds to it.
CREATE TABLE bodies (
    id TEXT PRIMARY KEY REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- council, cabinet, committee, scrutiny, audit, officer_group
    kind TEXT NOT NULL,
    -- public: its meetings are open to the public and the Local Government Act 1972's rules
    -- on notice apply; private: an officer group, seen only by its members and those whose
    -- role covers it
    access TEXT NOT NULL,
    -- its decisions are executive decisions, open to call-in
    executive BOOLEAN NOT NULL DEFAULT FALSE,
    terms_of_reference TEXT NOT NULL DEFAULT '',
    quorum BIGINT,
    -- the schedule: an RFC 5545 RRULE from a first date at a local time
    schedule_rrule TEXT,
    schedule_first_date TEXT,
    schedule_time TEXT,
    duration_minutes BIGINT NOT NULL DEFAULT 120,
    venue TEXT NOT NULL DEFAULT '',
    online_url TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    body_id TEXT NOT NULL REFERENCES bodies (id) DEFERRABLE INITIALLY IMMEDIATE,
    title TEXT NOT NULL,
    -- local date and time in Europe/London
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    duration_minutes BIGINT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    online_url TEXT NOT NULL DEFAULT '',
    -- scheduled, held, cancelled, rescheduled, adjourned
    status TEXT NOT NULL,
    status_reason TEXT NOT NULL DEFAULT '',
    -- the date the body's schedule gave, for a meeting the schedule made (one per date)
    schedule_date TEXT,
    -- bumped on every change a calendar shows (iCalendar SEQUENCE)
    sequence BIGINT NOT NULL DEFAULT 0,
    -- the agenda's publication: when, and the reason for urgency when it was late
    published_at TEXT,
    late_reason TEXT NOT NULL DEFAULT '',
    -- the 28 clear days' notice of a private meeting of the executive
    private_notice_on TEXT,
    -- none, draft, approved
    minutes_status TEXT NOT NULL DEFAULT 'none',
    minutes_approved_at_meeting_id TEXT,
    minutes_approved_on TEXT,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX meetings_body_date ON meetings (body_id, date);
CREATE INDEX meetings_date ON meetings (date);
CREATE UNIQUE INDEX meetings_schedule_date ON meetings (body_id, schedule_date);

-- Who came to a meeting, or sent apologies.
CREATE TABLE attendees (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings (id) DEFERRABLE INITIALLY IMMEDIATE,
    body_id TEXT NOT NULL REFERENCES bodies (id) DEFERRABLE INITIALLY IMMEDIATE,
    person_id TEXT NOT NULL REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- member, substitute, officer, guest
    capacity TEXT NOT NULL,
    -- present, apologies, absent
    status TEXT NOT NULL,
    substitute_for_person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    note TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX attendees_person ON attendees (meeting_id, person_id);

CREATE TABLE agenda_items (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings (id) DEFERRABLE INITIALLY IMMEDIATE,
    body_id TEXT NOT NULL REFERENCES bodies (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- 1, 2, … in the agenda's one sequence, supplements included
    number BIGINT NOT NULL,
    -- apologies, declarations, minutes, action_log for the items added automatically
    standard TEXT,
    title TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT '',
    report_title TEXT NOT NULL DEFAULT '',
    report_author TEXT NOT NULL DEFAULT '',
    report_summary TEXT NOT NULL DEFAULT '',
    recommendations TEXT NOT NULL DEFAULT '',
    -- JSON array of the people (officers and members) who present it
    presenter_ids TEXT NOT NULL DEFAULT '[]',
    -- added after the agenda was published
    supplement BOOLEAN NOT NULL DEFAULT FALSE,
    -- Schedule 12A paragraph 1 to 7, and the public-interest reason
    exempt_paragraph BIGINT,
    exempt_reason TEXT NOT NULL DEFAULT '',
    key_decision BOOLEAN NOT NULL DEFAULT FALSE,
    forward_plan_id TEXT,
    topic_id TEXT,
    -- the minutes of the item, in Markdown
    minutes_told TEXT NOT NULL DEFAULT '',
    minutes_questions TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, number);

CREATE TABLE agenda_documents (
    id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES agenda_items (id) DEFERRABLE INITIALLY IMMEDIATE,
    meeting_id TEXT NOT NULL REFERENCES meetings (id) DEFERRABLE INITIALLY IMMEDIATE,
    body_id TEXT NOT NULL REFERENCES bodies (id) DEFERRABLE INITIALLY IMMEDIATE,
    position BIGINT NOT NULL,
    -- report, appendix, background
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    exempt_paragraph BIGINT,
    exempt_reason TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX agenda_documents_item ON agenda_documents (item_id, position);

CREATE TABLE declarations (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings (id) DEFERRABLE INITIALLY IMMEDIATE,
    item_id TEXT NOT NULL REFERENCES agenda_items (id) DEFERRABLE INITIALLY IMMEDIATE,
    body_id TEXT NOT NULL REFERENCES bodies (id) DEFERRABLE INITIALLY IMMEDIATE,
    person_id TEXT NOT NULL REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- disclosable pecuniary, other registrable, non-registrable
    kind TEXT NOT NULL,
    nature TEXT NOT NULL,
    -- what the member did: left the room, stayed and did not vote, took part
    action TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX declarations_meeting ON declarations (meeting_id);

-- A correction to minutes already approved: kept beside them, never written over them.
CREATE TABLE minutes_corrections (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings (id) DEFERRABLE INITIALLY IMMEDIATE,
    item_id TEXT REFERENCES agenda_items (id) DEFERRABLE INITIALLY IMMEDIATE,
    body_id TEXT NOT NULL REFERENCES bodies (id) DEFERRABLE INITIALLY IMMEDIATE,
    text TEXT NOT NULL,
    reason TEXT NOT NULL,
    agreed_at_meeting_id TEXT REFERENCES meetings (id) DEFERRABLE INITIALLY IMMEDIATE,
    recorded_by TEXT NOT NULL,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX minutes_corrections_meeting ON minutes_corrections (meeting_id);

CREATE TABLE decisions (
    id TEXT PRIMARY KEY,
    -- the decision maker: the body, or the body an individual member's decision is made under
    body_id TEXT NOT NULL REFERENCES bodies (id) DEFERRABLE INITIALLY IMMEDIATE,
    decision_maker TEXT NOT NULL,
    meeting_id TEXT REFERENCES meetings (id) DEFERRABLE INITIALLY IMMEDIATE,
    item_id TEXT REFERENCES agenda_items (id) DEFERRABLE INITIALLY IMMEDIATE,
    decided_on TEXT NOT NULL,
    -- the day the decision notice was published: call-in counts from it
    published_on TEXT,
    title TEXT NOT NULL,
    -- the resolution: "Agreed that …"
    text TEXT NOT NULL,
    reasons TEXT NOT NULL DEFAULT '',
    options_considered TEXT NOT NULL DEFAULT '',
    key_decision BOOLEAN NOT NULL DEFAULT FALSE,
    -- an executive decision, open to call-in
    executive BOOLEAN NOT NULL DEFAULT FALSE,
    forward_plan_id TEXT,
    exempt_paragraph BIGINT,
    -- '' (not called in), called_in, upheld, referred_back
    call_in_status TEXT NOT NULL DEFAULT '',
    called_in_on TEXT,
    called_in_by TEXT NOT NULL DEFAULT '',
    call_in_reason TEXT NOT NULL DEFAULT '',
    call_in_decided_on TEXT,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX decisions_body_date ON decisions (body_id, decided_on);
CREATE INDEX decisions_meeting ON decisions (meeting_id);

CREATE TABLE actions (
    id TEXT PRIMARY KEY,
    body_id TEXT NOT NULL REFERENCES bodies (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- the meeting that agreed it, and the item
    meeting_id TEXT NOT NULL REFERENCES meetings (id) DEFERRABLE INITIALLY IMMEDIATE,
    item_id TEXT REFERENCES agenda_items (id) DEFERRABLE INITIALLY IMMEDIATE,
    text TEXT NOT NULL,
    owner_person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- the owner as the minutes name them, when not a person in the register
    owner_name TEXT NOT NULL DEFAULT '',
    due_date TEXT,
    -- open, done, cancelled
    status TEXT NOT NULL,
    closed_on TEXT,
    closed_note TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX actions_body ON actions (body_id, status);
CREATE INDEX actions_owner ON actions (owner_person_id, status);

CREATE TABLE forward_plan_entries (
    id TEXT PRIMARY KEY,
    -- the decision-making body
    body_id TEXT NOT NULL REFERENCES bodies (id) DEFERRABLE INITIALLY IMMEDIATE,
    reference TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    -- who takes it, as the notice says: "Cabinet", "Cabinet Member for Finance"
    decision_maker TEXT NOT NULL,
    lead_member_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    lead_officer_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- when it is to be taken: a date, or a meeting
    planned_on TEXT,
    meeting_id TEXT REFERENCES meetings (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- the day it first appeared on the published forward plan
    first_published_on TEXT,
    key_decision BOOLEAN NOT NULL DEFAULT TRUE,
    exempt_paragraph BIGINT,
    exempt_reason TEXT NOT NULL DEFAULT '',
    -- '' (28 clear days' notice), general_exception, special_urgency
    exception TEXT NOT NULL DEFAULT '',
    exception_reason TEXT NOT NULL DEFAULT '',
    -- the scrutiny chair told (general exception) or agreeing (special urgency), and when
    scrutiny_chair TEXT NOT NULL DEFAULT '',
    scrutiny_chair_on TEXT,
    -- planned, taken, deferred, withdrawn
    status TEXT NOT NULL,
    decision_id TEXT REFERENCES decisions (id) DEFERRABLE INITIALLY IMMEDIATE,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX forward_plan_reference ON forward_plan_entries (reference);

CREATE TABLE work_programme_topics (
    id TEXT PRIMARY KEY,
    -- the scrutiny panel
    body_id TEXT NOT NULL REFERENCES bodies (id) DEFERRABLE INITIALLY IMMEDIATE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- JSON arrays of people and of meetings
    lead_member_ids TEXT NOT NULL DEFAULT '[]',
    meeting_ids TEXT NOT NULL DEFAULT '[]',
    -- proposed, scheduled, in_progress, completed, dropped
    status TEXT NOT NULL,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX work_programme_body ON work_programme_topics (body_id);

-- The council's settings for the deadlines in law: at most one row, made (and audited) the
-- first time an administrator changes them; until then the defaults below hold.
CREATE TABLE governance_settings (
    id TEXT PRIMARY KEY,
    publication_clear_days BIGINT NOT NULL DEFAULT 5,
    forward_plan_clear_days BIGINT NOT NULL DEFAULT 28,
    private_notice_clear_days BIGINT NOT NULL DEFAULT 28,
    call_in_working_days BIGINT NOT NULL DEFAULT 5,
    -- working: clear days leave out weekends and bank holidays; calendar: every day counts
    clear_days TEXT NOT NULL DEFAULT 'working',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
