// A small closed-loop HTTP load generator: `connections` keep-alive clients each send the next
// request as soon as the previous response body has been read, for `seconds`. Reports requests/s
// and latency percentiles. Bounded in count and time; loopback only.
import http from 'node:http';

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * Runs one load test and resolves to { requests, errors, rps, p50Ms, p99Ms, bytesPerResponse }.
 * Every response must have status 200; anything else counts as an error.
 */
export async function load({ url, headers = {}, connections = 8, seconds = 5, maxRequests = 1_000_000 }) {
  const target = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error(`refusing non-loopback target ${url}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  let errors = 0;
  let bytes = 0;
  let sent = 0;
  const deadline = performance.now() + seconds * 1000;
  const once = () =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = http.get(target, { agent, headers }, (res) => {
        let size = 0;
        res.on('data', (chunk) => (size += chunk.length));
        res.on('end', () => {
          latencies.push(performance.now() - started);
          if (res.statusCode !== 200) errors += 1;
          bytes += size;
          resolve();
        });
      });
      req.on('error', () => {
        errors += 1;
        resolve();
      });
    });
  const worker = async () => {
    while (performance.now() < deadline && sent < maxRequests) {
      sent += 1;
      await once();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    rps: Math.round(latencies.length / elapsed),
    p50Ms: Number(percentile(latencies, 50).toFixed(2)),
    p99Ms: Number(percentile(latencies, 99).toFixed(2)),
    bytesPerResponse: latencies.length > 0 ? Math.round(bytes / latencies.length) : 0,
  };
}
