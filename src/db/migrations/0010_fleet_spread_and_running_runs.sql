ALTER TABLE "jamf_connections" ADD COLUMN "spread_minutes" integer;--> statement-breakpoint
CREATE INDEX "sync_runs_running_idx" ON "sync_runs" USING btree ("status") WHERE status = 'running';