-- The occasions logged before themes existed get their stemmed words, in the organisation's language.
UPDATE "extras" e
   SET "occasion_tsv" = to_tsvector((CASE o."default_language" WHEN 'en' THEN 'english' ELSE 'dutch' END)::regconfig, e."occasion")
  FROM "organizations" o
 WHERE o."id" = e."org_id" AND e."occasion_tsv" IS NULL;
