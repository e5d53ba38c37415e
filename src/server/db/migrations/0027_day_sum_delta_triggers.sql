-- The day sums without updating a shared row on every write: the trigger on extras appends one delta
-- row per change (extra_day_deltas) instead of adding into the sums' rows of the day, its values and its
-- words (five to ten row updates per extra, which halved the rate of plain inserts). The readers read
-- the views below, the sums with the deltas not yet folded added; klantwerk_fold_day_deltas folds the
-- deltas into the sums (slot 0), run by a job every few seconds and by the hourly fold, so the figures
-- are exact at every moment and the deltas table stays small.

CREATE OR REPLACE FUNCTION klantwerk_count_extra(e extras, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO extra_day_deltas (org_id, day, kind, band, value_ids, words, sign, reaction_score, cost_cents, above_mandate)
  SELECT e.org_id, (e.occurred_at AT TIME ZONE o.time_zone)::date, e.kind, klantwerk_cost_band(e.cost_cents),
         ARRAY(SELECT DISTINCT unnest(e.value_ids)), tsvector_to_array(coalesce(e.occasion_tsv, ''::tsvector)),
         sign, e.reaction_score, e.cost_cents, e.above_mandate
    FROM organizations o WHERE o.id = e.org_id;
END
$$;
--> statement-breakpoint
-- Folds every delta committed so far into the sums' slot 0; returns how many deltas it folded. Deltas
-- of transactions still open are not seen and wait for the next fold; two folds at once share no delta.
CREATE FUNCTION klantwerk_fold_day_deltas() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  folded integer;
BEGIN
  WITH gone AS (DELETE FROM extra_day_deltas RETURNING *),
       day_sums AS (
         INSERT INTO extra_day_sums AS s (org_id, day, kind, band, extras, n, sum, sum_sq, positives, cost_cents, above_mandate)
         SELECT org_id, day, kind, band, sum(sign), coalesce(sum(sign) FILTER (WHERE reaction_score IS NOT NULL), 0),
                coalesce(sum(sign * reaction_score), 0), coalesce(sum(sign * reaction_score * reaction_score), 0),
                coalesce(sum(sign) FILTER (WHERE reaction_score >= 4), 0), sum(sign * cost_cents),
                coalesce(sum(sign) FILTER (WHERE above_mandate), 0)
           FROM gone GROUP BY org_id, day, kind, band ORDER BY org_id, day, kind, band
         ON CONFLICT (org_id, day, kind, band, slot) DO UPDATE
           SET extras = s.extras + excluded.extras, n = s.n + excluded.n, sum = s.sum + excluded.sum,
               sum_sq = s.sum_sq + excluded.sum_sq, positives = s.positives + excluded.positives,
               cost_cents = s.cost_cents + excluded.cost_cents, above_mandate = s.above_mandate + excluded.above_mandate),
       value_sums AS (
         INSERT INTO extra_day_value_sums AS s (org_id, day, value_id, extras, n, sum, sum_sq, positives)
         SELECT org_id, day, v, sum(sign), coalesce(sum(sign) FILTER (WHERE reaction_score IS NOT NULL), 0),
                coalesce(sum(sign * reaction_score), 0), coalesce(sum(sign * reaction_score * reaction_score), 0),
                coalesce(sum(sign) FILTER (WHERE reaction_score >= 4), 0)
           FROM gone CROSS JOIN LATERAL unnest(value_ids) AS v GROUP BY org_id, day, v ORDER BY org_id, day, v
         ON CONFLICT (org_id, day, value_id, slot) DO UPDATE
           SET extras = s.extras + excluded.extras, n = s.n + excluded.n, sum = s.sum + excluded.sum,
               sum_sq = s.sum_sq + excluded.sum_sq, positives = s.positives + excluded.positives),
       word_sums AS (
         INSERT INTO extra_day_word_sums AS s (org_id, day, word, extras, n, sum, sum_sq, positives)
         SELECT org_id, day, w, sum(sign), coalesce(sum(sign) FILTER (WHERE reaction_score IS NOT NULL), 0),
                coalesce(sum(sign * reaction_score), 0), coalesce(sum(sign * reaction_score * reaction_score), 0),
                coalesce(sum(sign) FILTER (WHERE reaction_score >= 4), 0)
           FROM gone CROSS JOIN LATERAL unnest(words) AS w GROUP BY org_id, day, w ORDER BY org_id, day, w
         ON CONFLICT (org_id, day, word, slot) DO UPDATE
           SET extras = s.extras + excluded.extras, n = s.n + excluded.n, sum = s.sum + excluded.sum,
               sum_sq = s.sum_sq + excluded.sum_sq, positives = s.positives + excluded.positives)
  SELECT count(*) INTO folded FROM gone;
  RETURN folded;
END
$$;
--> statement-breakpoint
-- The hourly fold: the deltas first, then the slot rows of days gone by (as before, migration 0021).
ALTER FUNCTION klantwerk_fold_day_sums(date) RENAME TO klantwerk_fold_day_slots;
--> statement-breakpoint
CREATE FUNCTION klantwerk_fold_day_sums(before date) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
  RETURN klantwerk_fold_day_deltas() + klantwerk_fold_day_slots(before);
END
$$;
--> statement-breakpoint
-- A rebuild from the extras themselves replaces the deltas as well.
ALTER FUNCTION klantwerk_rebuild_day_sums(uuid) RENAME TO klantwerk_rebuild_day_sums_from_extras;
--> statement-breakpoint
CREATE FUNCTION klantwerk_rebuild_day_sums(org uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM extra_day_deltas WHERE org_id = org;
  PERFORM klantwerk_rebuild_day_sums_from_extras(org);
END
$$;
--> statement-breakpoint
-- What the readers read: the sums with the deltas not yet folded, in the sums' own columns.
CREATE VIEW extra_day_sums_live AS
  SELECT org_id, day, kind, band, slot, extras, n, sum, sum_sq, positives, cost_cents, above_mandate FROM extra_day_sums
  UNION ALL
  SELECT org_id, day, kind, band, -1::smallint, sign, CASE WHEN reaction_score IS NULL THEN 0 ELSE sign END,
         sign * coalesce(reaction_score, 0), sign * coalesce(reaction_score, 0) * coalesce(reaction_score, 0),
         CASE WHEN reaction_score >= 4 THEN sign ELSE 0 END, (sign * cost_cents)::bigint, CASE WHEN above_mandate THEN sign ELSE 0 END
    FROM extra_day_deltas;
--> statement-breakpoint
CREATE VIEW extra_day_value_sums_live AS
  SELECT org_id, day, value_id, slot, extras, n, sum, sum_sq, positives FROM extra_day_value_sums
  UNION ALL
  SELECT d.org_id, d.day, v, -1::smallint, d.sign, CASE WHEN d.reaction_score IS NULL THEN 0 ELSE d.sign END,
         d.sign * coalesce(d.reaction_score, 0), d.sign * coalesce(d.reaction_score, 0) * coalesce(d.reaction_score, 0),
         CASE WHEN d.reaction_score >= 4 THEN d.sign ELSE 0 END
    FROM extra_day_deltas d CROSS JOIN LATERAL unnest(d.value_ids) AS v;
--> statement-breakpoint
CREATE VIEW extra_day_word_sums_live AS
  SELECT org_id, day, word, slot, extras, n, sum, sum_sq, positives FROM extra_day_word_sums
  UNION ALL
  SELECT d.org_id, d.day, w, -1::smallint, d.sign, CASE WHEN d.reaction_score IS NULL THEN 0 ELSE d.sign END,
         d.sign * coalesce(d.reaction_score, 0), d.sign * coalesce(d.reaction_score, 0) * coalesce(d.reaction_score, 0),
         CASE WHEN d.reaction_score >= 4 THEN d.sign ELSE 0 END
    FROM extra_day_deltas d CROSS JOIN LATERAL unnest(d.words) AS w;
