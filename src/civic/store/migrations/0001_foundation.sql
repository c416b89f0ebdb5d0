-- The organisation register (shaped on Popolo), accounts and the audit trail.
-- Written once for SQLite and PostgreSQL: TEXT ids, ISO-8601 UTC timestamps as TEXT,
-- JSON as TEXT, BIGINT counters, BOOLEAN flags. Foreign keys are DEFERRABLE INITIALLY
-- IMMEDIATE: checked at once as usual, but a whole-database copy (civic migrate-db) can defer
-- them to COMMIT, when rows that point at each other are all there.

CREATE TABLE units (
    id TEXT PRIMARY KEY,
    parent_id TEXT REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- '/rootid/.../thisid/': the unit's place in the tree, for subtree filters
    path TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX units_parent ON units (parent_id);
CREATE INDEX units_name ON units (name);

CREATE TABLE people (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    honorific_prefix TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    unit_id TEXT REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    published BOOLEAN NOT NULL DEFAULT FALSE,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX people_name ON people (name);
CREATE INDEX people_unit ON people (unit_id);

CREATE TABLE posts (
    id TEXT PRIMARY KEY,
    unit_id TEXT NOT NULL REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    label TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    portfolio TEXT NOT NULL DEFAULT '',
    responsibilities TEXT NOT NULL DEFAULT '[]',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX posts_unit ON posts (unit_id);

CREATE TABLE memberships (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    unit_id TEXT NOT NULL REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    post_id TEXT REFERENCES posts (id) DEFERRABLE INITIALLY IMMEDIATE,
    role TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT,
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX memberships_person ON memberships (person_id);
CREATE INDEX memberships_unit ON memberships (unit_id);
CREATE INDEX memberships_post ON memberships (post_id);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    person_id TEXT REFERENCES people (id) DEFERRABLE INITIALLY IMMEDIATE,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE user_roles (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) DEFERRABLE INITIALLY IMMEDIATE,
    role TEXT NOT NULL,
    unit_id TEXT REFERENCES units (id) DEFERRABLE INITIALLY IMMEDIATE,
    created_at TEXT NOT NULL
);
CREATE INDEX user_roles_user ON user_roles (user_id);

-- Sessions and tokens are stored as SHA-256 hashes of the secret the client holds.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) DEFERRABLE INITIALLY IMMEDIATE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users (id) DEFERRABLE INITIALLY IMMEDIATE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT
);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    request_id TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
