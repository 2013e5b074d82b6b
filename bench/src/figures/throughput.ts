import autocannon from 'autocannon';
import { GATEWAY_URL, HELLO_URL } from '../config.ts';
import {
  CALLS_PER_SESSION,
  browserUpdateRequest,
  createSessionRequest,
  payRequest,
  type ApiRequest,
} from '../gateway-api.ts';
import { ratio, round } from '../stats.ts';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx answers, connection errors and timeouts: any of them makes the row suspect. */
  failures: number;
}

export interface EndpointFigure extends LoadResult {
  name: string;
  /** Hello-world measured right before this endpoint, so both see the machine in the same state. */
  baseline: LoadResult;
  ratio: number;
}

export interface ThroughputFigure {
  connections: number;
  seconds: number;
  endpoints: Array<EndpointFigure | { name: string; available: false; reason: string }>;
}

interface LoadOptions {
  url: string;
  connections: number;
  seconds?: number;
  amount?: number;
  /** Each request in turn; called once per request sent. */
  next?: () => ApiRequest;
  first?: ApiRequest;
  onBody?: (body: string) => void;
}

async function load(options: LoadOptions): Promise<LoadResult> {
  const { first, next, onBody } = options;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount === undefined ? { duration: options.seconds } : { amount: options.amount }),
    requests: [
      {
        ...first,
        ...(next ? { setupRequest: (request) => ({ ...request, ...next() }) } : {}),
        ...(onBody ? { onResponse: (_status, body) => onBody(body) } : {}),
      },
    ],
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: round(result.latency.p50, 2),
    p99Ms: round(result.latency.p99, 2),
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** Sessions made through the API at full speed (untimed), for the calls that need one. */
async function createSessions(count: number, connections: number): Promise<string[]> {
  const ids: string[] = [];
  const created = await load({
    url: GATEWAY_URL,
    connections,
    amount: count,
    first: createSessionRequest(),
    onBody: (body) => ids.push((JSON.parse(body) as { session: { id: string } }).session.id),
  });
  if (created.failures > 0) throw new Error(`${created.failures} of ${count} session creations failed`);
  return ids;
}

const WARMUP_SECONDS = 1;

/**
 * autocannon against the running gateway, one endpoint after the other, each right after the hello-world
 * baseline and each after an untimed second that warms the JIT.
 */
export async function measureThroughput(connections: number, seconds: number): Promise<ThroughputFigure> {
  const run = (options: Omit<LoadOptions, 'connections' | 'seconds'>) =>
    load({ ...options, connections, seconds: WARMUP_SECONDS }).then(() =>
      load({ ...options, connections, seconds }),
    );
  const measure = async (
    name: string,
    options: Omit<LoadOptions, 'connections' | 'seconds'>,
  ): Promise<EndpointFigure> => {
    const baseline = await run({ url: HELLO_URL });
    const result = await run(options);
    return { name, ...result, baseline, ratio: ratio(result.requestsPerSecond, baseline.requestsPerSecond) };
  };

  // One call first: fifty at once on a cold password cache would queue fifty scrypt checks behind each other.
  await createSessions(1, 1);
  const create = await measure('create session', { url: GATEWAY_URL, first: createSessionRequest() });

  // No endpoint outruns hello-world: enough sessions for that rate, 25 browser calls each, warm-up included.
  const needed = Math.ceil(
    (create.baseline.requestsPerSecond * (seconds + WARMUP_SECONDS) * 1.5) / CALLS_PER_SESSION,
  );
  const sessions = await createSessions(needed, connections);
  let calls = 0;
  const update = await measure('browser update', {
    url: GATEWAY_URL,
    first: browserUpdateRequest(sessions[0]!),
    next: () => browserUpdateRequest(sessions[Math.floor(calls++ / CALLS_PER_SESSION) % sessions.length]!),
  });

  // Every session the update run reached now holds a card; a session can pay more than once.
  const paying = sessions.slice(
    0,
    Math.max(1, Math.min(sessions.length, Math.floor(calls / CALLS_PER_SESSION))),
  );
  const runId = Date.now().toString(36);
  let orders = 0;
  const nextPay = () => payRequest(paying[orders % paying.length]!, `bench-${runId}-${orders++}`);
  // PAY was wired while this benchmark was written: a gateway without it gets a row that says so.
  const { path, ...init } = nextPay();
  const probe = await fetch(`${GATEWAY_URL}${path}`, init);
  await probe.arrayBuffer();
  const pay =
    probe.status === 201
      ? await measure('PAY', { url: GATEWAY_URL, first: nextPay(), next: nextPay })
      : { name: 'PAY', available: false as const, reason: `PAY answered ${probe.status}` };

  return { connections, seconds, endpoints: [create, update, pay] };
}
