// The load generator, in a process of its own (forked by load.ts), so generating load never shares the
// measured process nor the benchmark's own event loop. Runs one plan per message and answers its result.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import {
  CALLS_PER_SESSION,
  browserUpdateRequest,
  createSessionRequest,
  payRequest,
  type ApiRequest,
} from './gateway-api.ts';
import type { LoadPlan, LoadResult } from './load.ts';

/**
 * Order ids never repeat across runs (a warm-up and its measured run included), so each PAY is a new order;
 * short, as an order id is at most 40 characters.
 */
function uniqueRun(name: string): string {
  return `${name}-${randomBytes(4).toString('hex')}`;
}

interface Connection {
  session?: string;
}

/**
 * The request each connection sends, by workload. autocannon gives each connection a context that lasts one
 * pass over its list of requests, so a workload that keeps a session for several calls is a list of that many.
 */
interface Sequence {
  requests: autocannon.Request[];
  /** Sessions used so far. */
  taken?: () => number;
}

/**
 * `calls` requests per pass: the first takes the next session of the list for this connection, the others
 * go on with it.
 */
function perSession(sessions: string[], calls: number, request: (session: string) => ApiRequest): Sequence {
  let taken = 0;
  const take = (template: object, connection: Connection) => {
    connection.session = sessions[taken++ % sessions.length]!;
    return { ...template, ...request(connection.session) };
  };
  const goOn = (template: object, connection: Connection) => ({
    ...template,
    ...request(connection.session!),
  });
  return {
    requests: Array.from({ length: calls }, (_, index) => ({
      ...request(sessions[0]!),
      setupRequest: index === 0 ? take : goOn,
    })) as autocannon.Request[],
    taken: () => taken,
  };
}

function sequence(plan: LoadPlan): Sequence {
  const { workload } = plan;
  switch (workload.kind) {
    case 'hello':
    case 'checkout':
      return { requests: [{}] };
    case 'create':
      return { requests: [createSessionRequest()] };
    case 'update': {
      const { sessions } = workload;
      if (workload.oneSessionAtATime) {
        // Contention: every connection updates the same session, the next one once 25 calls used it up.
        let calls = 0;
        return {
          requests: [
            {
              ...browserUpdateRequest(sessions[0]!),
              setupRequest: (request: object) => ({
                ...request,
                ...browserUpdateRequest(sessions[Math.floor(calls++ / CALLS_PER_SESSION) % sessions.length]!),
              }),
            },
          ] as autocannon.Request[],
          taken: () => Math.ceil(calls / CALLS_PER_SESSION),
        };
      }
      // Each connection its own session, a fresh one once 25 calls used it up: no two updates in flight on
      // one session, as when every payer has a checkout of their own.
      return perSession(sessions, CALLS_PER_SESSION, browserUpdateRequest);
    }
    case 'pay': {
      // Each connection pays with a session of its own (as many sessions as connections), a new order each time.
      let orders = 0;
      const runId = uniqueRun(workload.runId);
      return perSession(workload.sessions, 1000, (session) => payRequest(session, `${runId}-${orders++}`));
    }
  }
}

/** Create, browser update, PAY in turn on each connection, each step with the session the create answered. */
function checkout(runName: string): autocannon.Request[] {
  let orders = 0;
  const runId = uniqueRun(runName);
  return [
    {
      ...createSessionRequest(),
      onResponse: (_status: number, body: string, context: Connection) => {
        context.session = (JSON.parse(body) as { session: { id: string } }).session.id;
      },
    },
    {
      setupRequest: (request: object, context: Connection) => ({
        ...request,
        ...browserUpdateRequest(context.session!),
      }),
    },
    {
      setupRequest: (request: object, context: Connection) => ({
        ...request,
        ...payRequest(context.session!, `${runId}-${orders++}`),
      }),
    },
  ] as autocannon.Request[];
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  if (plan.workload.kind === 'checkout') {
    const result = await autocannon({
      url: plan.url,
      connections: plan.connections,
      duration: plan.seconds,
      requests: checkout(plan.workload.runId),
    });
    return summary(result);
  }
  const { requests, taken } = sequence(plan);
  const ids: string[] = [];
  if (plan.collectSessionIds) {
    requests[0]!.onResponse = (_status: number, body: string) =>
      ids.push((JSON.parse(body) as { session: { id: string } }).session.id);
  }
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    ...(plan.amount === undefined ? { duration: plan.seconds } : { amount: plan.amount }),
    requests,
  });
  return {
    ...summary(result),
    ...(plan.collectSessionIds ? { sessionIds: ids } : {}),
    ...(taken ? { sessionsTaken: taken() } : {}),
  };
}

function summary(result: autocannon.Result): LoadResult {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    failuresByStatus: {
      ...Object.fromEntries(
        Object.entries(result.statusCodeStats ?? {})
          .filter(([status]) => !status.startsWith('2'))
          .map(([status, { count }]) => [status, count ?? 0]),
      ),
      ...(result.errors + result.timeouts > 0 ? { 0: result.errors + result.timeouts } : {}),
    },
  };
}

process.on('message', (plan: LoadPlan) => {
  run(plan).then(
    (result) => process.send!({ result }),
    (error: unknown) => process.send!({ error: String(error) }),
  );
});
