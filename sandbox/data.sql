-- Runbook Desk sandbox target: data (runs after schema.sql, in the same transaction).
--
-- Deterministic: every value derives from generate_series ordinals (md5 of a label for ids
-- and tokens, modular arithmetic for choices, fixed timestamps), never random()
-- or now(), so two seeds produce identical rows and a restored backup can be compared with a fresh
-- seed. Helper functions live in pg_temp and vanish with the session; their bodies use only
-- immutable operators (hence the explicit ::text) so that the planner inlines them — a function
-- call per row would triple the seed time.

CREATE FUNCTION pg_temp.uid(kind text, n bigint) RETURNS uuid
  LANGUAGE sql IMMUTABLE AS $$ SELECT md5(kind || ':' || n::text)::uuid $$;
CREATE FUNCTION pg_temp.hex64(kind text, n bigint) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT md5(kind || ':' || n::text) || md5(n::text || ':' || kind) $$;
-- Vibes: journal j belongs to one of the first 4,000 users (the rest never wrote one).
CREATE FUNCTION pg_temp.journal_user(j bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS $$ SELECT 1 + (j * 7) % 4000 $$;
-- Relay: conversation c belongs to one of the first 1,500 users.
CREATE FUNCTION pg_temp.conversation_user(c bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS $$ SELECT 1 + (c * 29) % 1500 $$;
-- PFA: record n belongs to organization 1 + n % 6; modification m edits record 1 + (m * 3) % 20000.
CREATE FUNCTION pg_temp.pfa_org(n bigint) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
    SELECT (ARRAY['org-rio', 'org-pmk', 'org-hou', 'org-bne', 'org-per', 'org-syd'])[1 + n % 6] $$;
CREATE FUNCTION pg_temp.pfa_rec(n bigint) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT 'c' || substr(md5('pfa_record:' || n::text), 1, 24) $$;
CREATE FUNCTION pg_temp.pfa_mod_rec(m bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS $$ SELECT 1 + (m * 3) % 20000 $$;
CREATE FUNCTION pg_temp.pfa_id(kind text, n bigint) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT 'c' || substr(md5(kind || ':' || n::text), 1, 24) $$;
-- Sync state of modification m: 70 % synced, then pending, queued, failed, conflict.
CREATE FUNCTION pg_temp.sync_status(m bigint) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN m % 20 < 14 THEN 'synced' WHEN m % 20 < 17 THEN 'pending'
                WHEN m % 20 = 17 THEN 'queued' WHEN m % 20 = 18 THEN 'failed' ELSE 'conflict' END $$;

-- ---------------------------------------------------------------- MarketEdge (seeds 000, 001)

INSERT INTO organisations (id, name, industry, subscription_plan, is_active, created_at)
SELECT pg_temp.uid('org', o),
       CASE WHEN o = 1 THEN 'Zebra Associates'
            ELSE (ARRAY['Northwind', 'Bluebird', 'Granite', 'Harbour', 'Kestrel', 'Meridian', 'Oakridge'])[1 + o % 7]
                 || ' ' || (ARRAY['Cinemas', 'Hotels', 'Gyms', 'Retail', 'Leisure', 'Analytics', 'Group'])[1 + (o / 7) % 7]
                 || ' ' || o END,
       (ARRAY['cinema', 'hotel', 'gym', 'retail', 'b2b', 'consultancy'])[1 + o % 6],
       (ARRAY['basic', 'professional', 'enterprise'])[1 + o % 3],
       o % 17 <> 0,
       timestamptz '2022-06-01 09:00:00+00' + o * interval '5 days'
FROM generate_series(1, 50) AS o;

INSERT INTO users (id, email, first_name, last_name, role, organisation_id, is_active, created_at, updated_at)
SELECT pg_temp.uid('user', n),
       CASE WHEN n = 1 THEN 'matt.lindop@zebra.associates'
            ELSE lower(fn || '.' || ln || n || '@' || (ARRAY['example.com', 'example.org', 'example.net', 'mail.test'])[1 + n % 4]) END,
       CASE WHEN n = 1 THEN 'Matt' ELSE fn END,
       CASE WHEN n = 1 THEN 'Lindop' ELSE ln END,
       CASE WHEN n = 1 THEN 'super_admin' WHEN n % 50 = 0 THEN 'admin' WHEN n % 7 = 0 THEN 'analyst' ELSE 'viewer' END,
       pg_temp.uid('org', 1 + (n - 1) % 50),
       n % 23 <> 0,
       timestamptz '2023-01-02 08:00:00+00' + n * interval '4 hours 47 minutes',
       timestamptz '2023-01-02 08:00:00+00' + n * interval '4 hours 47 minutes' + (n % 90) * interval '1 day'
FROM generate_series(1, 5000) AS n,
     LATERAL (SELECT (ARRAY['Alice', 'Bilal', 'Chen', 'Dora', 'Emeka', 'Farah', 'Goran', 'Hana', 'Ivan', 'Jade',
                            'Kofi', 'Lena', 'Mateo', 'Nia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara'])[1 + n % 20] AS fn,
                     (ARRAY['Smith', 'Okafor', 'Nakamura', 'Garcia', 'Novak', 'Haddad', 'Kowalski', 'Silva',
                            'Jensen', 'Murphy', 'Rossi', 'Fischer', 'Dubois', 'Patel', 'Ahmed'])[1 + (n / 20) % 15] AS ln) AS names;

-- Every user has MARKET_EDGE unless n % 10 = 3; CAUSAL_EDGE for two in three; VALUE_EDGE for three in five.
INSERT INTO user_application_access (user_id, application, has_access, granted_at, granted_by)
SELECT pg_temp.uid('user', n),
       app,
       (n + k) % 17 <> 0,
       timestamptz '2023-01-02 08:00:00+00' + n * interval '4 hours 47 minutes' + k * interval '1 day',
       CASE WHEN n = 1 THEN NULL ELSE pg_temp.uid('user', 1) END
FROM generate_series(1, 5000) AS n,
     (VALUES (1, 'MARKET_EDGE'::applicationtype), (2, 'CAUSAL_EDGE'), (3, 'VALUE_EDGE')) AS a (k, app)
WHERE (k = 1 AND n % 10 <> 3) OR (k = 2 AND n % 3 <> 0) OR (k = 3 AND n % 5 < 3);

INSERT INTO user_invitations (id, email, organisation_id, role, invited_by, status, token, expires_at, accepted_at, created_at)
SELECT pg_temp.uid('invitation', i),
       'invitee' || i || '@' || (ARRAY['example.com', 'example.org', 'example.net'])[1 + i % 3],
       pg_temp.uid('org', 1 + (i - 1) % 50),
       (ARRAY['viewer', 'viewer', 'analyst', 'admin'])[1 + i % 4],
       pg_temp.uid('user', 1 + (i * 37) % 5000),
       st,
       pg_temp.hex64('invitation', i),
       created + interval '7 days',
       CASE WHEN st = 'accepted' THEN created + (1 + i % 5) * interval '1 day' END,
       created
FROM generate_series(1, 1500) AS i,
     LATERAL (SELECT (CASE WHEN i % 10 < 5 THEN 'accepted' WHEN i % 10 < 7 THEN 'pending'
                           WHEN i % 10 < 9 THEN 'expired' ELSE 'revoked' END)::invitationstatus AS st,
                     timestamptz '2024-03-01 10:00:00+00' + i * interval '8 hours 11 minutes' AS created) AS v;

-- ---------------------------------------------------------------- Vibes (seed 002)

INSERT INTO journals (id, user_id, title, content, mood_score, created_at, updated_at)
SELECT pg_temp.uid('journal', j),
       pg_temp.uid('user', pg_temp.journal_user(j)),
       (ARRAY['Morning pages', 'Gratitude', 'Work retro', 'Weekend', 'Evening reflection', 'Run log',
              'Reading notes', 'Dream journal'])[1 + j % 8] || ' #' || (1 + j / 4000),
       'Entry ' || j || ': ' || repeat((ARRAY['Slept well and felt focused. ', 'Long day, lots of meetings. ',
              'Walked by the river after lunch. ', 'Tried a new recipe tonight. '])[1 + j % 4], 1 + j % 5),
       1 + j % 10,
       timestamptz '2024-01-01 06:00:00+00' + j * interval '31 minutes',
       timestamptz '2024-01-01 06:00:00+00' + j * interval '31 minutes' + (j % 3) * interval '2 hours'
FROM generate_series(1, 20000) AS j;

-- One or two tags per journal (30,000).
INSERT INTO tags (id, journal_id, user_id, name, created_at)
SELECT pg_temp.uid('tag', j * 2 + t),
       pg_temp.uid('journal', j),
       pg_temp.uid('user', pg_temp.journal_user(j)),
       (ARRAY['work', 'family', 'health', 'sleep', 'travel', 'books', 'running', 'food', 'friends',
              'ideas', 'money', 'mood'])[1 + (j + t * 5) % 12],
       timestamptz '2024-01-01 06:00:00+00' + j * interval '31 minutes' + interval '1 minute'
FROM generate_series(1, 20000) AS j, generate_series(0, 1) AS t
WHERE t = 0 OR j % 2 = 0;

INSERT INTO secret_tags (id, user_id, phrase_hash, encrypted_name, created_at)
SELECT pg_temp.uid('secret_tag', s),
       pg_temp.uid('user', pg_temp.journal_user(s * 3)),
       pg_temp.hex64('secret_phrase', s),
       decode(md5('secret_name:' || s) || md5('secret_iv:' || s), 'hex'),
       timestamptz '2024-02-01 00:00:00+00' + s * interval '3 hours'
FROM generate_series(1, 2000) AS s;

INSERT INTO reminders (id, user_id, journal_id, message, remind_at, is_active, created_at)
SELECT pg_temp.uid('reminder', r),
       pg_temp.uid('user', pg_temp.journal_user(r * 5)),
       CASE WHEN r % 3 = 0 THEN NULL ELSE pg_temp.uid('journal', r * 5) END,
       (ARRAY['Write tonight', 'Revisit this entry', 'Weekly review', 'Check in on mood'])[1 + r % 4],
       timestamptz '2025-06-01 19:00:00+00' + r * interval '2 hours',
       r % 4 <> 0,
       timestamptz '2025-05-01 12:00:00+00' + r * interval '1 hour'
FROM generate_series(1, 3000) AS r;

INSERT INTO audit_logs (id, user_id, action, entity_type, entity_id, details, created_at)
SELECT pg_temp.uid('audit', a),
       CASE WHEN a % 50 = 0 THEN NULL ELSE pg_temp.uid('user', pg_temp.journal_user(1 + a % 20000)) END,
       (ARRAY['journal.create', 'journal.update', 'journal.delete', 'tag.add', 'user.login', 'user.logout'])[1 + a % 6],
       CASE WHEN a % 6 >= 4 THEN 'user' WHEN a % 6 = 3 THEN 'tag' ELSE 'journal' END,
       pg_temp.uid('journal', 1 + a % 20000),
       jsonb_build_object('ip', '10.' || a % 250 || '.' || (a / 250) % 250 || '.' || 1 + a % 200,
                          'client', (ARRAY['ios', 'android', 'web'])[1 + a % 3]),
       timestamptz '2024-01-01 06:05:00+00' + a * interval '25 minutes'
FROM generate_series(1, 25000) AS a;

INSERT INTO user_sessions (id, user_id, token_hash, ip_address, user_agent, created_at, expires_at, revoked_at)
SELECT pg_temp.uid('session', s),
       pg_temp.uid('user', 1 + (s * 17) % 5000),
       pg_temp.hex64('session', s),
       ('10.' || s % 250 || '.' || (s / 250) % 250 || '.' || 1 + s % 200)::inet,
       (ARRAY['Vibes/3.2 iOS', 'Vibes/3.2 Android', 'Mozilla/5.0 (X11; Linux x86_64)'])[1 + s % 3],
       timestamptz '2025-09-01 00:00:00+00' + s * interval '13 minutes',
       timestamptz '2025-09-01 00:00:00+00' + s * interval '13 minutes' + interval '30 days',
       CASE WHEN s % 9 = 0 THEN timestamptz '2025-09-01 00:00:00+00' + s * interval '13 minutes' + interval '2 days' END
FROM generate_series(1, 8000) AS s;

-- ---------------------------------------------------------------- Relay (seed 003)

INSERT INTO conversations (id, user_id, title, created_at, updated_at)
SELECT pg_temp.uid('conversation', c),
       pg_temp.uid('user', pg_temp.conversation_user(c)),
       (ARRAY['Trip planning', 'Quarterly report draft', 'Recipe ideas', 'Debugging session', 'Book club notes'])[1 + c % 5]
         || ' ' || c,
       timestamptz '2025-10-19 12:00:00+00' + c * interval '17 minutes',
       timestamptz '2025-10-19 12:00:00+00' + c * interval '17 minutes' + interval '40 minutes'
FROM generate_series(1, 2000) AS c;

-- Five chunks per conversation; one chunk in ten is still waiting for its embedding (NULL), which
-- the partial indexes skip. Embeddings come from a pool of 1,009 distinct 384-dimension vectors
-- (components are sin() of the ordinals: deterministic, in [-1, 1]); computing 10,000 of them
-- would cost seconds for no benefit.
CREATE TEMP TABLE embedding_pool ON COMMIT DROP AS
SELECT k, array_agg(sin(k * 0.7071 + d * 1.618)::real ORDER BY d) AS embedding
FROM generate_series(0, 1008) AS k, generate_series(1, 384) AS d
GROUP BY k;

INSERT INTO memory_chunks (id, user_id, conversation_id, chunk_index, content, embedding, token_count, created_at)
SELECT pg_temp.uid('memory_chunk', m),
       pg_temp.uid('user', pg_temp.conversation_user(c)),
       pg_temp.uid('conversation', c),
       (m - 1) % 5,
       'Chunk ' || (m - 1) % 5 || ' of conversation ' || c || ': '
         || (ARRAY['user prefers concise answers', 'mentioned a deadline on Friday', 'asked about flights to Lisbon',
                   'shared a stack trace from the billing service', 'likes vegetarian recipes'])[1 + c % 5],
       CASE WHEN m % 10 = 0 THEN NULL ELSE pool.embedding END,
       40 + (m * 13) % 400,
       timestamptz '2025-10-19 12:00:00+00' + c * interval '17 minutes' + ((m - 1) % 5) * interval '1 minute'
FROM generate_series(1, 10000) AS m
     CROSS JOIN LATERAL (SELECT 1 + (m - 1) / 5 AS c) AS conv
     JOIN embedding_pool AS pool ON pool.k = m % 1009;

-- ---------------------------------------------------------------- PFA Vanguard (seed 004)

INSERT INTO pfa_organizations (id, code, name, created_at) VALUES
  ('org-rio', 'RIO', 'Rio Expansion Project', '2024-05-01 00:00:00+00'),
  ('org-pmk', 'PMK', 'Port Makassar Terminal', '2024-05-02 00:00:00+00'),
  ('org-hou', 'HOU', 'Houston Refinery Turnaround', '2024-05-03 00:00:00+00'),
  ('org-bne', 'BNE', 'Brisbane Cross River Rail', '2024-05-04 00:00:00+00'),
  ('org-per', 'PER', 'Perth Desalination Plant', '2024-05-05 00:00:00+00'),
  ('org-syd', 'SYD', 'Sydney Metro West', '2024-05-06 00:00:00+00');

INSERT INTO pfa_records (id, organization_id, pfa_id, category, class, area, source, monthly_rate, purchase_price,
                         original_start, original_end, forecast_start, forecast_end, is_actualized, is_discontinued,
                         created_at, updated_at)
SELECT pg_temp.pfa_rec(n),
       pg_temp.pfa_org(n),
       'PFA-' || lpad(n::text, 6, '0'),
       (ARRAY['Equipment', 'Vehicles', 'Scaffolding', 'Cranes', 'Generators', 'Site Facilities'])[1 + n % 6],
       (ARRAY['Class A', 'Class B', 'Class C', 'Class D'])[1 + (n / 6) % 4],
       (ARRAY['North Yard', 'South Yard', 'Process Area', 'Utilities', 'Marine'])[1 + n % 5],
       CASE WHEN n % 4 = 0 THEN 'Purchase' ELSE 'Rental' END,
       CASE WHEN n % 4 = 0 THEN NULL ELSE (800 + (n * 37) % 12000)::numeric(12,2) END,
       CASE WHEN n % 4 = 0 THEN (15000 + (n * 101) % 400000)::numeric(14,2) END,
       date '2025-01-01' + n % 300,
       date '2025-01-01' + n % 300 + 30 + n % 240,
       date '2025-01-01' + n % 300 + (n % 7) * 3,
       date '2025-01-01' + n % 300 + 30 + n % 240 + (n % 11) * 5,
       n % 300 < 200,
       n % 97 = 0,
       timestamptz '2024-06-01 00:00:00+00' + n * interval '19 minutes',
       timestamptz '2025-11-01 00:00:00+00' + n * interval '1 minute'
FROM generate_series(1, 20000) AS n;

INSERT INTO pfa_modification (id, pfa_record_id, organization_id, user_id, changes, modified_at,
                              sync_status, synced_at, sync_error, pems_version)
SELECT pg_temp.pfa_id('pfa_modification', m),
       pg_temp.pfa_rec(pg_temp.pfa_mod_rec(m)),
       pg_temp.pfa_org(pg_temp.pfa_mod_rec(m)),
       pg_temp.uid('user', 1 + (m * 41) % 200),
       jsonb_build_object('field', (ARRAY['forecast_start', 'forecast_end', 'monthly_rate', 'is_discontinued'])[1 + m % 4],
                          'from', m % 1000, 'to', m % 1000 + 1 + m % 30),
       ts,
       pg_temp.sync_status(m),
       CASE WHEN pg_temp.sync_status(m) = 'synced' THEN ts + interval '45 seconds' END,
       CASE WHEN pg_temp.sync_status(m) = 'failed' THEN 'PEMS API 503: upstream timeout after 30000ms' END,
       CASE WHEN pg_temp.sync_status(m) IN ('synced', 'conflict') THEN 1 + m % 9 END
FROM generate_series(1, 8000) AS m,
     LATERAL (SELECT timestamptz '2025-11-28 09:00:00+00' + m * interval '7 seconds' AS ts) AS t;

-- Every unsynced modification has a queue entry, and so do the last 1,000 synced ones (completed).
INSERT INTO pfa_write_queue (id, modification_id, pfa_record_id, organization_id, operation, payload, status,
                             attempts, last_error, scheduled_at, processed_at, created_at)
SELECT pg_temp.pfa_id('pfa_write_queue', m),
       pg_temp.pfa_id('pfa_modification', m),
       pg_temp.pfa_rec(pg_temp.pfa_mod_rec(m)),
       pg_temp.pfa_org(pg_temp.pfa_mod_rec(m)),
       CASE WHEN m % 50 = 0 THEN 'create' ELSE 'update' END,
       jsonb_build_object('modificationId', pg_temp.pfa_id('pfa_modification', m), 'version', 1 + m % 9),
       CASE pg_temp.sync_status(m) WHEN 'synced' THEN 'completed' WHEN 'pending' THEN 'pending'
                                   WHEN 'queued' THEN 'processing' ELSE 'failed' END,
       CASE pg_temp.sync_status(m) WHEN 'synced' THEN 1 WHEN 'pending' THEN 0 WHEN 'queued' THEN 1 ELSE 5 END,
       CASE pg_temp.sync_status(m) WHEN 'failed' THEN 'PEMS API 503: upstream timeout after 30000ms'
                                   WHEN 'conflict' THEN 'version conflict: PEMS has a newer revision' END,
       ts + interval '5 seconds',
       CASE WHEN pg_temp.sync_status(m) = 'synced' THEN ts + interval '45 seconds' END,
       ts + interval '1 second'
FROM generate_series(1, 8000) AS m,
     LATERAL (SELECT timestamptz '2025-11-28 09:00:00+00' + m * interval '7 seconds' AS ts) AS t
WHERE pg_temp.sync_status(m) <> 'synced' OR m > 7000;

INSERT INTO pfa_sync_conflict (id, pfa_record_id, write_queue_id, field_name, local_value, pems_value,
                               local_version, pems_version, resolution, resolved_by, resolved_at, created_at)
SELECT pg_temp.pfa_id('pfa_sync_conflict', m),
       pg_temp.pfa_rec(pg_temp.pfa_mod_rec(m)),
       pg_temp.pfa_id('pfa_write_queue', m),
       (ARRAY['forecast_start', 'forecast_end', 'monthly_rate', 'is_discontinued'])[1 + m % 4],
       to_jsonb(m % 1000 + 1), to_jsonb(m % 1000 + 2),
       1 + m % 9, 2 + m % 9,
       CASE WHEN m % 3 = 0 THEN 'pems_wins' END,
       CASE WHEN m % 3 = 0 THEN pg_temp.uid('user', 1 + (m * 41) % 200) END,
       CASE WHEN m % 3 = 0 THEN timestamptz '2025-11-28 12:00:00+00' + m * interval '1 second' END,
       timestamptz '2025-11-28 09:00:00+00' + m * interval '7 seconds' + interval '50 seconds'
FROM generate_series(1, 8000) AS m
WHERE pg_temp.sync_status(m) = 'conflict';

INSERT INTO feature_flags (flag_name, enabled, description, rollout_percentage, updated_at) VALUES
  ('bi_directional_sync', true, 'ADR-008: write PFA modifications back to PEMS', 100, '2025-11-28 08:30:00+00'),
  ('pems_write_queue_worker', true, 'ADR-008: process pfa_write_queue', 100, '2025-11-28 08:30:00+00'),
  ('sync_conflict_ui', true, 'ADR-008: conflict resolution screen', 50, '2025-11-28 08:30:00+00'),
  ('pems_read_sync', true, 'Nightly PEMS import', 100, '2025-03-02 00:00:00+00'),
  ('csv_export', true, 'Export filtered PFA data as CSV', 100, '2025-02-10 00:00:00+00'),
  ('timeline_view', true, 'Gantt-style forecast timeline', 100, '2025-04-18 00:00:00+00'),
  ('bulk_edit', true, 'Edit many PFA records at once', 100, '2025-06-05 00:00:00+00'),
  ('ai_forecast_assist', false, 'Suggest forecast dates', 0, '2025-09-30 00:00:00+00'),
  ('audit_trail_v2', false, 'New audit log viewer', 10, '2025-10-12 00:00:00+00'),
  ('dark_mode', true, 'UI theme', 100, '2025-01-20 00:00:00+00'),
  ('org_switcher', true, 'Switch organization without logging out', 100, '2025-05-14 00:00:00+00'),
  ('maintenance_banner', false, 'Show the maintenance banner', 100, '2025-11-01 00:00:00+00');

-- ---------------------------------------------------------------- migration bookkeeping

-- Heads of the three Alembic projects (see schema.sql).
INSERT INTO alembic_version (version_num) VALUES
  ('043_uppercase_applicationtype'),  -- MarketEdge US-6 (seed 000/001: downgrade -1 reverts it)
  ('0007_uuid_primary_keys'),          -- Vibes (seed 002)
  ('20251019_memory_schema_rls');      -- Relay TASK A (seed 003)

INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
SELECT pg_temp.uid('prisma_migration', k)::text,
       pg_temp.hex64('prisma_checksum', k),
       started + interval '2 seconds',
       name, NULL, NULL, started, 1
FROM (VALUES (1, '20251001000000_init', timestamptz '2025-10-01 08:00:00+00'),
             (2, '20251015000001_pfa_modification_tracking', timestamptz '2025-10-15 08:00:00+00'),
             (3, '20251120000002_phase3_feature_flags', timestamptz '2025-11-20 08:00:00+00'),
             (4, '20251128000003_phase4_bidirectional_sync_infrastructure', timestamptz '2025-11-28 08:00:00+00'))
     AS m (k, name, started);
