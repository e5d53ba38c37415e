-- The tower's figures from sums instead of rows (module 8):
-- 1. extra_day_sums also counts what the extras cost and how many went above the mandate;
-- 2. promises.late_handoffs counts a promise's hand-offs done after their day, so "at risk" needs only
--    the open hand-offs that are past their day (few, on a partial index) and no look at every step.

CREATE OR REPLACE FUNCTION klantwerk_count_extra(e extras, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  local_day date;
  scored integer := CASE WHEN e.reaction_score IS NULL THEN 0 ELSE sign END;
  score integer := coalesce(e.reaction_score, 0);
  positive integer := CASE WHEN e.reaction_score >= 4 THEN sign ELSE 0 END;
  above integer := CASE WHEN e.above_mandate THEN sign ELSE 0 END;
BEGIN
  SELECT (e.occurred_at AT TIME ZONE o.time_zone)::date INTO local_day FROM organizations o WHERE o.id = e.org_id;
  INSERT INTO extra_day_sums AS s (org_id, day, kind, band, extras, n, sum, sum_sq, positives, cost_cents, above_mandate)
  VALUES (e.org_id, local_day, e.kind, klantwerk_cost_band(e.cost_cents), sign, scored, sign * score, sign * score * score, positive, sign * e.cost_cents, above)
  ON CONFLICT (org_id, day, kind, band) DO UPDATE
    SET extras = s.extras + excluded.extras, n = s.n + excluded.n, sum = s.sum + excluded.sum,
        sum_sq = s.sum_sq + excluded.sum_sq, positives = s.positives + excluded.positives,
        cost_cents = s.cost_cents + excluded.cost_cents, above_mandate = s.above_mandate + excluded.above_mandate;
  INSERT INTO extra_day_value_sums AS s (org_id, day, value_id, extras, n, sum, sum_sq, positives)
  SELECT e.org_id, local_day, v, sign, scored, sign * score, sign * score * score, positive
    FROM (SELECT DISTINCT unnest(e.value_ids) AS v) vs
  ON CONFLICT (org_id, day, value_id) DO UPDATE
    SET extras = s.extras + excluded.extras, n = s.n + excluded.n, sum = s.sum + excluded.sum,
        sum_sq = s.sum_sq + excluded.sum_sq, positives = s.positives + excluded.positives;
  INSERT INTO extra_day_word_sums AS s (org_id, day, word, extras, n, sum, sum_sq, positives)
  SELECT e.org_id, local_day, w, sign, scored, sign * score, sign * score * score, positive
    FROM unnest(tsvector_to_array(coalesce(e.occasion_tsv, ''::tsvector))) AS w
  ON CONFLICT (org_id, day, word) DO UPDATE
    SET extras = s.extras + excluded.extras, n = s.n + excluded.n, sum = s.sum + excluded.sum,
        sum_sq = s.sum_sq + excluded.sum_sq, positives = s.positives + excluded.positives;
END
$$;
--> statement-breakpoint
DROP TRIGGER extras_day_sums_update ON extras;
--> statement-breakpoint
CREATE TRIGGER extras_day_sums_update AFTER UPDATE OF occurred_at, kind, cost_cents, value_ids, reaction_score, occasion_tsv, deleted_at, above_mandate, org_id ON extras
  FOR EACH ROW WHEN (OLD.occurred_at IS DISTINCT FROM NEW.occurred_at OR OLD.kind IS DISTINCT FROM NEW.kind
                     OR OLD.cost_cents IS DISTINCT FROM NEW.cost_cents OR OLD.value_ids IS DISTINCT FROM NEW.value_ids
                     OR OLD.reaction_score IS DISTINCT FROM NEW.reaction_score OR OLD.occasion_tsv IS DISTINCT FROM NEW.occasion_tsv
                     OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at OR OLD.above_mandate IS DISTINCT FROM NEW.above_mandate)
  EXECUTE FUNCTION klantwerk_extras_day_sums();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION klantwerk_rebuild_day_sums(org uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  tz text;
BEGIN
  SELECT time_zone INTO tz FROM organizations WHERE id = org;
  DELETE FROM extra_day_sums WHERE org_id = org;
  DELETE FROM extra_day_value_sums WHERE org_id = org;
  DELETE FROM extra_day_word_sums WHERE org_id = org;
  INSERT INTO extra_day_sums (org_id, day, kind, band, extras, n, sum, sum_sq, positives, cost_cents, above_mandate)
  SELECT org, (e.occurred_at AT TIME ZONE tz)::date, e.kind, klantwerk_cost_band(e.cost_cents), count(*), count(e.reaction_score),
         coalesce(sum(e.reaction_score), 0), coalesce(sum(e.reaction_score * e.reaction_score), 0), count(*) FILTER (WHERE e.reaction_score >= 4),
         coalesce(sum(e.cost_cents), 0), count(*) FILTER (WHERE e.above_mandate)
    FROM extras e WHERE e.org_id = org AND e.deleted_at IS NULL
   GROUP BY 2, 3, 4;
  INSERT INTO extra_day_value_sums (org_id, day, value_id, extras, n, sum, sum_sq, positives)
  SELECT org, (e.occurred_at AT TIME ZONE tz)::date, v, count(*), count(e.reaction_score),
         coalesce(sum(e.reaction_score), 0), coalesce(sum(e.reaction_score * e.reaction_score), 0), count(*) FILTER (WHERE e.reaction_score >= 4)
    FROM extras e CROSS JOIN LATERAL (SELECT DISTINCT unnest(e.value_ids) AS v) vs
   WHERE e.org_id = org AND e.deleted_at IS NULL
   GROUP BY 2, 3;
  INSERT INTO extra_day_word_sums (org_id, day, word, extras, n, sum, sum_sq, positives)
  SELECT org, (e.occurred_at AT TIME ZONE tz)::date, w, count(*), count(e.reaction_score),
         coalesce(sum(e.reaction_score), 0), coalesce(sum(e.reaction_score * e.reaction_score), 0), count(*) FILTER (WHERE e.reaction_score >= 4)
    FROM extras e CROSS JOIN LATERAL unnest(tsvector_to_array(coalesce(e.occasion_tsv, ''::tsvector))) AS w
   WHERE e.org_id = org AND e.deleted_at IS NULL
   GROUP BY 2, 3;
END
$$;
--> statement-breakpoint
SELECT klantwerk_rebuild_day_sums(id) FROM organizations;
--> statement-breakpoint
CREATE FUNCTION klantwerk_count_late_handoffs() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE promises p SET late_handoffs = (
      SELECT count(*) FROM promise_steps s WHERE s.org_id = p.org_id AND s.promise_id = p.id AND s.kind = 'handoff' AND s.done_on > s.due_date)
     WHERE p.org_id = OLD.org_id AND p.id = OLD.promise_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.promise_id IS DISTINCT FROM OLD.promise_id) THEN
    UPDATE promises p SET late_handoffs = (
      SELECT count(*) FROM promise_steps s WHERE s.org_id = p.org_id AND s.promise_id = p.id AND s.kind = 'handoff' AND s.done_on > s.due_date)
     WHERE p.org_id = NEW.org_id AND p.id = NEW.promise_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER promise_steps_late_insert_delete AFTER INSERT OR DELETE ON promise_steps
  FOR EACH ROW EXECUTE FUNCTION klantwerk_count_late_handoffs();
--> statement-breakpoint
CREATE TRIGGER promise_steps_late_update AFTER UPDATE OF done_on, due_date, kind, promise_id ON promise_steps
  FOR EACH ROW WHEN (OLD.done_on IS DISTINCT FROM NEW.done_on OR OLD.due_date IS DISTINCT FROM NEW.due_date
                     OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.promise_id IS DISTINCT FROM NEW.promise_id)
  EXECUTE FUNCTION klantwerk_count_late_handoffs();
--> statement-breakpoint
UPDATE promises p SET late_handoffs = s.n
  FROM (SELECT org_id, promise_id, count(*)::int AS n FROM promise_steps WHERE kind = 'handoff' AND done_on > due_date GROUP BY 1, 2) s
 WHERE p.org_id = s.org_id AND p.id = s.promise_id;
