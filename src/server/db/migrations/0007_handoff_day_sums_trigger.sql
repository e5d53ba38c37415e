-- Keeps handoff_day_sums exact: every hand-off step counts once, on its day (the day it was done, or
-- while open the day it is due), under its giving and receiving team; every rating counts on the day
-- of the hand-off it rates. A change takes the old version away and adds the new one.

CREATE FUNCTION klantwerk_count_handoff(s promise_steps, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF s.kind <> 'handoff' THEN
    RETURN;
  END IF;
  INSERT INTO handoff_day_sums AS d (org_id, day, giver_team_id, receiver_team_id, handoffs, done, on_time)
  VALUES (s.org_id, coalesce(s.done_on, s.due_date), s.team_id, coalesce(s.receiver_team_id, '00000000-0000-0000-0000-000000000000'),
          sign, CASE WHEN s.done_on IS NOT NULL THEN sign ELSE 0 END, CASE WHEN s.done_on <= s.due_date THEN sign ELSE 0 END)
  ON CONFLICT (org_id, day, giver_team_id, receiver_team_id) DO UPDATE
    SET handoffs = d.handoffs + excluded.handoffs, done = d.done + excluded.done, on_time = d.on_time + excluded.on_time;
END
$$;
--> statement-breakpoint
CREATE FUNCTION klantwerk_promise_steps_day_sums() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM klantwerk_count_handoff(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM klantwerk_count_handoff(NEW, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER promise_steps_day_sums_insert_delete AFTER INSERT OR DELETE ON promise_steps
  FOR EACH ROW EXECUTE FUNCTION klantwerk_promise_steps_day_sums();
--> statement-breakpoint
CREATE TRIGGER promise_steps_day_sums_update AFTER UPDATE OF kind, team_id, receiver_team_id, due_date, done_on ON promise_steps
  FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.team_id IS DISTINCT FROM NEW.team_id
                     OR OLD.receiver_team_id IS DISTINCT FROM NEW.receiver_team_id OR OLD.due_date IS DISTINCT FROM NEW.due_date
                     OR OLD.done_on IS DISTINCT FROM NEW.done_on)
  EXECUTE FUNCTION klantwerk_promise_steps_day_sums();
--> statement-breakpoint
CREATE FUNCTION klantwerk_step_ratings_day_sums() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r step_ratings := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  sign integer := CASE WHEN TG_OP = 'DELETE' THEN -1 ELSE 1 END;
BEGIN
  INSERT INTO handoff_day_sums AS d (org_id, day, giver_team_id, receiver_team_id, ratings, rating_sum)
  VALUES (r.org_id, r.handoff_day, r.giver_team_id, r.receiver_team_id, sign, sign * r.score)
  ON CONFLICT (org_id, day, giver_team_id, receiver_team_id) DO UPDATE
    SET ratings = d.ratings + excluded.ratings, rating_sum = d.rating_sum + excluded.rating_sum;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER step_ratings_day_sums AFTER INSERT OR DELETE ON step_ratings
  FOR EACH ROW EXECUTE FUNCTION klantwerk_step_ratings_day_sums();
--> statement-breakpoint
-- Rebuilds one organisation's hand-off sums from its steps and ratings (after a bulk load, or to check them).
CREATE FUNCTION klantwerk_rebuild_handoff_sums(org uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM handoff_day_sums WHERE org_id = org;
  INSERT INTO handoff_day_sums AS d (org_id, day, giver_team_id, receiver_team_id, handoffs, done, on_time, ratings, rating_sum)
  SELECT org, day, giver, receiver, sum(handoffs), sum(done), sum(on_time), sum(ratings), sum(rating_sum)
    FROM (
      SELECT coalesce(s.done_on, s.due_date) AS day, s.team_id AS giver,
             coalesce(s.receiver_team_id, '00000000-0000-0000-0000-000000000000') AS receiver,
             count(*) AS handoffs, count(s.done_on) AS done, count(*) FILTER (WHERE s.done_on <= s.due_date) AS on_time,
             0 AS ratings, 0 AS rating_sum
        FROM promise_steps s WHERE s.org_id = org AND s.kind = 'handoff'
       GROUP BY 1, 2, 3
      UNION ALL
      SELECT r.handoff_day, r.giver_team_id, r.receiver_team_id, 0, 0, 0, count(*), sum(r.score)
        FROM step_ratings r WHERE r.org_id = org
       GROUP BY 1, 2, 3
    ) parts
   GROUP BY day, giver, receiver;
END
$$;
