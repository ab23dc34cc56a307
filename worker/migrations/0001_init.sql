-- Agents who signed in; kept so inbound calls know whom to ring.
CREATE TABLE agents (
  uid INTEGER PRIMARY KEY,
  identity TEXT NOT NULL UNIQUE,
  login TEXT NOT NULL,
  name TEXT NOT NULL,
  last_token_at INTEGER
);
