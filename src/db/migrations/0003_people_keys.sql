ALTER TABLE "jamf_connections" ADD COLUMN "derive_names_from_email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "employees" ADD COLUMN "name_key" text;--> statement-breakpoint
CREATE INDEX "employees_org_name_key_idx" ON "employees" USING btree ("organization_id","name_key");--> statement-breakpoint
-- normalizeEmail (src/planner/people.ts) now drops a plus-address tag: re-key the stored emails the
-- same way. Where several stored addresses fold into one key (jane@ and jane+mac@ both on record),
-- the oldest takes the key and the others keep their old one (the unique index allows no two).
UPDATE "employee_emails" e SET "normalized_email" = k.folded
FROM (
  SELECT id, folded, row_number() OVER (PARTITION BY organization_id, folded ORDER BY created_at, id) AS n
  FROM (SELECT id, organization_id, created_at, regexp_replace(normalized_email, '^([^@+]+)\+[^@]*@', '\1@') AS folded FROM "employee_emails") f
) k
WHERE e.id = k.id AND k.n = 1 AND e.normalized_email <> k.folded
  AND NOT EXISTS (SELECT 1 FROM "employee_emails" o WHERE o.organization_id = e.organization_id AND o.normalized_email = k.folded);
