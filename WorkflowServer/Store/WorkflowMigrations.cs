using TraceApp.Storage;

namespace TraceApp.WorkflowServer.Store;

/// <summary>
/// The <c>workflows</c> schema, one versioned step at a time (recorded in <c>workflows.schema_migrations</c>, apart
/// from the job store's). Append new steps; never edit an applied one.
/// </summary>
internal static class WorkflowMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "runs, steps, workers", """
            CREATE TABLE workflows.runs (
                id                    uuid PRIMARY KEY,
                namespace             text NOT NULL,
                workflow_type         text NOT NULL,
                task_queue            text NOT NULL,
                external_id           text NULL,
                state                 text NOT NULL CHECK (state IN ('PENDING', 'RUNNING', 'SLEEPING', 'COMPLETED', 'FAILED', 'CANCELLED')),
                attempt               integer NOT NULL DEFAULT 1,
                input                 jsonb NULL,
                output                jsonb NULL,
                error                 text NULL,
                traceparent           text NULL,
                trace_id              text NULL,
                retry_of              uuid NULL REFERENCES workflows.runs (id) ON DELETE SET NULL,
                retry_max_attempts    integer NULL,
                retry_initial_ms      bigint NULL,
                retry_coefficient     double precision NULL,
                retry_max_interval_ms bigint NULL,
                retry_non_retryable   text[] NULL,
                available_at          timestamptz NOT NULL,
                wake_at               timestamptz NULL,
                worker_id             uuid NULL,
                lease_expires_at      timestamptz NULL,
                created_at            timestamptz NOT NULL DEFAULT now(),
                updated_at            timestamptz NOT NULL DEFAULT now(),
                finished_at           timestamptz NULL
            );
            -- Idempotent starts: one non-terminal run per (namespace, external_id).
            CREATE UNIQUE INDEX runs_active_external_id ON workflows.runs (namespace, external_id)
                WHERE external_id IS NOT NULL AND state IN ('PENDING', 'RUNNING', 'SLEEPING');
            -- Claims and due times: the runs waiting to be handed out.
            CREATE INDEX runs_waiting ON workflows.runs (namespace, task_queue, available_at) WHERE state IN ('PENDING', 'SLEEPING');
            CREATE INDEX runs_leased ON workflows.runs (lease_expires_at) WHERE state = 'RUNNING';
            CREATE INDEX runs_worker ON workflows.runs (worker_id) WHERE state = 'RUNNING';
            CREATE INDEX runs_created_at ON workflows.runs (created_at DESC, id DESC);
            CREATE INDEX runs_state_created_at ON workflows.runs (state, created_at DESC, id DESC);

            CREATE TABLE workflows.steps (
                run_id      uuid NOT NULL REFERENCES workflows.runs (id) ON DELETE CASCADE,
                name        text NOT NULL,
                kind        text NOT NULL CHECK (kind IN ('step', 'timer')),
                state       text NOT NULL CHECK (state IN ('RUNNING', 'COMPLETED', 'FAILED')),
                attempt     integer NOT NULL DEFAULT 1,
                output      jsonb NULL,
                error       text NULL,
                wake_at     timestamptz NULL,
                started_at  timestamptz NOT NULL DEFAULT now(),
                finished_at timestamptz NULL,
                PRIMARY KEY (run_id, name)
            );

            CREATE TABLE workflows.workers (
                id              uuid PRIMARY KEY,
                namespace       text NOT NULL,
                task_queue      text NOT NULL,
                workflow_types  text[] NOT NULL,
                identity        text NOT NULL,
                max_concurrency integer NOT NULL,
                registered_at   timestamptz NOT NULL DEFAULT now(),
                last_heartbeat  timestamptz NOT NULL DEFAULT now(),
                draining        boolean NOT NULL DEFAULT false
            );
            """),
    ];
}
