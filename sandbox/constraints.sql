-- Runbook Desk sandbox target: foreign keys, secondary indexes and row-level security.
--
-- Runs after data.sql in the same transaction, in the order pg_dump uses (pre-data, data,
-- post-data): validating each foreign key with one join and building each index once is about
-- twice as fast as maintaining them row by row, which keeps the whole seed well under 5 s.
-- Constraint and index names are the ones the seed runbooks and their backups refer to.

-- ---------------------------------------------------------------- MarketEdge (seeds 000, 001)

ALTER TABLE users ADD CONSTRAINT users_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE SET NULL;
CREATE INDEX ix_users_organisation_id ON users (organisation_id);
CREATE INDEX ix_users_created_at ON users (created_at);
ALTER TABLE user_application_access ADD CONSTRAINT fk_user_application_access_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE user_application_access ADD CONSTRAINT fk_user_application_access_granted_by FOREIGN KEY (granted_by) REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX ix_user_application_access_user_id ON user_application_access (user_id);
CREATE INDEX ix_user_application_access_application ON user_application_access (application);
ALTER TABLE user_invitations ADD CONSTRAINT fk_user_invitations_organisation_id FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE;
ALTER TABLE user_invitations ADD CONSTRAINT fk_user_invitations_invited_by FOREIGN KEY (invited_by) REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX ix_user_invitations_email ON user_invitations (email);
CREATE INDEX ix_user_invitations_status ON user_invitations (status);
CREATE INDEX ix_user_invitations_organisation_id ON user_invitations (organisation_id);

-- ---------------------------------------------------------------- Vibes (seed 002)

ALTER TABLE journals ADD CONSTRAINT journals_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX ix_journals_user_id ON journals (user_id);
CREATE INDEX ix_journals_created_at ON journals (created_at);
ALTER TABLE tags ADD CONSTRAINT tags_journal_id_fkey FOREIGN KEY (journal_id) REFERENCES journals (id) ON DELETE CASCADE;
ALTER TABLE tags ADD CONSTRAINT tags_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX ix_tags_user_id_name ON tags (user_id, name);
ALTER TABLE secret_tags ADD CONSTRAINT secret_tags_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE reminders ADD CONSTRAINT reminders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE reminders ADD CONSTRAINT reminders_journal_id_fkey FOREIGN KEY (journal_id) REFERENCES journals (id) ON DELETE SET NULL;
CREATE INDEX ix_reminders_due ON reminders (remind_at) WHERE is_active;
ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX ix_audit_logs_user_created ON audit_logs (user_id, created_at);
ALTER TABLE user_sessions ADD CONSTRAINT user_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX ix_user_sessions_user_id ON user_sessions (user_id);

-- ---------------------------------------------------------------- Relay (seed 003)

ALTER TABLE conversations ADD CONSTRAINT conversations_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX ix_conversations_user_id ON conversations (user_id);
ALTER TABLE memory_chunks ADD CONSTRAINT memory_chunks_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE memory_chunks ADD CONSTRAINT memory_chunks_conversation_id_fkey FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE;
-- Stand-ins for the pgvector indexes (see schema.sql): same names, same partial predicate.
CREATE INDEX idx_memory_chunks_embedding_hnsw
  ON memory_chunks USING hash (embedding) WHERE embedding IS NOT NULL;
CREATE INDEX idx_memory_chunks_embedding_ivfflat
  ON memory_chunks (width_bucket(embedding[1]::float8, -1.0, 1.0, 100)) WHERE embedding IS NOT NULL;
CREATE INDEX idx_memory_chunks_user_embedding
  ON memory_chunks (user_id, created_at DESC) WHERE embedding IS NOT NULL;
-- Tenant isolation: a session sees only the chunks of app.current_user_id. The table owner and
-- superusers bypass it (not FORCEd), as the migration owner running the runbook's checks does.
ALTER TABLE memory_chunks ENABLE ROW LEVEL SECURITY;
CREATE POLICY memory_tenant_isolation ON memory_chunks
  USING (user_id = NULLIF(current_setting('app.current_user_id', true), '')::uuid)
  WITH CHECK (user_id = NULLIF(current_setting('app.current_user_id', true), '')::uuid);

-- ---------------------------------------------------------------- PFA Vanguard (seed 004)

ALTER TABLE pfa_records ADD CONSTRAINT pfa_records_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES pfa_organizations (id);
CREATE INDEX pfa_records_organization_id_category_idx ON pfa_records (organization_id, category);
ALTER TABLE pfa_modification ADD CONSTRAINT pfa_modification_pfa_record_id_fkey FOREIGN KEY (pfa_record_id) REFERENCES pfa_records (id) ON DELETE CASCADE;
ALTER TABLE pfa_modification ADD CONSTRAINT pfa_modification_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES pfa_organizations (id);
ALTER TABLE pfa_modification ADD CONSTRAINT pfa_modification_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX pfa_modification_pfa_record_id_idx ON pfa_modification (pfa_record_id);
CREATE INDEX pfa_modification_sync_status_idx ON pfa_modification (sync_status);
ALTER TABLE pfa_write_queue ADD CONSTRAINT pfa_write_queue_modification_id_fkey FOREIGN KEY (modification_id) REFERENCES pfa_modification (id) ON DELETE CASCADE;
ALTER TABLE pfa_write_queue ADD CONSTRAINT pfa_write_queue_pfa_record_id_fkey FOREIGN KEY (pfa_record_id) REFERENCES pfa_records (id) ON DELETE CASCADE;
ALTER TABLE pfa_write_queue ADD CONSTRAINT pfa_write_queue_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES pfa_organizations (id);
CREATE INDEX pfa_write_queue_status_scheduled_at_idx ON pfa_write_queue (status, scheduled_at);
ALTER TABLE pfa_sync_conflict ADD CONSTRAINT pfa_sync_conflict_pfa_record_id_fkey FOREIGN KEY (pfa_record_id) REFERENCES pfa_records (id) ON DELETE CASCADE;
ALTER TABLE pfa_sync_conflict ADD CONSTRAINT pfa_sync_conflict_write_queue_id_fkey FOREIGN KEY (write_queue_id) REFERENCES pfa_write_queue (id) ON DELETE SET NULL;
ALTER TABLE pfa_sync_conflict ADD CONSTRAINT pfa_sync_conflict_resolved_by_fkey FOREIGN KEY (resolved_by) REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX pfa_sync_conflict_pfa_record_id_idx ON pfa_sync_conflict (pfa_record_id);

-- pgvector keeps no statistics on vector columns; sampling 384-element arrays would take longer
-- than the rest of ANALYZE together (seed.ts analyzes every table after the commit).
ALTER TABLE memory_chunks ALTER COLUMN embedding SET STATISTICS 0;
