-- A council's own changes to the working calendar of England and Wales: days it adds
-- (a local closure day, a one-off holiday not yet in the rules) and built-in bank holidays
-- it does not observe. One live change per date.
CREATE TABLE calendar_days (
    id TEXT PRIMARY KEY,
    day TEXT NOT NULL,
    name TEXT NOT NULL,
    change TEXT NOT NULL,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX calendar_days_day ON calendar_days (day);
