CREATE TABLE "held_assignee_assets" (
	"held_assignee_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"outcome" text,
	CONSTRAINT "held_assignee_assets_held_assignee_id_asset_id_pk" PRIMARY KEY("held_assignee_id","asset_id")
);
--> statement-breakpoint
CREATE TABLE "held_assignees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"email" text NOT NULL,
	"normalized_email" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"resembles" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decision" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"employee_id" uuid
);
--> statement-breakpoint
ALTER TABLE "held_assignee_assets" ADD CONSTRAINT "held_assignee_assets_held_assignee_id_held_assignees_id_fk" FOREIGN KEY ("held_assignee_id") REFERENCES "public"."held_assignees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_assignee_assets" ADD CONSTRAINT "held_assignee_assets_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_assignee_assets" ADD CONSTRAINT "held_assignee_assets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_assignees" ADD CONSTRAINT "held_assignees_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_assignees" ADD CONSTRAINT "held_assignees_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "held_assignees_pending_uq" ON "held_assignees" USING btree ("organization_id","normalized_email") WHERE decision is null;--> statement-breakpoint
CREATE INDEX "held_assignees_org_idx" ON "held_assignees" USING btree ("organization_id","decision");