CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ts` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`object_kind` text NOT NULL,
	`object_id` text NOT NULL,
	`job_id` text,
	`details_json` text,
	CONSTRAINT "audit_events_actor_check" CHECK("audit_events"."actor" IN ('api', 'engine'))
);
--> statement-breakpoint
CREATE INDEX `audit_events_ts_idx` ON `audit_events` (`ts`);--> statement-breakpoint
CREATE INDEX `audit_events_object_idx` ON `audit_events` (`object_kind`,`object_id`);--> statement-breakpoint
CREATE TABLE `bases` (
	`base_id` text PRIMARY KEY NOT NULL,
	`image_key` text NOT NULL,
	`init_spec_hash` text NOT NULL,
	`init_spec_json` text NOT NULL,
	`rel_path` text NOT NULL,
	`status` text NOT NULL,
	`size_allocated_bytes` integer,
	`created_at` integer NOT NULL,
	`ready_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`image_key`) REFERENCES `images`(`image_key`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bases_status_check" CHECK("bases"."status" IN ('building', 'ready', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bases_rel_path_unique` ON `bases` (`rel_path`);--> statement-breakpoint
CREATE UNIQUE INDEX `bases_image_key_init_spec_hash_unique` ON `bases` (`image_key`,`init_spec_hash`);--> statement-breakpoint
CREATE TABLE `file_hash_memo` (
	`path` text PRIMARY KEY NOT NULL,
	`dev` integer NOT NULL,
	`ino` integer NOT NULL,
	`size` integer NOT NULL,
	`mtime_ns` text NOT NULL,
	`ctime_ns` text NOT NULL,
	`sha256` text NOT NULL,
	`hashed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `images` (
	`image_key` text PRIMARY KEY NOT NULL,
	`runtime_kind` text NOT NULL,
	`display_ref` text NOT NULL,
	`repo_digest` text,
	`platform` text NOT NULL,
	`pg_major` integer NOT NULL,
	`pg_version` text NOT NULL,
	`run_uid` integer,
	`run_gid` integer,
	`locales` text,
	`first_seen_at` integer NOT NULL,
	`last_used_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `instances` (
	`instance_id` text PRIMARY KEY NOT NULL,
	`state_id` text NOT NULL,
	`image_key` text NOT NULL,
	`job_id` text,
	`runtime_kind` text NOT NULL,
	`runtime_id` text,
	`rel_dir` text NOT NULL,
	`socket_dir` text NOT NULL,
	`host` text NOT NULL,
	`port` integer,
	`db_user` text NOT NULL,
	`db_name` text NOT NULL,
	`password` text NOT NULL,
	`status` text NOT NULL,
	`status_reason` text,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`stopped_at` integer,
	`expires_at` integer,
	`last_reset_at` integer,
	`reset_count` integer DEFAULT 0 NOT NULL,
	`last_connections` integer,
	`connections_at` integer,
	`last_activity_at` integer,
	FOREIGN KEY (`job_id`) REFERENCES `prepare_jobs`(`job_id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "instances_instance_id_length_check" CHECK(length("instances"."instance_id") = 32),
	CONSTRAINT "instances_status_check" CHECK("instances"."status" IN ('active', 'stopped', 'expired', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `instances_rel_dir_unique` ON `instances` (`rel_dir`);--> statement-breakpoint
CREATE INDEX `instances_state_id_idx` ON `instances` (`state_id`);--> statement-breakpoint
CREATE INDEX `instances_status_idx` ON `instances` (`status`);--> statement-breakpoint
CREATE INDEX `instances_expires_at_idx` ON `instances` (`expires_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `instances_active_port_unique` ON `instances` (`port`) WHERE "instances"."status" = 'active' AND "instances"."port" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `lb_plan_memo` (
	`memo_key` text PRIMARY KEY NOT NULL,
	`plan_json` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `names` (
	`name` text PRIMARY KEY NOT NULL,
	`instance_id` text,
	`state_id` text,
	`reserved_job_id` text,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	FOREIGN KEY (`instance_id`) REFERENCES `instances`(`instance_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`state_id`) REFERENCES `states`(`state_id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`reserved_job_id`) REFERENCES `prepare_jobs`(`job_id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `names_instance_id_unique` ON `names` (`instance_id`) WHERE "names"."instance_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `names_state_id_idx` ON `names` (`state_id`);--> statement-breakpoint
CREATE TABLE `prepare_events` (
	`job_id` text NOT NULL,
	`seq` integer NOT NULL,
	`ts` integer NOT NULL,
	`type` text NOT NULL,
	`status` text,
	`task_id` text,
	`message` text,
	`result_json` text,
	`error_json` text,
	PRIMARY KEY(`job_id`, `seq`),
	FOREIGN KEY (`job_id`) REFERENCES `prepare_jobs`(`job_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `prepare_jobs` (
	`job_id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`prepare_kind` text NOT NULL,
	`plan_only` integer DEFAULT false NOT NULL,
	`image_ref` text NOT NULL,
	`image_key` text,
	`resolved_image_id` text,
	`name` text,
	`ttl_seconds` integer,
	`request_json` text NOT NULL,
	`prepare_args_normalized` text NOT NULL,
	`signature` text,
	`final_state_id` text,
	`instance_id` text,
	`result_json` text,
	`error_code` text,
	`error_json` text,
	`deadline_at` integer,
	`cancel_requested_at` integer,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	CONSTRAINT "prepare_jobs_status_check" CHECK("prepare_jobs"."status" IN ('queued', 'running', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `prepare_jobs_status_idx` ON `prepare_jobs` (`status`);--> statement-breakpoint
CREATE INDEX `prepare_jobs_signature_finished_at_idx` ON `prepare_jobs` (`signature`,`finished_at`);--> statement-breakpoint
CREATE INDEX `prepare_jobs_finished_at_idx` ON `prepare_jobs` (`finished_at`);--> statement-breakpoint
CREATE TABLE `prepare_tasks` (
	`job_id` text NOT NULL,
	`task_id` text NOT NULL,
	`position` integer NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`input_kind` text,
	`input_id` text,
	`task_hash` text,
	`output_state_id` text,
	`cached` integer,
	`args_summary` text,
	`step_json` text,
	`instance_id` text,
	`started_at` integer,
	`finished_at` integer,
	`error_json` text,
	PRIMARY KEY(`job_id`, `task_id`),
	FOREIGN KEY (`job_id`) REFERENCES `prepare_jobs`(`job_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prepare_tasks_job_id_position_unique` ON `prepare_tasks` (`job_id`,`position`);--> statement-breakpoint
CREATE INDEX `prepare_tasks_output_state_id_idx` ON `prepare_tasks` (`output_state_id`);--> statement-breakpoint
CREATE TABLE `states` (
	`state_id` text PRIMARY KEY NOT NULL,
	`base_id` text NOT NULL,
	`parent_state_id` text,
	`input_kind` text NOT NULL,
	`input_id` text NOT NULL,
	`task_hash` text NOT NULL,
	`prepare_kind` text NOT NULL,
	`depth` integer NOT NULL,
	`args_summary` text NOT NULL,
	`prepare_args_normalized` text NOT NULL,
	`step_json` text,
	`status` text NOT NULL,
	`build_job_id` text,
	`error_json` text,
	`rel_path` text NOT NULL,
	`snapshotter` text NOT NULL,
	`created_at` integer NOT NULL,
	`ready_at` integer,
	`last_used_at` integer,
	`use_count` integer DEFAULT 0 NOT NULL,
	`size_apparent_bytes` integer,
	`size_allocated_bytes` integer,
	`size_exclusive_bytes` integer,
	`size_measured_at` integer,
	`min_retention_until` integer,
	FOREIGN KEY (`base_id`) REFERENCES `bases`(`base_id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`parent_state_id`) REFERENCES `states`(`state_id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`build_job_id`) REFERENCES `prepare_jobs`(`job_id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "states_state_id_length_check" CHECK(length("states"."state_id") = 64),
	CONSTRAINT "states_input_kind_check" CHECK("states"."input_kind" IN ('image', 'state')),
	CONSTRAINT "states_prepare_kind_check" CHECK("states"."prepare_kind" IN ('psql', 'lb')),
	CONSTRAINT "states_status_check" CHECK("states"."status" IN ('building', 'ready', 'failed', 'missing'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `states_rel_path_unique` ON `states` (`rel_path`);--> statement-breakpoint
CREATE INDEX `states_parent_state_id_idx` ON `states` (`parent_state_id`);--> statement-breakpoint
CREATE INDEX `states_base_id_idx` ON `states` (`base_id`);--> statement-breakpoint
CREATE INDEX `states_status_last_used_at_idx` ON `states` (`status`,`last_used_at`);--> statement-breakpoint
CREATE INDEX `states_build_job_id_idx` ON `states` (`build_job_id`);