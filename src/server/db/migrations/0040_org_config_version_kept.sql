-- organizations.config_version (migration 0039) goes up, in the same transaction, whenever something
-- changes that the quick path for a free extra relies on: who may log in the organisation (members:
-- added, removed, their person, status or roles), their teams (team_members: any change; teams:
-- archived or removed), the mandates and the core values (any change), and the organisation's own
-- language and time zone. The app remembers, per process, a session's context and an organisation's
-- mandates and active values with the version it read them at; the free extra's statement writes only
-- when the organisation's version is still that one (extras.repo insertFreeExtra), else the app reads
-- them again. The triggers run once per statement (transition tables) and update each organisation
-- concerned once, however many rows changed. An UPDATE trigger given columns (its argument) counts only
-- rows whose columns changed, so that an UPDATE of other columns raises nothing.
CREATE OR REPLACE FUNCTION klantwerk_config_version_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE organizations SET config_version = config_version + 1
   WHERE id IN (SELECT org_id FROM changed_rows);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION klantwerk_config_version_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_NARGS = 0 THEN
    UPDATE organizations SET config_version = config_version + 1
     WHERE id IN (SELECT org_id FROM old_rows UNION SELECT org_id FROM new_rows);
  ELSE
    EXECUTE format('UPDATE organizations SET config_version = config_version + 1
                     WHERE id IN (SELECT org_id FROM (SELECT %1$s FROM new_rows EXCEPT SELECT %1$s FROM old_rows) n
                                  UNION SELECT org_id FROM (SELECT %1$s FROM old_rows EXCEPT SELECT %1$s FROM new_rows) o)',
                   TG_ARGV[0]);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION klantwerk_config_version_org() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.default_language IS DISTINCT FROM OLD.default_language OR NEW.time_zone IS DISTINCT FROM OLD.time_zone THEN
    NEW.config_version := OLD.config_version + 1;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_config_version BEFORE UPDATE OF default_language, time_zone ON organizations
  FOR EACH ROW EXECUTE FUNCTION klantwerk_config_version_org();
--> statement-breakpoint
-- Per table: which of INSERT and DELETE count, and which columns of an UPDATE (empty: any change).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('members', true, 'org_id, id, user_id, status, roles'),
                                 ('team_members', true, ''),
                                 ('teams', false, 'org_id, id, archived_at'),
                                 ('mandates', true, ''),
                                 ('core_values', true, '')) AS x(tab, inserts, columns)
  LOOP
    IF t.inserts THEN
      EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION klantwerk_config_version_rows()', t.tab || '_config_version_insert', t.tab);
    END IF;
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION klantwerk_config_version_rows()', t.tab || '_config_version_delete', t.tab);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION klantwerk_config_version_updated(%s)',
                   t.tab || '_config_version_update', t.tab, CASE WHEN t.columns = '' THEN '' ELSE quote_literal(t.columns) END);
  END LOOP;
END
$$;
