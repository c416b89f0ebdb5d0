-- Failed sign-ins per username, in the database so that every server counts the same
-- attempts. A window opens with the first failure; a success clears it.
CREATE TABLE sign_in_throttle (
    username TEXT PRIMARY KEY,
    window_start TEXT NOT NULL,
    failures BIGINT NOT NULL
);
