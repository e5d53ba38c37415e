-- Keeps extra_day_sums, extra_day_value_sums and extra_day_word_sums exact: every extra that is not
-- deleted counts once, on the organisation's local day it happened. An insert adds it, a delete (soft
-- or hard) takes it away, a change takes the old version away and adds the new one.

CREATE FUNCTION klantwerk_cost_band(cents integer) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN cents = 0 THEN '0' WHEN cents <= 500 THEN '0-5' WHEN cents <= 2000 THEN '5-20' ELSE '20+' END
$$;
--> statement-breakpoint
CREATE FUNCTION klantwerk_count_extra(e extras, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  local_day date;
  scored integer := CASE WHEN e.reaction_score IS NULL THEN 0 ELSE sign END;
  score integer := coalesce(e.reaction_score, 0);
  positive integer := CASE WHEN e.reaction_score >= 4 THEN sign ELSE 0 END;
BEGIN
  SELECT (e.occurred_at AT TIME ZONE o.time_zone)::date INTO local_day FROM organizations o WHERE o.id = e.org_id;
  INSERT INTO extra_day_sums AS s (org_id, day, kind, band, extras, n, sum, sum_sq, positives)
  VALUES (e.org_id, local_day, e.kind, klantwerk_cost_band(e.cost_cents), sign, scored, sign * score, sign * score * score, positive)
  ON CONFLICT (org_id, day, kind, band) DO UPDATE
    SET extras = s.extras + excluded.extras, n = s.n + excluded.n, sum = s.sum + excluded.sum,
        sum_sq = s.sum_sq + excluded.sum_sq, positives = s.positives + excluded.positives;
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
CREATE FUNCTION klantwerk_extras_day_sums() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
    PERFORM klantwerk_count_extra(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN
    PERFORM klantwerk_count_extra(NEW, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER extras_day_sums_insert_delete AFTER INSERT OR DELETE ON extras
  FOR EACH ROW EXECUTE FUNCTION klantwerk_extras_day_sums();
--> statement-breakpoint
CREATE TRIGGER extras_day_sums_update AFTER UPDATE OF occurred_at, kind, cost_cents, value_ids, reaction_score, occasion_tsv, deleted_at, org_id ON extras
  FOR EACH ROW WHEN (OLD.occurred_at IS DISTINCT FROM NEW.occurred_at OR OLD.kind IS DISTINCT FROM NEW.kind
                     OR OLD.cost_cents IS DISTINCT FROM NEW.cost_cents OR OLD.value_ids IS DISTINCT FROM NEW.value_ids
                     OR OLD.reaction_score IS DISTINCT FROM NEW.reaction_score OR OLD.occasion_tsv IS DISTINCT FROM NEW.occasion_tsv
                     OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION klantwerk_extras_day_sums();
--> statement-breakpoint
-- Rebuilds one organisation's day sums from its extras (after its time zone changed, or to check them).
CREATE FUNCTION klantwerk_rebuild_day_sums(org uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  tz text;
BEGIN
  SELECT time_zone INTO tz FROM organizations WHERE id = org;
  DELETE FROM extra_day_sums WHERE org_id = org;
  DELETE FROM extra_day_value_sums WHERE org_id = org;
  DELETE FROM extra_day_word_sums WHERE org_id = org;
  INSERT INTO extra_day_sums (org_id, day, kind, band, extras, n, sum, sum_sq, positives)
  SELECT org, (e.occurred_at AT TIME ZONE tz)::date, e.kind, klantwerk_cost_band(e.cost_cents), count(*), count(e.reaction_score),
         coalesce(sum(e.reaction_score), 0), coalesce(sum(e.reaction_score * e.reaction_score), 0), count(*) FILTER (WHERE e.reaction_score >= 4)
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
