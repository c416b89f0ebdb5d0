-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Targets in working hours (an ICT incident's "fixed within 4 working hours"), by priority.
-- A case type may give its cases priorities and count some targets in the office hours of
-- working days (its stages' targets carry working_hours and by_priority); a case then keeps
-- its priority and the time of day it came in, and its events the time they happened.

-- JSON: [{"key": "p1", "name": "Priority 1: critical"}]; [] for a type without priorities
ALTER TABLE case_types ADD COLUMN priorities TEXT NOT NULL DEFAULT '[]';
-- when working hours run, HH:MM on the 24-hour clock in the UK
ALTER TABLE case_types ADD COLUMN office_opens TEXT NOT NULL DEFAULT '09:00';
ALTER TABLE case_types ADD COLUMN office_closes TEXT NOT NULL DEFAULT '17:00';

-- a key of its type's priorities, or '' for a type without them
ALTER TABLE cases ADD COLUMN priority TEXT NOT NULL DEFAULT '';
-- the time of day it was received (HH:MM), where known
ALTER TABLE cases ADD COLUMN received_at TEXT;

-- the time of day the event happened (HH:MM), where recorded; a met target counted in hours
-- keeps its due time in due_when_met as YYYY-MM-DDTHH:MM
ALTER TABLE case_events ADD COLUMN at_time TEXT;
-- the time of day a response was sent (HH:MM), where recorded
ALTER TABLE case_responses ADD COLUMN sent_at TEXT;
