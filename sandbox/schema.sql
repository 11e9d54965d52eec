-- Runbook Desk sandbox target: schema.
--
-- One database that the five seed runbooks (../shared/runbooks) act on, each in the state its
-- rollback STARTS from, so that rehearsing a rollback here means the same thing it would mean in
-- production. lib/sandbox/seed.ts runs schema.sql (types, tables, keys, checks), data.sql and
-- constraints.sql (foreign keys, indexes, RLS) in one transaction on an empty database; on a seeded
-- one it refuses and changes nothing (resetSandbox drops and re-seeds).
--
-- Seed 000/001 (MarketEdge, US-6 enum migration): the US-6 migration HAS been applied, so
--   `applicationtype` holds MARKET_EDGE / CAUSAL_EDGE / VALUE_EDGE; the runbook's checks that expect
--   lowercase values pass only after its rollback. Nothing else in the schema (no other column,
--   default or view) depends on the type, so a downgrade can drop it. `invitationstatus` was not
--   part of US-6 and stays lowercase. user_application_access and user_invitations carry the FKs,
--   indexes and constraints that the backup script saves and the restore verifies.
-- Seed 002 (Vibes, UUID schema): the UUID migration HAS been applied: users, journals, tags,
--   secret_tags, reminders, audit_logs and user_sessions all have uuid keys (4,000 of the 5,000
--   users wrote journals). Pre-rollback checks run as written.
-- Seed 003 (Relay, memory schema + RLS, revision 20251019_memory_schema_rls): applied, with data
--   (its "Scenario 2"): memory_chunks with RLS enabled, policy memory_tenant_isolation and the
--   three embedding indexes the rollback drops (constraints.sql). pgvector is not available in the
--   embedded server, so the embedding is a real[] of 384 dimensions (CHECK on cardinality), and
--   the vector indexes are stand-ins with the same names and the same partial predicate (WHERE
--   embedding IS NOT NULL): a hash index for HNSW, a btree on a coarse bucket (like IVFFlat's 100
--   lists) for IVFFlat. `conversations` exists because the runbook's data-recovery check counts it.
-- Seed 004 (PFA Vanguard, ADR-008): migration 20251128000003_phase4_bidirectional_sync_infrastructure
--   HAS been applied (recorded in _prisma_migrations): pfa_write_queue and pfa_sync_conflict exist,
--   pfa_modification has the sync_status/synced_at/sync_error/pems_version columns that down.sql
--   removes, and feature flag bi_directional_sync is enabled (Partial Rollback A turns it off).
--
-- Shared objects. The seeds come from three applications that each have a `users` table; the
-- sandbox has ONE `users` table (uuid id, email, created_at, plus MarketEdge's profile columns) so
-- that every runbook's joins against users work without a search_path per runbook. Likewise one
-- alembic_version table holds the heads of the three Alembic projects (Alembic allows several
-- rows), in Alembic's own column `version_num`. Consequence worth knowing: seed 002's
-- `DROP TABLE users CASCADE` also drops the other applications' foreign keys to users.
--
-- Runbook statements that fail here, as they would in production (lib/sandbox/runbook-sql.test.ts
-- lists them and checks each fails with exactly that error):
--   000 Appendix A: DROP TYPE applicationtype fails because the backup table the appendix creates
--       first (CREATE TABLE … AS SELECT *) has a column of that type.
--   002 post-rollback checks `WHERE id = 1`: uuid = integer, until the rollback restores integer ids
--       (which is what they are meant to detect); pg_stat_statements `total_time`/`mean_time` were
--       renamed in PostgreSQL 13.
--   003 `SELECT version FROM alembic_version` (the column is version_num) and
--       `SELECT polname … FROM pg_policies` (the view's column is policyname).
--
-- Everything is created by the connecting role (superuser in the embedded cluster, so RLS does not
-- hide rows from the runbooks' counts, as for a migration owner running them in production).

-- Seed 002 queries pg_stat_statements (with the column names of PostgreSQL <= 12). Creating the
-- extension needs a superuser; on a sandbox seeded by a lesser role the view is simply absent.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
EXCEPTION WHEN insufficient_privilege OR undefined_file THEN
  RAISE NOTICE 'pg_stat_statements not created: %', SQLERRM;
END
$$;

CREATE TABLE alembic_version (
  version_num varchar(32) NOT NULL,
  CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Prisma's own bookkeeping table, exactly as `prisma migrate` creates it (seed 004).
CREATE TABLE _prisma_migrations (
  id                  varchar(36)  PRIMARY KEY NOT NULL,
  checksum            varchar(64)  NOT NULL,
  finished_at         timestamptz,
  migration_name      varchar(255) NOT NULL,
  logs                text,
  rolled_back_at      timestamptz,
  started_at          timestamptz  NOT NULL DEFAULT now(),
  applied_steps_count integer      NOT NULL DEFAULT 0
);

-- ---------------------------------------------------------------- MarketEdge (seeds 000, 001)

CREATE TYPE applicationtype AS ENUM ('MARKET_EDGE', 'CAUSAL_EDGE', 'VALUE_EDGE');
CREATE TYPE invitationstatus AS ENUM ('pending', 'accepted', 'expired', 'revoked');

CREATE TABLE organisations (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name              varchar(255) NOT NULL,
  industry          varchar(100) NOT NULL,
  subscription_plan varchar(50)  NOT NULL DEFAULT 'basic',
  is_active         boolean      NOT NULL DEFAULT true,
  created_at        timestamptz  NOT NULL DEFAULT now(),
  CONSTRAINT uq_organisations_name UNIQUE (name)
);

CREATE TABLE users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email           varchar(255) NOT NULL,
  first_name      varchar(100) NOT NULL,
  last_name       varchar(100) NOT NULL,
  role            varchar(50)  NOT NULL DEFAULT 'viewer',
  organisation_id uuid,
  is_active       boolean      NOT NULL DEFAULT true,
  created_at      timestamptz  NOT NULL DEFAULT now(),
  updated_at      timestamptz  NOT NULL DEFAULT now(),
  CONSTRAINT uq_users_email UNIQUE (email),
  CONSTRAINT ck_users_role CHECK (role IN ('super_admin', 'admin', 'analyst', 'viewer'))
);

CREATE TABLE user_application_access (
  id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  user_id     uuid            NOT NULL,
  application applicationtype NOT NULL,
  has_access  boolean         NOT NULL DEFAULT true,
  granted_at  timestamptz     NOT NULL DEFAULT now(),
  granted_by  uuid,
  CONSTRAINT uq_user_application UNIQUE (user_id, application)
);

CREATE TABLE user_invitations (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email           varchar(255)     NOT NULL,
  organisation_id uuid             NOT NULL,
  role            varchar(50)      NOT NULL DEFAULT 'viewer',
  invited_by      uuid,
  status          invitationstatus NOT NULL DEFAULT 'pending',
  token           varchar(64)      NOT NULL,
  expires_at      timestamptz      NOT NULL,
  accepted_at     timestamptz,
  created_at      timestamptz      NOT NULL DEFAULT now(),
  CONSTRAINT uq_user_invitations_token UNIQUE (token),
  CONSTRAINT ck_user_invitations_accepted CHECK ((status = 'accepted') = (accepted_at IS NOT NULL)),
  CONSTRAINT ck_user_invitations_role CHECK (role IN ('admin', 'analyst', 'viewer'))
);

-- ---------------------------------------------------------------- Vibes (seed 002), uuid state

CREATE TABLE journals (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid         NOT NULL,
  title      varchar(255) NOT NULL,
  content    text         NOT NULL,
  mood_score smallint CHECK (mood_score BETWEEN 1 AND 10),
  created_at timestamptz  NOT NULL DEFAULT now(),
  updated_at timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE tags (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  journal_id uuid        NOT NULL,
  user_id    uuid        NOT NULL,
  name       varchar(50) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT uq_tags_journal_name UNIQUE (journal_id, name)
);

CREATE TABLE secret_tags (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id        uuid        NOT NULL,
  phrase_hash    char(64)    NOT NULL,
  encrypted_name bytea       NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT uq_secret_tags_user_phrase UNIQUE (user_id, phrase_hash)
);

CREATE TABLE reminders (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid         NOT NULL,
  journal_id uuid,
  message    varchar(500) NOT NULL,
  remind_at  timestamptz  NOT NULL,
  is_active  boolean      NOT NULL DEFAULT true,
  created_at timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE audit_logs (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid,
  action      varchar(50) NOT NULL,
  entity_type varchar(50) NOT NULL,
  entity_id   uuid,
  details     jsonb       NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_sessions (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid        NOT NULL,
  token_hash char(64)    NOT NULL UNIQUE,
  ip_address inet,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);

-- ---------------------------------------------------------------- Relay (seed 003)

CREATE TABLE conversations (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid         NOT NULL,
  title      varchar(255) NOT NULL,
  created_at timestamptz  NOT NULL DEFAULT now(),
  updated_at timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE memory_chunks (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id         uuid        NOT NULL,
  conversation_id uuid        NOT NULL,
  chunk_index     integer     NOT NULL,
  content         text        NOT NULL,
  -- vector(384) in the original (pgvector); see the header
  embedding       real[] CONSTRAINT ck_memory_chunks_embedding_dims
                    CHECK (embedding IS NULL OR cardinality(embedding) = 384),
  token_count     integer     NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT uq_memory_chunks_conversation_chunk UNIQUE (conversation_id, chunk_index)
);


-- ---------------------------------------------------------------- PFA Vanguard (seed 004)

CREATE TABLE pfa_organizations (
  id         text PRIMARY KEY,
  code       varchar(20)  NOT NULL UNIQUE,
  name       varchar(255) NOT NULL,
  created_at timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE pfa_records (
  id              text PRIMARY KEY,
  organization_id text          NOT NULL,
  pfa_id          varchar(50)   NOT NULL,
  category        varchar(100)  NOT NULL,
  class           varchar(100)  NOT NULL,
  area            varchar(100)  NOT NULL,
  source          varchar(20)   NOT NULL CHECK (source IN ('Rental', 'Purchase')),
  monthly_rate    numeric(12,2),
  purchase_price  numeric(14,2),
  original_start  date          NOT NULL,
  original_end    date          NOT NULL,
  forecast_start  date          NOT NULL,
  forecast_end    date          NOT NULL,
  is_actualized   boolean       NOT NULL DEFAULT false,
  is_discontinued boolean       NOT NULL DEFAULT false,
  created_at      timestamptz   NOT NULL DEFAULT now(),
  updated_at      timestamptz   NOT NULL DEFAULT now(),
  CONSTRAINT pfa_records_organization_id_pfa_id_key UNIQUE (organization_id, pfa_id)
);

CREATE TABLE pfa_modification (
  id              text PRIMARY KEY,
  pfa_record_id   text        NOT NULL,
  organization_id text        NOT NULL,
  user_id         uuid,
  changes         jsonb       NOT NULL,
  modified_at     timestamptz NOT NULL DEFAULT now(),
  -- added by 20251128000003_phase4_bidirectional_sync_infrastructure (dropped by its down.sql)
  sync_status     varchar(20) NOT NULL DEFAULT 'pending'
                    CHECK (sync_status IN ('pending', 'queued', 'synced', 'failed', 'conflict')),
  synced_at       timestamptz,
  sync_error      text,
  pems_version    integer
);

-- created by 20251128000003_phase4_bidirectional_sync_infrastructure
CREATE TABLE pfa_write_queue (
  id              text PRIMARY KEY,
  modification_id text        NOT NULL,
  pfa_record_id   text        NOT NULL,
  organization_id text        NOT NULL,
  operation       varchar(20) NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
  payload         jsonb       NOT NULL,
  status          varchar(20) NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
  attempts        integer     NOT NULL DEFAULT 0,
  max_attempts    integer     NOT NULL DEFAULT 5,
  last_error      text,
  scheduled_at    timestamptz NOT NULL DEFAULT now(),
  processed_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pfa_sync_conflict (
  id             text PRIMARY KEY,
  pfa_record_id  text         NOT NULL,
  write_queue_id text,
  field_name     varchar(100) NOT NULL,
  local_value    jsonb,
  pems_value     jsonb,
  local_version  integer      NOT NULL,
  pems_version   integer      NOT NULL,
  resolution     varchar(20)  CHECK (resolution IN ('local_wins', 'pems_wins', 'merged')),
  resolved_by    uuid,
  resolved_at    timestamptz,
  created_at     timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE feature_flags (
  id                 integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  flag_name          varchar(100) NOT NULL UNIQUE,
  enabled            boolean      NOT NULL DEFAULT false,
  description        text,
  rollout_percentage integer      NOT NULL DEFAULT 100 CHECK (rollout_percentage BETWEEN 0 AND 100),
  updated_at         timestamptz  NOT NULL DEFAULT now()
);
