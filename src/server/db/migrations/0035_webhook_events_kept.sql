-- organizations.webhook_events: the events at least one active webhook address of the organisation wants,
-- kept by this trigger whenever an address is added, removed, switched on or off or given other events,
-- in the same transaction (an address never moves to another organisation). Logging an extra reads it in its own statement (with the organisation's
-- language) and leaves out the look-up of addresses when 'extra.logged' is not among them; a process
-- that guessed wrong writes nothing and asks again with the look-up (extras.repo insertFreeExtra), so it
-- holds for every app process at once. The trigger locks the organisation's row before it reads the
-- addresses: two changes at the same moment are read one after the other, so neither loses the other's.
CREATE OR REPLACE FUNCTION klantwerk_org_webhook_events() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  org uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.org_id ELSE NEW.org_id END;
BEGIN
  PERFORM 1 FROM organizations WHERE id = org FOR NO KEY UPDATE;
  UPDATE organizations SET webhook_events = coalesce(
           (SELECT array_agg(DISTINCT e ORDER BY e) FROM webhook_endpoints w CROSS JOIN LATERAL unnest(w.events) AS e
             WHERE w.org_id = org AND w.active), '{}')
   WHERE id = org;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER webhook_endpoints_org_events AFTER INSERT OR DELETE OR UPDATE OF active, events ON webhook_endpoints
  FOR EACH ROW EXECUTE FUNCTION klantwerk_org_webhook_events();
--> statement-breakpoint
UPDATE organizations o SET webhook_events = coalesce(
         (SELECT array_agg(DISTINCT e ORDER BY e) FROM webhook_endpoints w CROSS JOIN LATERAL unnest(w.events) AS e
           WHERE w.org_id = o.id AND w.active), '{}')
 WHERE EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.org_id = o.id);
