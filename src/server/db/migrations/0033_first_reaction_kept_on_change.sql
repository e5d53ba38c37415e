-- The reaction given when an extra is logged is no longer copied into extra_reactions at once: while it
-- is the extra's only reaction, the extra's own columns hold it, and the readers of the history
-- (extras.repo selectReactions, the privacy export) show it from there (the author, at the moment the
-- extra was logged). When it is first changed, this trigger writes it as the first row of the history
-- (as logging did before), so every version is kept. Saves a row, two index entries and a foreign-key
-- check per logged extra with a reaction. The trigger runs after the extra's row is updated, so it holds
-- that row's lock: a second change at the same moment waits, then finds the first row written.
-- An extra being deleted loses its reaction history anyway (extras.service deleteExtra).
CREATE OR REPLACE FUNCTION klantwerk_keep_first_reaction() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO extra_reactions (org_id, extra_id, reaction_text, reaction_score, changed_by, changed_at, source)
  SELECT OLD.org_id, OLD.id, OLD.reaction_text, OLD.reaction_score, OLD.member_id, OLD.created_at, 'member'
   WHERE NOT EXISTS (SELECT 1 FROM extra_reactions r WHERE r.org_id = OLD.org_id AND r.extra_id = OLD.id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER extras_keep_first_reaction AFTER UPDATE OF reaction_text, reaction_score ON extras
  FOR EACH ROW
  WHEN ((OLD.reaction_text IS NOT NULL OR OLD.reaction_score IS NOT NULL) AND NEW.deleted_at IS NULL
        AND (OLD.reaction_text IS DISTINCT FROM NEW.reaction_text OR OLD.reaction_score IS DISTINCT FROM NEW.reaction_score))
  EXECUTE FUNCTION klantwerk_keep_first_reaction();
