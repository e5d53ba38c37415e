-- A free extra logged with an Idempotency-Key keeps the key on its own row (migration 0037) instead of
-- an idempotency_keys row with its answer: a retry is answered from the extra itself. So that a retry
-- still gets the first answer after the extra was changed (edited, hidden, its reaction recorded,
-- deleted), this trigger keeps that first answer in idempotency_keys at its first change, as logging
-- stored it before (the same fields as extras.service's toExtra, the author's name, 24 hours to edit),
-- for the same 48 hours (lib/sweep.ts removes it then). A retry looks there first.
CREATE OR REPLACE FUNCTION klantwerk_keep_first_answer() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO idempotency_keys (org_id, member_id, key, request_hash, status, response, created_at)
  SELECT OLD.org_id, OLD.member_id, OLD.idempotency_key, OLD.request_hash, 201,
         json_build_object(
           'id', OLD.id,
           'member', json_build_object('id', OLD.member_id, 'name',
             coalesce((SELECT u.name FROM members m JOIN auth_user u ON u.id = m.user_id
                        WHERE m.org_id = OLD.org_id AND m.id = OLD.member_id), '')),
           'teamIds', OLD.team_ids,
           'occurredAt', to_char(OLD.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'occasion', OLD.occasion,
           'action', OLD.action,
           'kind', OLD.kind,
           'costCents', OLD.cost_cents,
           'minutes', OLD.minutes,
           'valueIds', OLD.value_ids,
           'customerRef', OLD.customer_ref,
           'reactionText', OLD.reaction_text,
           'reactionScore', OLD.reaction_score,
           'aboveMandate', OLD.above_mandate,
           'aboveMandateReason', OLD.above_mandate_reason,
           'inFeed', OLD.in_feed,
           'hidden', CASE WHEN OLD.hidden_at IS NULL THEN NULL
                          ELSE json_build_object('reason', coalesce(OLD.hidden_reason, ''),
                                                 'at', to_char(OLD.hidden_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END,
           'editableUntil', to_char((OLD.created_at + interval '24 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'createdAt', to_char(OLD.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
         OLD.created_at
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER extras_keep_first_answer AFTER UPDATE ON extras
  FOR EACH ROW
  WHEN (OLD.idempotency_key IS NOT NULL AND OLD.created_at > now() - interval '48 hours')
  EXECUTE FUNCTION klantwerk_keep_first_answer();
