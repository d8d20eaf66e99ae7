-- Instances: SQLite migration 0001 — Orleans cluster membership, grain state and reminders.
--
-- Read by the stock Orleans ADO.NET providers (Microsoft.Orleans.Clustering.AdoNet,
-- .Persistence.AdoNet and .Reminders.AdoNet) with invariant "System.Data.SQLite", which Orleans
-- maps to Microsoft.Data.Sqlite. Orleans ships no SQL in its packages: these tables and the
-- query catalogue below were written for this project from the provider contract (query keys,
-- parameter names, result columns and the meaning of the results as the provider code reads
-- them), not copied from the Orleans scripts.
--
-- Run by the Instances migrator as one command inside its transaction. Needs SQLite >= 3.37
-- (RETURNING, STRICT tables); the SQLitePCLRaw bundle of Microsoft.Data.Sqlite is newer.
-- Journal mode is the host's business: PRAGMA journal_mode = WAL cannot run inside a
-- transaction, so the host sets it when it opens the database (it is then persistent).
--
-- SQLite has one writer at a time and a write statement takes the write lock before it reads,
-- so each write below is a single statement whose conditions and effect cannot be interleaved
-- with another writer. Where the provider needs a boolean row even when nothing changed, the
-- write is followed by "SELECT changes() > 0", which only reports the preceding statement's
-- effect on this connection (no check-then-write). Membership table-version moves are done by
-- triggers so they happen inside the statement that changes a silo row.
--
-- Times are stored as Microsoft.Data.Sqlite writes DateTime parameters (ISO-8601 text, UTC),
-- which sorts and compares correctly as text.

-- ---------------------------------------------------------------------------------------------
-- Query catalogue, read by the providers with "SELECT QueryKey, QueryText FROM OrleansQuery".
-- ---------------------------------------------------------------------------------------------
CREATE TABLE OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
) STRICT;

-- ---------------------------------------------------------------------------------------------
-- Membership. One version row per cluster (deployment id) is the optimistic-concurrency token of
-- the whole table; inserting a silo or changing its status/suspicions moves it (triggers below).
-- IAmAlive heartbeats only touch i_am_alive_time and leave the version alone.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE orleans_membership_version
(
    deployment_id TEXT    NOT NULL PRIMARY KEY,
    version       INTEGER NOT NULL DEFAULT 0,
    changed_at    TEXT    NOT NULL DEFAULT (datetime())
) STRICT;

CREATE TABLE orleans_membership
(
    deployment_id   TEXT    NOT NULL,
    address         TEXT    NOT NULL,
    port            INTEGER NOT NULL,
    generation      INTEGER NOT NULL,
    silo_name       TEXT    NOT NULL,
    host_name       TEXT    NOT NULL,
    status          INTEGER NOT NULL, -- Orleans SiloStatus as a number (3 = Active, 6 = Dead)
    proxy_port      INTEGER NOT NULL, -- gateway port, 0 when the silo is no gateway
    suspect_times   TEXT    NULL,     -- "silo,time|silo,time" exactly as the provider formats it
    start_time      TEXT    NOT NULL,
    i_am_alive_time TEXT    NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
) STRICT;

CREATE TRIGGER orleans_membership_inserted AFTER INSERT ON orleans_membership
BEGIN
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = datetime()
    WHERE deployment_id = NEW.deployment_id;
END;

CREATE TRIGGER orleans_membership_changed AFTER UPDATE OF status, suspect_times ON orleans_membership
BEGIN
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = datetime()
    WHERE deployment_id = NEW.deployment_id;
END;

-- Foreign keys are off unless every connection enables them, so the cascade is a trigger.
CREATE TRIGGER orleans_membership_version_deleted AFTER DELETE ON orleans_membership_version
BEGIN
    DELETE FROM orleans_membership WHERE deployment_id = OLD.deployment_id;
END;

-- ---------------------------------------------------------------------------------------------
-- Grain state. The provider passes the state name where its parameters say "grain type"
-- (GrainTypeString), and the grain key as two 64-bit halves plus an optional string
-- (orleans#8746: the grain type itself is not part of the key; Instances gives each grain type
-- its own state name). A missing key extension is stored as '' so the key can be a primary key.
-- The provider's hash parameters are not needed with a real key and are ignored.
--
-- version is the ETag. payload is the UTF-8 System.Text.Json document as TEXT, readable with any
-- SQLite tool; NULL payload = cleared state (version kept so a stale writer still loses).
-- ---------------------------------------------------------------------------------------------
CREATE TABLE orleans_grain_state
(
    service_id         TEXT    NOT NULL,
    state_name         TEXT    NOT NULL,
    grain_id_n0        INTEGER NOT NULL,
    grain_id_n1        INTEGER NOT NULL,
    grain_id_extension TEXT    NOT NULL DEFAULT '',
    version            INTEGER NOT NULL,
    payload            TEXT    NULL,
    modified_at        TEXT    NOT NULL DEFAULT (datetime()),
    PRIMARY KEY (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension)
) STRICT;

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
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    grain_hash    INTEGER NOT NULL,
    start_time    TEXT    NOT NULL,
    period        INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
) STRICT;

CREATE INDEX orleans_reminder_by_hash ON orleans_reminder (service_id, grain_hash);

-- ---------------------------------------------------------------------------------------------
-- Clustering queries (silos: AdoNetClusteringTable; clients: AdoNetGatewayListProvider).
-- ---------------------------------------------------------------------------------------------
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    -- Creates the cluster's version row once; returns whether this call created it.
    'InsertMembershipVersionKey', '
    INSERT INTO orleans_membership_version (deployment_id)
    VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING;
    SELECT changes() > 0;'
),
(
    -- Adds a silo if the caller's table version is current (the insert trigger moves it).
    'InsertMembershipKey', '
    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name,
         status, proxy_port, start_time, i_am_alive_time)
    SELECT v.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
           @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM orleans_membership_version AS v
    WHERE v.deployment_id = @DeploymentId AND v.version = @Version
    ON CONFLICT (deployment_id, address, port, generation) DO NOTHING;
    SELECT changes() > 0;'
),
(
    -- Changes a silo's status/suspicions if the caller's table version is current.
    'UpdateMembershipKey', '
    UPDATE orleans_membership
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    WHERE deployment_id = @DeploymentId AND address = @Address
      AND port = @Port AND generation = @Generation
      AND EXISTS (
          SELECT 1 FROM orleans_membership_version AS v
          WHERE v.deployment_id = @DeploymentId AND v.version = @Version);
    SELECT changes() > 0;'
),
(
    -- Heartbeat: no version check and no version change.
    'UpdateIAmAlivetimeKey', '
    UPDATE orleans_membership
    SET i_am_alive_time = @IAmAliveTime
    WHERE deployment_id = @DeploymentId AND address = @Address
      AND port = @Port AND generation = @Generation'
),
(
    -- The version row left-joined to one silo: always one row while the cluster exists; the
    -- silo columns are NULL when the silo is unknown (the provider checks StartTime).
    'MembershipReadRowKey', '
    SELECT v.version          AS Version,
           m.address          AS Address,
           m.port             AS Port,
           m.generation       AS Generation,
           m.silo_name        AS SiloName,
           m.host_name        AS HostName,
           m.status           AS Status,
           m.proxy_port       AS ProxyPort,
           m.suspect_times    AS SuspectTimes,
           m.start_time       AS StartTime,
           m.i_am_alive_time  AS IAmAliveTime
    FROM orleans_membership_version AS v
    LEFT JOIN orleans_membership AS m
           ON m.deployment_id = v.deployment_id AND m.address = @Address
          AND m.port = @Port AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId'
),
(
    'MembershipReadAllKey', '
    SELECT v.version          AS Version,
           m.address          AS Address,
           m.port             AS Port,
           m.generation       AS Generation,
           m.silo_name        AS SiloName,
           m.host_name        AS HostName,
           m.status           AS Status,
           m.proxy_port       AS ProxyPort,
           m.suspect_times    AS SuspectTimes,
           m.start_time       AS StartTime,
           m.i_am_alive_time  AS IAmAliveTime
    FROM orleans_membership_version AS v
    LEFT JOIN orleans_membership AS m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId'
),
(
    -- Gateways for clients: silos in the requested status (Active) that accept clients.
    'GatewaysQueryKey', '
    SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
    FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0'
),
(
    -- Drops the whole cluster: the version row, and its silos through the trigger.
    'DeleteMembershipTableEntriesKey', '
    DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId'
),
(
    -- Forgets silos that are Dead (6) and have not been heard of since @IAmAliveTime.
    'CleanupDefunctSiloEntriesKey', '
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime'
);

-- ---------------------------------------------------------------------------------------------
-- Grain storage queries (AdoNetGrainStorage). @GrainStateVersion is the ETag the grain holds
-- (NULL when it believes no row exists). A write returns the new version as
-- NewGrainStateVersion; no row back means the ETag was stale (or the row already existed for a
-- first write), which the provider turns into InconsistentStateException.
-- ---------------------------------------------------------------------------------------------
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'ReadFromStorageKey', '
    SELECT CAST(s.payload AS BLOB) AS PayloadBinary,
           s.version               AS Version
    FROM orleans_grain_state AS s
    WHERE s.service_id = @ServiceId AND s.state_name = @GrainTypeString
      AND s.grain_id_n0 = @GrainIdN0 AND s.grain_id_n1 = @GrainIdN1
      AND s.grain_id_extension = COALESCE(@GrainIdExtensionString, '''')'
),
(
    -- One upsert: the insert half only runs for a first write (no ETag) or when a row exists to
    -- collide with; on collision the row is updated only if it is still at the caller's ETag
    -- (a first write never matches, since its ETag is NULL). Nothing returned = conflict.
    'WriteToStorageKey', '
    INSERT INTO orleans_grain_state
        (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension, version, payload, modified_at)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
           COALESCE(@GrainIdExtensionString, ''''), 1, CAST(@PayloadBinary AS TEXT), datetime()
    WHERE @GrainStateVersion IS NULL
       OR EXISTS (
          SELECT 1 FROM orleans_grain_state AS s
          WHERE s.service_id = @ServiceId AND s.state_name = @GrainTypeString
            AND s.grain_id_n0 = @GrainIdN0 AND s.grain_id_n1 = @GrainIdN1
            AND s.grain_id_extension = COALESCE(@GrainIdExtensionString, ''''))
    ON CONFLICT (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension) DO UPDATE
    SET version = version + 1, payload = excluded.payload, modified_at = excluded.modified_at
    WHERE version = @GrainStateVersion
    RETURNING version AS NewGrainStateVersion'
),
(
    -- Clear keeps the row (payload NULL) and moves the version on; returns the new version.
    'ClearStorageKey', '
    UPDATE orleans_grain_state
    SET version = version + 1, payload = NULL, modified_at = datetime()
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension = COALESCE(@GrainIdExtensionString, '''')
      AND version = @GrainStateVersion
    RETURNING version'
),
(
    -- Clear with DeleteStateOnClear: removes the row; returns a value different from the ETag
    -- (version + 1) so the provider sees success.
    'DeleteStorageKey', '
    DELETE FROM orleans_grain_state
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension = COALESCE(@GrainIdExtensionString, '''')
      AND version = @GrainStateVersion
    RETURNING version + 1'
);

-- ---------------------------------------------------------------------------------------------
-- Reminder queries (AdoNetReminderTable). Version is the reminder's ETag.
-- ---------------------------------------------------------------------------------------------
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
(
    'ReadReminderRowsKey', '
    SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
           period AS Period, version AS Version
    FROM orleans_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId'
),
(
    'ReadReminderRowKey', '
    SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
           period AS Period, version AS Version
    FROM orleans_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName'
),
(
    -- Ring range (begin, end] that does not wrap in signed order: (int)begin < (int)end.
    'ReadRangeRows1Key', '
    SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
           period AS Period, version AS Version
    FROM orleans_reminder
    WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash'
),
(
    -- Ring range that wraps past the top of the signed range (or, begin = end, the whole ring).
    'ReadRangeRows2Key', '
    SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
           period AS Period, version AS Version
    FROM orleans_reminder
    WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)'
),
(
    -- Insert or replace; every change moves the version, which is returned as the new ETag.
    'UpsertReminderRowKey', '
    INSERT INTO orleans_reminder
        (service_id, grain_id, reminder_name, grain_hash, start_time, period, version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 1)
    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
    SET grain_hash = excluded.grain_hash,
        start_time = excluded.start_time,
        period     = excluded.period,
        version    = version + 1
    RETURNING version AS Version'
),
(
    -- Removes the reminder only at the caller's ETag; one boolean row either way.
    'DeleteReminderRowKey', '
    DELETE FROM orleans_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId
      AND reminder_name = @ReminderName AND version = @Version;
    SELECT changes() > 0;'
),
(
    'DeleteReminderRowsKey', '
    DELETE FROM orleans_reminder WHERE service_id = @ServiceId'
);
