-- The day sums without one hot row per organisation-day: each database connection adds an extra into
-- a slot row of its own, so writers logging at the same moment on different connections do not wait
-- on each other's row lock until commit. A connection claims a free slot (0-63) the first time it
-- counts an extra, holding it with a session advisory lock until it disconnects; when all are taken it
-- shares one (its backend pid modulo 64). A day's figure is the sum over its slots (every reader sums
-- already). klantwerk_fold_day_sums folds the slots of days gone by back into slot 0, so the tables stay
-- as small as before. Rows are touched in a fixed order (values and words sorted) so two writers that
-- share a slot cannot deadlock.

CREATE FUNCTION klantwerk_day_sum_slot() RETURNS smallint
LANGUAGE plpgsql AS $$
DECLARE
  claimed text := current_setting('klantwerk.day_sum_slot', true);
  first integer := pg_backend_pid() % 64;
  candidate integer;
BEGIN
  IF claimed IS NOT NULL AND claimed <> '' THEN
    RETURN claimed::smallint;
  END IF;
  FOR i IN 0..63 LOOP
    candidate := (first + i) % 64;
    -- 27511: the lock class of day-sum slots (the two-key form: apart from every one-key advisory lock)
    IF pg_try_advisory_lock(27511, candidate) THEN
      PERFORM set_config('klantwerk.day_sum_slot', candidate::text, false);
      RETURN candidate;
    END IF;
  END LOOP;
  PERFORM set_config('klantwerk.day_sum_slot', first::text, false);
  RETURN first;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION klantwerk_count_extra(e extras, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  local_day date;
  my_slot smallint := klantwerk_day_sum_slot();
  scored integer := CASE WHEN e.reaction_score IS NULL THEN 0 ELSE sign END;
  score integer := coalesce(e.reaction_score, 0);
  positive integer := CASE WHEN e.reaction_score >= 4 THEN sign ELSE 0 END;
  above integer := CASE WHEN e.above_mandate THEN sign ELSE 0 END;
BEGIN
  SELECT (e.occurred_at AT TIME ZONE o.time_zone)::date INTO local_day FROM organizations o WHERE o.id = e.org_id;
  INSERT INTO extra_day_sums AS s (org_id, day, kind, band, slot, extras, n, sum, sum_sq, positives, cost_cents, above_mandate)
  VALUES (e.org_id, local_day, e.kind, klantwerk_cost_band(e.cost_cents), my_slot, sign, scored, sign * score, sign * score * score, positive, sign * e.cost_cents, above)
  ON CONFLICT (org_id, day, kind, band, slot) DO UPDATE
    SET extras = s.extras + excluded.extras, n = s.n + excluded.n, sum = s.sum + excluded.sum,
        sum_sq = s.sum_sq + excluded.sum_sq, positives = s.positives + excluded.positives,
        cost_cents = s.cost_cents + excluded.cost_cents, above_mandate = s.above_mandate + excluded.above_mandate;
  IF cardinality(e.value_ids) > 0 THEN
    INSERT INTO extra_day_value_sums AS s (org_id, day, value_id, slot, extras, n, sum, sum_sq, positives)
    SELECT e.org_id, local_day, v, my_slot, sign, scored, sign * score, sign * score * score, positive
      FROM (SELECT DISTINCT unnest(e.value_ids) AS v) vs ORDER BY v
    ON CONFLICT (org_id, day, value_id, slot) DO UPDATE
      SET extras = s.extras + excluded.extras, n = s.n + excluded.n, sum = s.sum + excluded.sum,
          sum_sq = s.sum_sq + excluded.sum_sq, positives = s.positives + excluded.positives;
  END IF;
  INSERT INTO extra_day_word_sums AS s (org_id, day, word, slot, extras, n, sum, sum_sq, positives)
  SELECT e.org_id, local_day, w, my_slot, sign, scored, sign * score, sign * score * score, positive
    FROM unnest(tsvector_to_array(coalesce(e.occasion_tsv, ''::tsvector))) AS w ORDER BY w
  ON CONFLICT (org_id, day, word, slot) DO UPDATE
    SET extras = s.extras + excluded.extras, n = s.n + excluded.n, sum = s.sum + excluded.sum,
        sum_sq = s.sum_sq + excluded.sum_sq, positives = s.positives + excluded.positives;
END
$$;
--> statement-breakpoint
-- Folds the slot rows of the days before `before` into slot 0; returns how many slot rows it folded.
CREATE FUNCTION klantwerk_fold_day_sums(before date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  folded integer := 0;
  gone_rows integer;
BEGIN
  WITH gone AS (DELETE FROM extra_day_sums WHERE slot <> 0 AND day < before RETURNING *),
       moved AS (
         INSERT INTO extra_day_sums AS s (org_id, day, kind, band, extras, n, sum, sum_sq, positives, cost_cents, above_mandate)
         SELECT org_id, day, kind, band, sum(extras), sum(n), sum(sum), sum(sum_sq), sum(positives), sum(cost_cents), sum(above_mandate)
           FROM gone GROUP BY org_id, day, kind, band ORDER BY org_id, day, kind, band
         ON CONFLICT (org_id, day, kind, band, slot) DO UPDATE
           SET extras = s.extras + excluded.extras, n = s.n + excluded.n, sum = s.sum + excluded.sum,
               sum_sq = s.sum_sq + excluded.sum_sq, positives = s.positives + excluded.positives,
               cost_cents = s.cost_cents + excluded.cost_cents, above_mandate = s.above_mandate + excluded.above_mandate
         RETURNING 1)
  SELECT count(*) INTO gone_rows FROM gone;
  folded := folded + gone_rows;
  WITH gone AS (DELETE FROM extra_day_value_sums WHERE slot <> 0 AND day < before RETURNING *),
       moved AS (
         INSERT INTO extra_day_value_sums AS s (org_id, day, value_id, extras, n, sum, sum_sq, positives)
         SELECT org_id, day, value_id, sum(extras), sum(n), sum(sum), sum(sum_sq), sum(positives)
           FROM gone GROUP BY org_id, day, value_id ORDER BY org_id, day, value_id
         ON CONFLICT (org_id, day, value_id, slot) DO UPDATE
           SET extras = s.extras + excluded.extras, n = s.n + excluded.n, sum = s.sum + excluded.sum,
               sum_sq = s.sum_sq + excluded.sum_sq, positives = s.positives + excluded.positives
         RETURNING 1)
  SELECT count(*) INTO gone_rows FROM gone;
  folded := folded + gone_rows;
  WITH gone AS (DELETE FROM extra_day_word_sums WHERE slot <> 0 AND day < before RETURNING *),
       moved AS (
         INSERT INTO extra_day_word_sums AS s (org_id, day, word, extras, n, sum, sum_sq, positives)
         SELECT org_id, day, word, sum(extras), sum(n), sum(sum), sum(sum_sq), sum(positives)
           FROM gone GROUP BY org_id, day, word ORDER BY org_id, day, word
         ON CONFLICT (org_id, day, word, slot) DO UPDATE
           SET extras = s.extras + excluded.extras, n = s.n + excluded.n, sum = s.sum + excluded.sum,
               sum_sq = s.sum_sq + excluded.sum_sq, positives = s.positives + excluded.positives
         RETURNING 1)
  SELECT count(*) INTO gone_rows FROM gone;
  folded := folded + gone_rows;
  RETURN folded;
END
$$;
