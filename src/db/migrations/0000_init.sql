CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "jamf_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"base_url" text NOT NULL,
	"auth_kind" text NOT NULL,
	"auth_id" text NOT NULL,
	"auth_secret_ciphertext" text,
	"auth_secret_key_id" text,
	"schedule_cron" text DEFAULT '0 2 * * *' NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"page_size" integer DEFAULT 200 NOT NULL,
	"max_concurrency" integer DEFAULT 5 NOT NULL,
	"extension_attribute_mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"employee_policy" text DEFAULT 'create' NOT NULL,
	"ignore_list" jsonb DEFAULT '["admin","administrator","jamfadmin","root"]'::jsonb NOT NULL,
	"fetch_filevault_keys" boolean DEFAULT false NOT NULL,
	"removal_threshold" real DEFAULT 0.1 NOT NULL,
	"webhook_credentials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jamf_connections_organization_id_unique" UNIQUE("organization_id")
);
--> statement-breakpoint
CREATE TABLE "employee_emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"email" text NOT NULL,
	"normalized_email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"normalized_name" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_secure_fields" (
	"asset_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"recovery_key_ciphertext" text,
	"recovery_key_key_id" text,
	"recovery_key_fingerprint" text,
	"activation_lock_enabled" boolean,
	"recovery_lock_enabled" boolean,
	"apple_care_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"serial_number" text NOT NULL,
	"asset_type" text NOT NULL,
	"status" text NOT NULL,
	"condition" text,
	"location" text,
	"assignee_employee_id" uuid,
	"make" text,
	"model" text,
	"model_identifier" text,
	"model_number" text,
	"display_size_inches" real,
	"release_date" text,
	"color" text,
	"keyboard_language" text,
	"imei" text,
	"memory_mb" integer,
	"processor" text,
	"processor_frequency_mhz" integer,
	"storage_mb" bigint,
	"storage_type" text,
	"operating_system" text,
	"jamf_id" text,
	"jamf_kind" text,
	"jamf_presence" text,
	"jamf_removed_at" timestamp with time zone,
	"jamf_report_date" timestamp with time zone,
	"jamf_managed" boolean,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secure_field_reads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"asset_id" uuid,
	"actor" text NOT NULL,
	"field" text NOT NULL,
	"reason" text,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"run_id" uuid,
	"field" text NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_run_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"severity" text NOT NULL,
	"code" text NOT NULL,
	"serial_number" text,
	"jamf_id" text,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"connection_id" uuid,
	"trigger" text NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"owner" text NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"counts" jsonb NOT NULL,
	"failure_reason" text
);
--> statement-breakpoint
CREATE TABLE "job_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text,
	"expires_at" timestamp with time zone,
	"last_window" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jamf_connections" ADD CONSTRAINT "jamf_connections_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employee_emails" ADD CONSTRAINT "employee_emails_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employee_emails" ADD CONSTRAINT "employee_emails_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employees" ADD CONSTRAINT "employees_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_secure_fields" ADD CONSTRAINT "asset_secure_fields_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_secure_fields" ADD CONSTRAINT "asset_secure_fields_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_assignee_employee_id_employees_id_fk" FOREIGN KEY ("assignee_employee_id") REFERENCES "public"."employees"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_changes" ADD CONSTRAINT "asset_changes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_changes" ADD CONSTRAINT "asset_changes_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_changes" ADD CONSTRAINT "asset_changes_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_run_events" ADD CONSTRAINT "sync_run_events_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_connection_id_jamf_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."jamf_connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "employee_emails_org_email_uq" ON "employee_emails" USING btree ("organization_id","normalized_email");--> statement-breakpoint
CREATE INDEX "employee_emails_employee_idx" ON "employee_emails" USING btree ("employee_id");--> statement-breakpoint
CREATE INDEX "employees_org_name_idx" ON "employees" USING btree ("organization_id","normalized_name");--> statement-breakpoint
CREATE UNIQUE INDEX "assets_org_serial_uq" ON "assets" USING btree ("organization_id","serial_number");--> statement-breakpoint
CREATE INDEX "assets_org_jamf_id_idx" ON "assets" USING btree ("organization_id","jamf_kind","jamf_id");--> statement-breakpoint
CREATE INDEX "asset_changes_asset_idx" ON "asset_changes" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "asset_changes_run_idx" ON "asset_changes" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "sync_run_events_run_idx" ON "sync_run_events" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "sync_runs_org_started_idx" ON "sync_runs" USING btree ("organization_id","started_at");