// The load generator, in a process of its own (forked by load.ts), so generating load never shares the
// measured process nor the benchmark's own event loop. Runs one plan per message and answers its result.
import autocannon from 'autocannon';
import {
  CALLS_PER_SESSION,
  browserUpdateRequest,
  createSessionRequest,
  payRequest,
  type ApiRequest,
} from './gateway-api.ts';
import type { LoadPlan, LoadResult } from './load.ts';

/** Order ids never repeat across runs (a warm-up and its measured run included): each PAY is a new order. */
function uniqueRun(name: string): string {
  return `${name}-${process.hrtime.bigint().toString(36)}`;
}

interface Connection {
  session?: string;
  calls?: number;
}

/** The request each connection sends next, by workload. */
interface Sequence {
  first: ApiRequest | undefined;
  next?: (c: Connection) => ApiRequest;
  /** Sessions used so far. */
  taken?: () => number;
}

function sequence(plan: LoadPlan): Sequence {
  const { workload } = plan;
  switch (workload.kind) {
    case 'hello':
    case 'checkout':
      return { first: undefined };
    case 'create':
      return { first: createSessionRequest() };
    case 'update': {
      let taken = 0;
      const { sessions } = workload;
      if (workload.oneSessionAtATime) {
        // Contention: every connection updates the same session, the next one once 25 calls used it up.
        let calls = 0;
        return {
          first: browserUpdateRequest(sessions[0]!),
          next: () =>
            browserUpdateRequest(sessions[Math.floor(calls++ / CALLS_PER_SESSION) % sessions.length]!),
          taken: () => Math.ceil(calls / CALLS_PER_SESSION),
        };
      }
      // Each connection its own session, a fresh one once 25 calls used it up: no two updates in flight on
      // one session, as when every payer has a checkout of their own.
      return {
        first: browserUpdateRequest(sessions[0]!),
        next: (connection) => {
          if (connection.session === undefined || connection.calls! >= CALLS_PER_SESSION) {
            connection.session = sessions[taken++ % sessions.length]!;
            connection.calls = 0;
          }
          connection.calls! += 1;
          return browserUpdateRequest(connection.session);
        },
        taken: () => taken,
      };
    }
    case 'pay': {
      let orders = 0;
      let taken = 0;
      const { sessions } = workload;
      const runId = uniqueRun(workload.runId);
      return {
        first: payRequest(sessions[0]!, `${runId}-first`),
        next: (connection) => {
          connection.session ??= sessions[taken++ % sessions.length]!;
          return payRequest(connection.session, `${runId}-${orders++}`);
        },
      };
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
  const { first, next, taken } = sequence(plan);
  const ids: string[] = [];
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    ...(plan.amount === undefined ? { duration: plan.seconds } : { amount: plan.amount }),
    requests: [
      {
        ...first,
        ...(next
          ? {
              setupRequest: (request: object, context: Connection) => ({ ...request, ...next(context) }),
            }
          : {}),
        ...(plan.collectSessionIds
          ? {
              onResponse: (_status: number, body: string) =>
                ids.push((JSON.parse(body) as { session: { id: string } }).session.id),
            }
          : {}),
      },
    ],
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
