-- Domains connected before DNS proof existed were proven the old way (an active member had an address
-- there, proven by a mailed link). They stay proven, so an upgrade does not switch single sign-on off
-- for people who have no password; new domains must be proven by their TXT record.
UPDATE "sso_domains" SET "verified_at" = now() WHERE "verified_at" IS NULL;
