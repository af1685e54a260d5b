-- Bulwark's tables on H2, version 1. Applied by BulwarkSchema.migrate(DataSource), or by
-- any Flyway-compatible tool (the file name is its version). Every statement may run again:
-- instances that start together each try, and the second one changes nothing.

-- The change log: every change to a store appends one row, in the transaction that makes the change.
-- Versions are handed out by the single row of bulwark_change_counter, whose row lock is held until
-- commit, so versions are committed in increasing order and a reader that has applied every
-- version up to N can resume after N without missing one that commits later.
CREATE TABLE IF NOT EXISTS bulwark_change_counter (
  id SMALLINT PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO bulwark_change_counter (id, version)
  SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM bulwark_change_counter WHERE id = 1);

CREATE TABLE IF NOT EXISTS bulwark_change_log (
  version BIGINT PRIMARY KEY,
  -- What changed: API_KEY, TOKEN_REVOCATION, SUBJECT_REVOCATION, API_KEY_REVOCATION, ENTITY,
  -- POLICY_SET.
  kind VARCHAR(32) NOT NULL,
  -- Which item: the key id, token id, subject, entity uid (Cedar syntax) or policy-set version.
  item_key VARCHAR NOT NULL,
  changed_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- H2 has no NOTIFY: instances poll this table for versions after the last one they applied.

-- API keys: the SHA-256 digest of the secret, never the secret.
CREATE TABLE IF NOT EXISTS bulwark_api_keys (
  key_id VARCHAR(256) PRIMARY KEY,
  secret_digest VARBINARY(32) NOT NULL CHECK (OCTET_LENGTH(secret_digest) = 32),
  owner_subject VARCHAR NOT NULL,
  -- The scopes, separated by single spaces (a scope contains no space, RFC 6749 section 3.3).
  scopes VARCHAR NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE,
  revoked BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX IF NOT EXISTS bulwark_api_keys_owner ON bulwark_api_keys (owner_subject);

-- Revocations. A token's entry is needed until the token expires; purging older rows is safe.
CREATE TABLE IF NOT EXISTS bulwark_revoked_tokens (
  token_id VARCHAR(1024) PRIMARY KEY,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS bulwark_revoked_tokens_expiry ON bulwark_revoked_tokens (expires_at);

CREATE TABLE IF NOT EXISTS bulwark_revoked_subjects (
  subject VARCHAR(1024) PRIMARY KEY,
  issued_before TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE IF NOT EXISTS bulwark_revoked_api_keys (
  key_id VARCHAR(256) PRIMARY KEY,
  revoked_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Cedar entities: attributes and tags as Cedar entity JSON objects; parents as edges, so that the
-- ancestors of an entity are one recursive query.
CREATE TABLE IF NOT EXISTS bulwark_entities (
  entity_type VARCHAR(512) NOT NULL,
  entity_id VARCHAR(1024) NOT NULL,
  attributes VARCHAR NOT NULL,
  tags VARCHAR,
  PRIMARY KEY (entity_type, entity_id)
);

CREATE TABLE IF NOT EXISTS bulwark_entity_parents (
  entity_type VARCHAR(512) NOT NULL,
  entity_id VARCHAR(1024) NOT NULL,
  parent_type VARCHAR(512) NOT NULL,
  parent_id VARCHAR(1024) NOT NULL,
  PRIMARY KEY (entity_type, entity_id, parent_type, parent_id)
);
-- Finds the children of a changed group, whose ancestors change with it.
CREATE INDEX IF NOT EXISTS bulwark_entity_parents_parent
  ON bulwark_entity_parents (parent_type, parent_id);

-- Cedar policies: each set is an immutable version; one version is active at a time, chosen by
-- the single row of bulwark_active_policy_set, so activation is one atomic update.
CREATE TABLE IF NOT EXISTS bulwark_policy_sets (
  version BIGINT PRIMARY KEY,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  description VARCHAR
);

CREATE TABLE IF NOT EXISTS bulwark_policies (
  set_version BIGINT NOT NULL REFERENCES bulwark_policy_sets (version),
  policy_id VARCHAR(512) NOT NULL,
  is_template BOOLEAN NOT NULL,
  -- The policy (or template) in Cedar's text syntax, its id given by this row.
  policy_text VARCHAR NOT NULL,
  PRIMARY KEY (set_version, policy_id)
);

CREATE TABLE IF NOT EXISTS bulwark_policy_links (
  set_version BIGINT NOT NULL REFERENCES bulwark_policy_sets (version),
  link_id VARCHAR(512) NOT NULL,
  template_id VARCHAR(512) NOT NULL,
  -- The slot values, a JSON object such as {"?principal": {"type": "User", "id": "alice"}}.
  slot_values VARCHAR NOT NULL,
  PRIMARY KEY (set_version, link_id)
);

CREATE TABLE IF NOT EXISTS bulwark_active_policy_set (
  id SMALLINT PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL REFERENCES bulwark_policy_sets (version)
);

-- The decision log: one row per authentication or authorization decision.
CREATE TABLE IF NOT EXISTS bulwark_decision_log (
  decision_id UUID PRIMARY KEY,
  decided_at TIMESTAMP WITH TIME ZONE NOT NULL,
  -- AUTHENTICATION or AUTHORIZATION.
  kind VARCHAR(16) NOT NULL,
  principal VARCHAR,
  action VARCHAR,
  resource VARCHAR,
  -- ALLOW or DENY.
  decision VARCHAR(8) NOT NULL,
  -- Policy ids, separated by commas.
  determining_policies VARCHAR,
  erroring_policies VARCHAR,
  policy_set_version BIGINT,
  -- Why a credential or request was refused (for example a FailureReason name).
  reason VARCHAR,
  latency_nanos BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS bulwark_decision_log_time ON bulwark_decision_log (decided_at);
