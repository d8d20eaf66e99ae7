-- Migration 4: an instance's action history in rows of its own (issue 5). Until now the newest
-- 100 entries travelled inside the instance's state document, so every power transition
-- re-serialised, re-sent, re-parsed as jsonb and (beyond 2 kB) re-compressed the whole history to
-- change one entry. PostgreSQL mode's state write now carries only the entries that changed
-- (the one an accept adds, the one a completion finishes), upserted here in the same statement
-- under the same version check, and deletes those that fell off the end. A state written before
-- this keeps its entries in the document; the first write after it moves them here.
-- sequence is the entry's place in its instance's history (1 = first action), newest kept highest.
CREATE TABLE instance_actions (
    instance_uuid  uuid    NOT NULL,
    sequence       bigint  NOT NULL,
    record         jsonb   NOT NULL,
    PRIMARY KEY (instance_uuid, sequence)
);
