import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus text exposition `GET /metrics` answers with (api.md §3.4). */
export interface RenderedMetrics {
  contentType: 'text/plain; version=0.0.4; charset=utf-8';
  body: string;
}

/** One finished HTTP request; `route` is the route template (`/v1/instances/:id`), never a raw path. */
export interface HttpRequestObservation {
  method: string;
  route: string;
  status: number;
  seconds: number;
}

/** Every sqlrs series of api.md §3.4 on a registry of its own, plus rendering. */
export interface Metrics {
  readonly registry: Registry;
  readonly httpRequestsTotal: Counter<'method' | 'route' | 'status'>;
  readonly httpRequestDurationSeconds: Histogram<'method' | 'route'>;
  /** `outcome`: succeeded | failed | cancelled. */
  readonly prepareJobsTotal: Counter<'kind' | 'outcome'>;
  /** `status`: queued | running. */
  readonly prepareJobs: Gauge<'status'>;
  readonly prepareJobDurationSeconds: Histogram<'kind'>;
  readonly planDurationSeconds: Histogram<'kind'>;
  /** `cache`: hit | miss. */
  readonly prepareStepsTotal: Counter<'kind' | 'cache'>;
  readonly stateBuildDurationSeconds: Histogram<'kind'>;
  /** `op`: clone | capture | destroy. */
  readonly snapshotDurationSeconds: Histogram<'backend' | 'op'>;
  readonly snapshotSizeBytes: Histogram<'backend'>;
  readonly instances: Gauge<'status'>;
  readonly instanceStartDurationSeconds: Histogram<'runtime'>;
  readonly eventStreams: Gauge;
  /** `outcome`: exit_zero | exit_nonzero | error. */
  readonly runsTotal: Counter<'kind' | 'outcome'>;
  readonly instancesExpiryDeferredTotal: Counter;
  readonly cacheUsageBytes: Gauge;
  readonly cacheEffectiveMaxBytes: Gauge;
  readonly cacheStates: Gauge;
  /** `trigger` as api.md §7.1. */
  readonly cacheEvictionsTotal: Counter<'trigger'>;
  readonly cacheEvictedBytesTotal: Counter<'trigger'>;
  /** Counts one request and records its duration. */
  observeHttpRequest(observation: HttpRequestObservation): void;
  /** The whole registry in Prometheus text format. */
  render(): Promise<RenderedMetrics>;
}

const HTTP_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const JOB_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];
const PLAN_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60];
const SNAPSHOT_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const START_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];
const MIB = 1024 * 1024;
const SIZE_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536].map((mib) => mib * MIB);

/** Creates a registry with the default process/nodejs metrics and every sqlrs series. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Gauge<L>({ name, help, labelNames, registers });
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]) =>
    new Histogram<L>({ name, help, labelNames, buckets, registers });

  const httpRequestsTotal = counter('sqlrs_http_requests_total', 'HTTP requests answered.', [
    'method',
    'route',
    'status',
  ]);
  const httpRequestDurationSeconds = histogram(
    'sqlrs_http_request_duration_seconds',
    'HTTP request duration until the response started.',
    ['method', 'route'],
    HTTP_BUCKETS,
  );
  return {
    registry,
    httpRequestsTotal,
    httpRequestDurationSeconds,
    prepareJobsTotal: counter('sqlrs_prepare_jobs_total', 'Prepare jobs finished, by outcome.', ['kind', 'outcome']),
    prepareJobs: gauge('sqlrs_prepare_jobs', 'Non-terminal prepare jobs, by status.', ['status']),
    prepareJobDurationSeconds: histogram(
      'sqlrs_prepare_job_duration_seconds',
      'Prepare job duration from submit to terminal status.',
      ['kind'],
      JOB_BUCKETS,
    ),
    planDurationSeconds: histogram('sqlrs_plan_duration_seconds', 'Planning duration of a job.', ['kind'], PLAN_BUCKETS),
    prepareStepsTotal: counter('sqlrs_prepare_steps_total', 'Prepare steps by cache hit or miss.', ['kind', 'cache']),
    stateBuildDurationSeconds: histogram(
      'sqlrs_state_build_duration_seconds',
      'Duration of building one state (one step executed and captured).',
      ['kind'],
      JOB_BUCKETS,
    ),
    snapshotDurationSeconds: histogram(
      'sqlrs_snapshot_duration_seconds',
      'Snapshot operation duration.',
      ['backend', 'op'],
      SNAPSHOT_BUCKETS,
    ),
    snapshotSizeBytes: histogram('sqlrs_snapshot_size_bytes', 'Size of captured states.', ['backend'], SIZE_BUCKETS),
    instances: gauge('sqlrs_instances', 'Instances by status.', ['status']),
    instanceStartDurationSeconds: histogram(
      'sqlrs_instance_start_duration_seconds',
      'Duration of starting an instance until it accepts connections.',
      ['runtime'],
      START_BUCKETS,
    ),
    eventStreams: gauge('sqlrs_event_streams', 'Open job event streams.', []),
    runsTotal: counter('sqlrs_runs_total', 'Runs finished, by outcome.', ['kind', 'outcome']),
    instancesExpiryDeferredTotal: counter(
      'sqlrs_instances_expiry_deferred_total',
      'Instance expiries deferred because the instance was in use.',
      [],
    ),
    cacheUsageBytes: gauge('sqlrs_cache_usage_bytes', 'Bytes used by cached states.', []),
    cacheEffectiveMaxBytes: gauge('sqlrs_cache_effective_max_bytes', 'Effective cache capacity in bytes.', []),
    cacheStates: gauge('sqlrs_cache_states', 'Cached states.', []),
    cacheEvictionsTotal: counter('sqlrs_cache_evictions_total', 'States evicted from the cache.', ['trigger']),
    cacheEvictedBytesTotal: counter('sqlrs_cache_evicted_bytes_total', 'Bytes freed by cache evictions.', ['trigger']),
    observeHttpRequest({ method, route, status, seconds }) {
      httpRequestsTotal.inc({ method, route, status: String(status) });
      httpRequestDurationSeconds.observe({ method, route }, seconds);
    },
    async render() {
      return { contentType: 'text/plain; version=0.0.4; charset=utf-8', body: await registry.metrics() };
    },
  };
}
