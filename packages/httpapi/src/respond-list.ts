import type { Context } from 'hono';

/** True when the client asked for NDJSON (lowercased Accept contains it, api.md §1.8). */
function wantsNdjson(c: Context): boolean {
  return (c.req.header('accept') ?? '').toLowerCase().includes('application/x-ndjson');
}

/** Sends a list as a JSON array, or as NDJSON (one object per line) when the client asked for it. */
export function respondList(c: Context, items: readonly unknown[]): Response {
  if (wantsNdjson(c)) {
    let body = '';
    for (const item of items) body += `${JSON.stringify(item)}\n`;
    return new Response(body, {
      status: 200,
      headers: { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store' },
    });
  }
  return new Response(JSON.stringify(items), { status: 200, headers: { 'Content-Type': 'application/json' } });
}
