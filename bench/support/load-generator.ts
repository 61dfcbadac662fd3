import http from 'node:http';

/**
 * A small HTTP load generator over keep-alive connections (autocannon is not installed and we add
 * no packages; Debian's `wrk` has no fixed-rate mode and cannot sign each body). Two modes:
 * fixed rate (open model: request i is due at start + i/rate and its latency is measured from
 * that due time, so a stalled server cannot hide queueing, i.e. no coordinated omission) and max
 * throughput (closed model: `connections` loops, each sending its next request when the previous
 * answered).
 */
export type LoadRequest = { path: string; body: string; headers?: Record<string, string> };

export type LoadResult = {
  sent: number;
  ok: number;
  statuses: Record<string, number>;
  errors: number;
  durationMs: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
};

export type LoadOptions = {
  port: number;
  connections: number;
  /** Builds request number i (signing happens here, just in time). */
  next: (i: number) => LoadRequest;
};

function send(agent: http.Agent, port: number, request: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: request.path,
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(request.body),
          ...request.headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

function summarize(
  latencies: Float64Array,
  count: number,
  statuses: Map<number, number>,
  errors: number,
  durationMs: number,
): LoadResult {
  const sorted = latencies.slice(0, count).sort();
  const at = (q: number) => (count === 0 ? 0 : (sorted[Math.min(count - 1, Math.floor(q * count))] ?? 0));
  const ok = statuses.get(200) ?? 0;
  return {
    sent: count,
    ok,
    statuses: Object.fromEntries([...statuses.entries()].map(([status, n]) => [String(status), n])),
    errors,
    durationMs: Math.round(durationMs),
    requestsPerSecond: Math.round((count / durationMs) * 1000),
    p50Ms: Number(at(0.5).toFixed(2)),
    p99Ms: Number(at(0.99).toFixed(2)),
    maxMs: Number((sorted[count - 1] ?? 0).toFixed(2)),
  };
}

/** Closed model: `total` requests (or until `durationMs`) from `connections` concurrent loops. */
export async function runMaxThroughput(
  options: LoadOptions & { total?: number; durationMs?: number },
): Promise<LoadResult> {
  const total = options.total ?? Number.POSITIVE_INFINITY;
  const capacity = Number.isFinite(total) ? total : 5_000_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies = new Float64Array(capacity);
  const statuses = new Map<number, number>();
  let issued = 0;
  let done = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = options.durationMs ? started + options.durationMs : Number.POSITIVE_INFINITY;
  const loop = async () => {
    while (issued < total && performance.now() < deadline) {
      const i = issued++;
      const request = options.next(i);
      const t0 = performance.now();
      try {
        const status = await send(agent, options.port, request);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      } catch {
        errors += 1;
      }
      latencies[done++] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  const durationMs = performance.now() - started;
  agent.destroy();
  return summarize(latencies, done, statuses, errors, durationMs);
}

/** Open model: `rate` requests per second for `durationMs`, whatever the server does. */
export async function runFixedRate(
  options: LoadOptions & { rate: number; durationMs: number },
): Promise<LoadResult> {
  const total = Math.round((options.rate * options.durationMs) / 1000);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies = new Float64Array(total);
  const statuses = new Map<number, number>();
  let done = 0;
  let errors = 0;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const request = options.next(i);
    inFlight.push(
      send(agent, options.port, request)
        .then(
          (status) => {
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
          },
          () => {
            errors += 1;
          },
        )
        .then(() => {
          latencies[done++] = performance.now() - due;
        }),
    );
  }
  await Promise.all(inFlight);
  const durationMs = performance.now() - started;
  agent.destroy();
  return summarize(latencies, done, statuses, errors, durationMs);
}
