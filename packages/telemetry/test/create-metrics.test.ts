import { describe, expect, it } from 'vitest';
import { createMetrics } from '../src/index.js';

const SERIES: Record<string, 'counter' | 'gauge' | 'histogram'> = {
  sqlrs_http_requests_total: 'counter',
  sqlrs_http_request_duration_seconds: 'histogram',
  sqlrs_prepare_jobs_total: 'counter',
  sqlrs_prepare_jobs: 'gauge',
  sqlrs_prepare_job_duration_seconds: 'histogram',
  sqlrs_plan_duration_seconds: 'histogram',
  sqlrs_prepare_steps_total: 'counter',
  sqlrs_state_build_duration_seconds: 'histogram',
  sqlrs_snapshot_duration_seconds: 'histogram',
  sqlrs_snapshot_size_bytes: 'histogram',
  sqlrs_instances: 'gauge',
  sqlrs_instance_start_duration_seconds: 'histogram',
  sqlrs_event_streams: 'gauge',
  sqlrs_runs_total: 'counter',
  sqlrs_instances_expiry_deferred_total: 'counter',
  sqlrs_cache_usage_bytes: 'gauge',
  sqlrs_cache_effective_max_bytes: 'gauge',
  sqlrs_cache_states: 'gauge',
  sqlrs_cache_evictions_total: 'counter',
  sqlrs_cache_evicted_bytes_total: 'counter',
};

const LABELS: Record<string, string[]> = {
  sqlrs_http_requests_total: ['method', 'route', 'status'],
  sqlrs_http_request_duration_seconds: ['method', 'route'],
  sqlrs_prepare_jobs_total: ['kind', 'outcome'],
  sqlrs_prepare_jobs: ['status'],
  sqlrs_prepare_job_duration_seconds: ['kind'],
  sqlrs_plan_duration_seconds: ['kind'],
  sqlrs_prepare_steps_total: ['kind', 'cache'],
  sqlrs_state_build_duration_seconds: ['kind'],
  sqlrs_snapshot_duration_seconds: ['backend', 'op'],
  sqlrs_snapshot_size_bytes: ['backend'],
  sqlrs_instances: ['status'],
  sqlrs_instance_start_duration_seconds: ['runtime'],
  sqlrs_event_streams: [],
  sqlrs_runs_total: ['kind', 'outcome'],
  sqlrs_instances_expiry_deferred_total: [],
  sqlrs_cache_usage_bytes: [],
  sqlrs_cache_effective_max_bytes: [],
  sqlrs_cache_states: [],
  sqlrs_cache_evictions_total: ['trigger'],
  sqlrs_cache_evicted_bytes_total: ['trigger'],
};

describe('createMetrics', () => {
  it('registers every api.md §3.4 series with its type and labels', async () => {
    const metrics = createMetrics();
    const described = await metrics.registry.getMetricsAsJSON();
    const sqlrs = Object.fromEntries(
      described.filter((m) => m.name.startsWith('sqlrs_')).map((m) => [m.name, m.type.toString()]),
    );
    expect(sqlrs).toEqual(SERIES);
    for (const [name, labels] of Object.entries(LABELS)) {
      const metric = metrics.registry.getSingleMetric(name) as unknown as { labelNames: string[] };
      expect(metric.labelNames, name).toEqual(labels);
    }
  });

  it('renders Prometheus text with default process and nodejs metrics', async () => {
    const metrics = createMetrics();
    metrics.prepareStepsTotal.inc({ kind: 'psql', cache: 'hit' }, 14);
    const rendered = await metrics.render();
    expect(rendered.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(rendered.body).toContain('# TYPE sqlrs_prepare_steps_total counter\nsqlrs_prepare_steps_total{kind="psql",cache="hit"} 14\n');
    expect(rendered.body).toMatch(/^process_cpu_user_seconds_total /m);
    expect(rendered.body).toMatch(/^nodejs_heap_size_total_bytes /m);
  });

  it('observes an HTTP request as one count and one duration sample', async () => {
    const metrics = createMetrics();
    metrics.observeHttpRequest({ method: 'GET', route: '/v1/instances/:id', status: 200, seconds: 0.02 });
    const counter = await metrics.httpRequestsTotal.get();
    expect(counter.values).toEqual([{ labels: { method: 'GET', route: '/v1/instances/:id', status: '200' }, value: 1 }]);
    const histogram = await metrics.httpRequestDurationSeconds.get();
    const count = histogram.values.find((v) => v.metricName === 'sqlrs_http_request_duration_seconds_count');
    const sum = histogram.values.find((v) => v.metricName === 'sqlrs_http_request_duration_seconds_sum');
    expect(count).toEqual({ labels: { method: 'GET', route: '/v1/instances/:id' }, value: 1, metricName: 'sqlrs_http_request_duration_seconds_count' });
    expect(sum?.value).toBeCloseTo(0.02);
  });

  it('keeps registries apart, so many can exist in one process', async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.eventStreams.set(3);
    expect((await first.eventStreams.get()).values[0]?.value).toBe(3);
    expect((await second.eventStreams.get()).values[0]?.value).toBe(0);
  });
});
