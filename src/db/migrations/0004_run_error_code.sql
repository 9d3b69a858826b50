ALTER TABLE "sync_runs" ADD COLUMN "error_code" text;--> statement-breakpoint
-- Runs recorded before codes existed: what can be told from their status and reason.
UPDATE "sync_runs" SET "error_code" = 'run_interrupted' WHERE "status" = 'interrupted';--> statement-breakpoint
UPDATE "sync_runs" SET "error_code" = 'removal_guard_tripped' WHERE "status" = 'failed' AND "failure_reason" LIKE '% are missing from Jamf, more than %';
