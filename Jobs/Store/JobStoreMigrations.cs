using TraceApp.Storage;

namespace TraceApp.Jobs.Store;

/// <summary>The schema, one versioned step at a time. Append new steps; never edit an applied one.</summary>
internal static class JobStoreMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "jobs, job_events, job_results, workers", """
            CREATE TABLE jobs (
                id               uuid PRIMARY KEY,
                operation        text NOT NULL,
                kind             text NOT NULL CHECK (kind IN ('query', 'modify')),
                target           text NOT NULL,
                params           jsonb NULL,
                status           text NOT NULL CHECK (status IN ('pending', 'acknowledged', 'running', 'completed', 'failed')),
                worker           text NULL,
                trace_id         text NULL,
                traceparent      text NULL,
                retry_of         uuid NULL REFERENCES jobs (id) ON DELETE SET NULL,
                expected_workers text[] NULL,
                attempts         integer NOT NULL DEFAULT 0,
                created_at       timestamptz NOT NULL,
                updated_at       timestamptz NOT NULL,
                ack_deadline     timestamptz NULL,
                finished_at      timestamptz NULL,
                error            text NULL
            );
            CREATE INDEX jobs_created_at ON jobs (created_at DESC, id DESC);
            CREATE INDEX jobs_status_created_at ON jobs (status, created_at DESC, id DESC);
            CREATE INDEX jobs_operation_created_at ON jobs (operation, created_at DESC, id DESC);
            CREATE INDEX jobs_pending_ack_deadline ON jobs (ack_deadline) WHERE status = 'pending';
            CREATE INDEX jobs_active_worker ON jobs (worker) WHERE status IN ('acknowledged', 'running');
            CREATE INDEX jobs_retry_of ON jobs (retry_of) WHERE retry_of IS NOT NULL;

            CREATE TABLE job_events (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                job_id      uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
                type        text NOT NULL CHECK (type IN ('submitted', 'acknowledged', 'started', 'completed', 'failed', 'retried')),
                worker      text NULL,
                occurred_at timestamptz NOT NULL,
                trace_id    text NULL,
                message     text NULL
            );
            CREATE INDEX job_events_job_id ON job_events (job_id, id);

            CREATE TABLE job_results (
                job_id      uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
                worker      text NOT NULL,
                host        text NOT NULL,
                payload     jsonb NULL,
                error       text NULL,
                recorded_at timestamptz NOT NULL,
                PRIMARY KEY (job_id, worker)
            );

            CREATE TABLE workers (
                name           text PRIMARY KEY,
                host           text NOT NULL,
                subjects       text[] NOT NULL,
                registered_at  timestamptz NOT NULL,
                last_heartbeat timestamptz NOT NULL
            );
            CREATE INDEX workers_last_heartbeat ON workers (last_heartbeat);
            """),
        new(2, "job_events type dispatched (re-dispatch)", """
            ALTER TABLE job_events DROP CONSTRAINT job_events_type_check;
            ALTER TABLE job_events ADD CONSTRAINT job_events_type_check
                CHECK (type IN ('submitted', 'acknowledged', 'started', 'completed', 'failed', 'retried', 'dispatched'));
            """),
    ];
}
