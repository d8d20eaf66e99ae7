-- Instances: PostgreSQL migration 0001 — Orleans cluster membership, grain state and reminders.
--
-- Read by the stock Orleans ADO.NET providers (Microsoft.Orleans.Clustering.AdoNet,
-- .Persistence.AdoNet and .Reminders.AdoNet, invariant "Npgsql"). Orleans ships no SQL in its
-- packages: these tables and the query catalogue below were written for this project from the
-- provider contract (query keys, parameter names, result columns and the meaning of the results
-- as the provider code reads them), not copied from the Orleans scripts.
--
-- Run by the Instances migrator as one command inside its transaction. Every operation the
-- providers perform is a single statement; writes that depend on a version do so in the WHERE
-- clause of the same statement (READ COMMITTED re-checks it on the latest row version), so a
-- lost race is reported back to the provider as a conflict rather than silently accepted.
--
-- Parameters arrive named (@Name, rewritten by Npgsql). Result columns are read by name and are
-- aliased with the exact names the provider asks for.

-- ---------------------------------------------------------------------------------------------
-- Query catalogue. The providers run "SELECT QueryKey, QueryText FROM OrleansQuery" at start-up;
-- the unquoted names fold to lower case, so the table is declared unquoted as well.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- ---------------------------------------------------------------------------------------------
-- Membership. One version row per cluster (deployment id) is the optimistic-concurrency token of
-- the whole table: every insert or update of a silo row must present the version it read and
-- moves it forward in the same statement. IAmAlive heartbeats do not touch the version.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE orleans_membership_version
(
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orleans_membership
(
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         varchar(45) NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL, -- Orleans SiloStatus as a number (3 = Active, 6 = Dead)
    proxy_port      integer     NOT NULL, -- gateway port, 0 when the silo is no gateway
    suspect_times   text        NULL,     -- "silo,time|silo,time" exactly as the provider formats it
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- ---------------------------------------------------------------------------------------------
-- Grain state. The provider passes the state name where its parameters say "grain type"
-- (GrainTypeString), and the grain key as two 64-bit halves plus an optional string
-- (orleans#8746: the grain type itself is not part of the key; Instances gives each grain type
-- its own state name). A missing key extension is stored as '' so the key can be a primary key.
-- The provider's hash parameters are not needed with a real key and are ignored.
--
-- version is the ETag. payload is the System.Text.Json document the grains serialize, kept as
-- jsonb so rows can be read and queried; NULL payload = cleared state (version kept so a stale
-- writer still loses). jsonb normalises the text (key order, whitespace, duplicate keys), which
-- is harmless for our plain records but would break System.Text.Json polymorphic "$type"
-- metadata that is not first in an object.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE orleans_grain_state
(
    service_id         text        NOT NULL,
    state_name         text        NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    grain_id_extension text        NOT NULL DEFAULT '',
    version            integer     NOT NULL,
    payload            jsonb       NULL,
    modified_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension)
);

-- ---------------------------------------------------------------------------------------------
-- Reminders. grain_hash is GrainId.GetUniformHashCode(), an unsigned 32-bit ring position, which
-- the provider binds reinterpreted as a signed int ((int)hash). It is stored and compared in that
-- signed form: the cast is a rotation of the ring, so the provider's ring range (begin, end]
-- stays one contiguous range (ReadRangeRows1Key) or the two ends of the ring (ReadRangeRows2Key)
-- under signed comparison — which is how the provider picks between the two queries.
-- period is in milliseconds.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE orleans_reminder
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    grain_hash    integer     NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX orleans_reminder_by_hash ON orleans_reminder (service_id, grain_hash);

-- ---------------------------------------------------------------------------------------------
-- Clustering queries (silos: AdoNetClusteringTable; clients: AdoNetGatewayListProvider).
-- ---------------------------------------------------------------------------------------------
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    -- Creates the cluster's version row once; returns whether this call created it.
    'InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO orleans_membership_version (deployment_id)
        VALUES (@DeploymentId)
        ON CONFLICT (deployment_id) DO NOTHING
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM created)
    $q$
),
(
    -- Adds a silo if the caller's table version is current; the version moves first (its row
    -- lock serialises concurrent writers), then the row is inserted. Returns whether it was.
    'InsertMembershipKey', $q$
    WITH bumped AS (
        UPDATE orleans_membership_version AS v
        SET version = v.version + 1, changed_at = now()
        WHERE v.deployment_id = @DeploymentId
          AND v.version = @Version
          AND NOT EXISTS (
              SELECT 1 FROM orleans_membership AS m
              WHERE m.deployment_id = @DeploymentId AND m.address = @Address
                AND m.port = @Port AND m.generation = @Generation)
        RETURNING v.deployment_id),
    inserted AS (
        INSERT INTO orleans_membership
            (deployment_id, address, port, generation, silo_name, host_name,
             status, proxy_port, start_time, i_am_alive_time)
        SELECT b.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
               @Status, @ProxyPort, @StartTime, @IAmAliveTime
        FROM bumped AS b
        ON CONFLICT (deployment_id, address, port, generation) DO NOTHING
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM inserted)
    $q$
),
(
    -- Changes a silo's status/suspicions if the caller's table version is current.
    'UpdateMembershipKey', $q$
    WITH bumped AS (
        UPDATE orleans_membership_version AS v
        SET version = v.version + 1, changed_at = now()
        WHERE v.deployment_id = @DeploymentId
          AND v.version = @Version
          AND EXISTS (
              SELECT 1 FROM orleans_membership AS m
              WHERE m.deployment_id = @DeploymentId AND m.address = @Address
                AND m.port = @Port AND m.generation = @Generation)
        RETURNING v.deployment_id),
    updated AS (
        UPDATE orleans_membership AS m
        SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
        FROM bumped AS b
        WHERE m.deployment_id = b.deployment_id AND m.address = @Address
          AND m.port = @Port AND m.generation = @Generation
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM updated)
    $q$
),
(
    -- Heartbeat: no version check and no version change.
    'UpdateIAmAlivetimeKey', $q$
    UPDATE orleans_membership
    SET i_am_alive_time = @IAmAliveTime
    WHERE deployment_id = @DeploymentId AND address = @Address
      AND port = @Port AND generation = @Generation
    $q$
),
(
    -- The version row left-joined to one silo: always one row while the cluster exists; the
    -- silo columns are NULL when the silo is unknown (the provider checks StartTime).
    'MembershipReadRowKey', $q$
    SELECT v.version          AS "Version",
           m.address          AS "Address",
           m.port             AS "Port",
           m.generation       AS "Generation",
           m.silo_name        AS "SiloName",
           m.host_name        AS "HostName",
           m.status           AS "Status",
           m.proxy_port       AS "ProxyPort",
           m.suspect_times    AS "SuspectTimes",
           m.start_time       AS "StartTime",
           m.i_am_alive_time  AS "IAmAliveTime"
    FROM orleans_membership_version AS v
    LEFT JOIN orleans_membership AS m
           ON m.deployment_id = v.deployment_id AND m.address = @Address
          AND m.port = @Port AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId
    $q$
),
(
    'MembershipReadAllKey', $q$
    SELECT v.version          AS "Version",
           m.address          AS "Address",
           m.port             AS "Port",
           m.generation       AS "Generation",
           m.silo_name        AS "SiloName",
           m.host_name        AS "HostName",
           m.status           AS "Status",
           m.proxy_port       AS "ProxyPort",
           m.suspect_times    AS "SuspectTimes",
           m.start_time       AS "StartTime",
           m.i_am_alive_time  AS "IAmAliveTime"
    FROM orleans_membership_version AS v
    LEFT JOIN orleans_membership AS m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId
    $q$
),
(
    -- Gateways for clients: silos in the requested status (Active) that accept clients.
    'GatewaysQueryKey', $q$
    SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
    FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
    $q$
),
(
    -- Drops the whole cluster: the version row, and its silos through the cascade.
    'DeleteMembershipTableEntriesKey', $q$
    DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
    $q$
),
(
    -- Forgets silos that are Dead (6) and have not been heard of since @IAmAliveTime.
    'CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime
    $q$
);

-- ---------------------------------------------------------------------------------------------
-- Grain storage queries (AdoNetGrainStorage). @GrainStateVersion is the ETag the grain holds
-- (NULL when it believes no row exists). A write returns the new version as
-- NewGrainStateVersion; no row back means the ETag was stale (or the row already existed for a
-- first write), which the provider turns into InconsistentStateException.
-- ---------------------------------------------------------------------------------------------
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'ReadFromStorageKey', $q$
    SELECT convert_to(s.payload::text, 'UTF8') AS "PayloadBinary",
           s.version                           AS "Version"
    FROM orleans_grain_state AS s
    WHERE s.service_id = @ServiceId AND s.state_name = @GrainTypeString
      AND s.grain_id_n0 = @GrainIdN0 AND s.grain_id_n1 = @GrainIdN1
      AND s.grain_id_extension = COALESCE(@GrainIdExtensionString, '')
    $q$
),
(
    -- Exactly one branch can act: the first write (no ETag) inserts version 1 unless any row
    -- exists; a later write (ETag) updates only the row still at that version.
    'WriteToStorageKey', $q$
    WITH first_write AS (
        INSERT INTO orleans_grain_state
            (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension, version, payload)
        SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
               COALESCE(@GrainIdExtensionString, ''), 1,
               convert_from(@PayloadBinary, 'UTF8')::jsonb
        WHERE CAST(@GrainStateVersion AS integer) IS NULL
        ON CONFLICT (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension) DO NOTHING
        RETURNING version),
    next_write AS (
        UPDATE orleans_grain_state AS s
        SET version = s.version + 1,
            payload = convert_from(@PayloadBinary, 'UTF8')::jsonb,
            modified_at = now()
        WHERE s.service_id = @ServiceId AND s.state_name = @GrainTypeString
          AND s.grain_id_n0 = @GrainIdN0 AND s.grain_id_n1 = @GrainIdN1
          AND s.grain_id_extension = COALESCE(@GrainIdExtensionString, '')
          AND s.version = CAST(@GrainStateVersion AS integer)
        RETURNING s.version)
    SELECT version AS "NewGrainStateVersion" FROM first_write
    UNION ALL
    SELECT version FROM next_write
    $q$
),
(
    -- Clear keeps the row (payload NULL) and moves the version on; returns the new version.
    'ClearStorageKey', $q$
    UPDATE orleans_grain_state AS s
    SET version = s.version + 1, payload = NULL, modified_at = now()
    WHERE s.service_id = @ServiceId AND s.state_name = @GrainTypeString
      AND s.grain_id_n0 = @GrainIdN0 AND s.grain_id_n1 = @GrainIdN1
      AND s.grain_id_extension = COALESCE(@GrainIdExtensionString, '')
      AND s.version = CAST(@GrainStateVersion AS integer)
    RETURNING s.version
    $q$
),
(
    -- Clear with DeleteStateOnClear: removes the row; returns a value different from the ETag
    -- (version + 1) so the provider sees success.
    'DeleteStorageKey', $q$
    DELETE FROM orleans_grain_state AS s
    WHERE s.service_id = @ServiceId AND s.state_name = @GrainTypeString
      AND s.grain_id_n0 = @GrainIdN0 AND s.grain_id_n1 = @GrainIdN1
      AND s.grain_id_extension = COALESCE(@GrainIdExtensionString, '')
      AND s.version = CAST(@GrainStateVersion AS integer)
    RETURNING s.version + 1
    $q$
);

-- ---------------------------------------------------------------------------------------------
-- Reminder queries (AdoNetReminderTable). Version is the reminder's ETag.
-- ---------------------------------------------------------------------------------------------
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'ReadReminderRowsKey', $q$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period AS "Period", version AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId
    $q$
),
(
    'ReadReminderRowKey', $q$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period AS "Period", version AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
    $q$
),
(
    -- Ring range (begin, end] that does not wrap in signed order: (int)begin < (int)end.
    'ReadRangeRows1Key', $q$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period AS "Period", version AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
    $q$
),
(
    -- Ring range that wraps past the top of the signed range (or, begin = end, the whole ring).
    'ReadRangeRows2Key', $q$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
           period AS "Period", version AS "Version"
    FROM orleans_reminder
    WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
    $q$
),
(
    -- Insert or replace; every change moves the version, which is returned as the new ETag.
    'UpsertReminderRowKey', $q$
    INSERT INTO orleans_reminder
        (service_id, grain_id, reminder_name, grain_hash, start_time, period, version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 1)
    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
    SET grain_hash = EXCLUDED.grain_hash,
        start_time = EXCLUDED.start_time,
        period     = EXCLUDED.period,
        version    = orleans_reminder.version + 1
    RETURNING version AS "Version"
    $q$
),
(
    -- Removes the reminder only at the caller's ETag; one boolean row either way.
    'DeleteReminderRowKey', $q$
    WITH removed AS (
        DELETE FROM orleans_reminder
        WHERE service_id = @ServiceId AND grain_id = @GrainId
          AND reminder_name = @ReminderName AND version = @Version
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM removed)
    $q$
),
(
    'DeleteReminderRowsKey', $q$
    DELETE FROM orleans_reminder WHERE service_id = @ServiceId
    $q$
);
