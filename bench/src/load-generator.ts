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

interface Connection {
  session?: string;
  calls?: number;
}

/** The request each connection sends next, by workload. */
function sequence(plan: LoadPlan): { first: ApiRequest | undefined; next?: (c: Connection) => ApiRequest } {
  const { workload } = plan;
  switch (workload.kind) {
    case 'hello':
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
      };
    }
    case 'pay': {
      let orders = 0;
      let taken = 0;
      const { sessions, runId } = workload;
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

async function run(plan: LoadPlan): Promise<LoadResult> {
  const { first, next } = sequence(plan);
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
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    ...(plan.collectSessionIds ? { sessionIds: ids } : {}),
  };
}

process.on('message', (plan: LoadPlan) => {
  run(plan).then(
    (result) => process.send!({ result }),
    (error: unknown) => process.send!({ error: String(error) }),
  );
});
