ALTER TABLE "jamf_connections" ADD COLUMN "device_scope" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "out_of_scope_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "device_scope" jsonb;--> statement-breakpoint
CREATE INDEX "assets_org_out_of_scope_idx" ON "assets" USING btree ("organization_id") WHERE out_of_scope_at is not null;