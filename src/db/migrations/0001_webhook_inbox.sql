CREATE TABLE "webhook_inbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"dedupe_key" text NOT NULL,
	"event_name" text NOT NULL,
	"status" text NOT NULL,
	"outcome" text,
	"device_kind" text,
	"jamf_id" text,
	"serial_number" text,
	"event_timestamp" timestamp with time zone,
	"content_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"deliveries" integer DEFAULT 1 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_by" text,
	"last_error" text,
	"run_id" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "webhook_inbox" ADD CONSTRAINT "webhook_inbox_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_inbox" ADD CONSTRAINT "webhook_inbox_connection_id_jamf_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jamf_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_inbox" ADD CONSTRAINT "webhook_inbox_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_inbox_dedupe_key_idx" ON "webhook_inbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "webhook_inbox_ready_idx" ON "webhook_inbox" USING btree ("available_at") WHERE status in ('pending', 'processing');--> statement-breakpoint
CREATE INDEX "webhook_inbox_open_received_idx" ON "webhook_inbox" USING btree ("received_at") WHERE status in ('pending', 'processing');--> statement-breakpoint
CREATE INDEX "webhook_inbox_dead_idx" ON "webhook_inbox" USING btree ("received_at") WHERE status = 'dead';--> statement-breakpoint
CREATE INDEX "webhook_inbox_received_idx" ON "webhook_inbox" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "webhook_inbox_connection_idx" ON "webhook_inbox" USING btree ("connection_id");