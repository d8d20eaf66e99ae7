-- Migration 2: the list projection (DESIGN.md §4, docs/design.md). One row per instance holding
-- the newest snapshot its grain published, with a column for every list filter and sort key.
-- It never holds the truth: `Instances.Server rebuild-projection` refills it from grain state.
--
-- Times are UTC ticks (100 ns since 0001-01-01) so both databases sort them the same way and a
-- never-updated instance (updated_at_ticks = 0) sorts first, as it does in the service's own
-- comparer. Text sorts in SQLite's default BINARY collation: byte order, like the service's ordinal order;
-- uuids are lower-case canonical text, which sorts like PostgreSQL's uuid.
CREATE TABLE instance_summaries (
    uuid                text PRIMARY KEY,
    project_id          text NOT NULL,
    name                text NOT NULL,
    status              text NOT NULL,
    power_state         text,
    availability_zone   text NOT NULL,
    instance_type_uuid  text NOT NULL,
    locked              integer NOT NULL,
    created_at_ticks    integer NOT NULL,
    updated_at_ticks    integer NOT NULL,
    version             integer NOT NULL,
    snapshot            text NOT NULL
);

-- Keyset pagination for every sort key, within a project and across projects (admin all_tenants).
-- The uuid breaks ties, so "after the marker" is one row comparison.
CREATE INDEX instance_summaries_project_created ON instance_summaries (project_id, created_at_ticks, uuid);
CREATE INDEX instance_summaries_project_updated ON instance_summaries (project_id, updated_at_ticks, uuid);
CREATE INDEX instance_summaries_project_name    ON instance_summaries (project_id, name, uuid);
CREATE INDEX instance_summaries_project_status  ON instance_summaries (project_id, status, uuid);
CREATE INDEX instance_summaries_project_uuid    ON instance_summaries (project_id, uuid);
CREATE INDEX instance_summaries_created         ON instance_summaries (created_at_ticks, uuid);
CREATE INDEX instance_summaries_updated         ON instance_summaries (updated_at_ticks, uuid);
CREATE INDEX instance_summaries_name            ON instance_summaries (name, uuid);
CREATE INDEX instance_summaries_status          ON instance_summaries (status, uuid);

-- The remaining filters.
CREATE INDEX instance_summaries_power_state     ON instance_summaries (power_state);
CREATE INDEX instance_summaries_zone            ON instance_summaries (availability_zone);
CREATE INDEX instance_summaries_type            ON instance_summaries (instance_type_uuid);
CREATE INDEX instance_summaries_locked          ON instance_summaries (locked);
