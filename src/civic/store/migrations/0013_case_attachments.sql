-- SPDX-License-Identifier: AGPL-3.0-or-later
-- The files sent with a response (the disclosed spreadsheet, a letter as a PDF, a photo), in
-- the order attached. Like the response's body they are the requester's personal data: read
-- only by those handling the case and administrators (every download audited; the audit trail
-- keeps their number and sizes, never their names or bytes), and emptied by
-- `civic cases apply-retention` with the rest of the case's personal data, keeping the media
-- type and size so that what was sent can still be counted.
--
-- The bytes are kept as base64 text, so that SQLite and PostgreSQL store them alike, without
-- binary parameters.

CREATE TABLE case_attachments (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id) DEFERRABLE INITIALLY IMMEDIATE,
    response_id TEXT NOT NULL REFERENCES case_responses (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- its place among the response's files (1, 2, 3, …)
    position BIGINT NOT NULL,
    -- personal data: the name the file was sent with ("" once removed)
    file_name TEXT NOT NULL,
    -- one of the types Civic keeps (docs/cases.md, Attachments): application/pdf, image/png, …
    media_type TEXT NOT NULL,
    -- the size of the file itself, not of its base64
    size_bytes BIGINT NOT NULL,
    -- personal data: the file's bytes in base64 ("" once removed)
    content TEXT NOT NULL,
    -- the day the retention rule removed its name and bytes
    removed_on TEXT,
    recorded_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX case_attachments_position ON case_attachments (response_id, position);
CREATE INDEX case_attachments_case ON case_attachments (case_id);
