-- Migration 3: drop the projection's single-column indexes on power_state, availability_zone and
-- locked (issue 5). Every power transition changes status, power_state and updated_at, so each
-- write of a row inserts a new entry into every index of the table; these three cost that on every
-- transition and served no list: a list is a page in a sort order, which the database reads by
-- walking a sort-key index and filtering, and a filter with two or a few values (power state,
-- locked, a handful of zones) cannot narrow that walk. The type index stays: the 409 on deleting a
-- type in use counts by it.
DROP INDEX instance_summaries_power_state;
DROP INDEX instance_summaries_zone;
DROP INDEX instance_summaries_locked;
