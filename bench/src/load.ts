import { fork, type ChildProcess } from 'node:child_process';
import { BENCH_DIR } from './config.ts';

export type Workload =
  | { kind: 'hello' }
  | { kind: 'create' }
  /** Browser updates; `oneSessionAtATime` makes every connection share one session (the contention figure). */
  | { kind: 'update'; sessions: string[]; oneSessionAtATime?: boolean }
  | { kind: 'pay'; sessions: string[]; runId: string }
  /** Whole checkouts on each connection: create a session, put the card in from the browser, pay. */
  | { kind: 'checkout'; runId: string };

export interface LoadPlan {
  url: string;
  connections: number;
  /** Run for this long, or send `amount` requests. */
  seconds?: number;
  amount?: number;
  workload: Workload;
  /** Keep the session ids a create answers. */
  collectSessionIds?: boolean;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx answers, connection errors and timeouts: any of them makes the row suspect. */
  failures: number;
  /** Failed answers by HTTP status (0: no answer: a connection error or timeout). */
  failuresByStatus: Record<string, number>;
  sessionIds?: string[];
  /** How many of the workload's sessions this run used (the next run starts after them). */
  sessionsTaken?: number;
}

/** autocannon in a process of its own, one plan at a time. */
export class LoadGenerator {
  private readonly child: ChildProcess;

  constructor() {
    this.child = fork(`${BENCH_DIR}src/load-generator.ts`, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  }

  run(plan: LoadPlan): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const exited = () => reject(new Error('the load generator exited'));
      this.child.once('exit', exited);
      this.child.once('message', (message: { result?: LoadResult; error?: string }) => {
        this.child.off('exit', exited);
        if (message.result) resolve(message.result);
        else reject(new Error(`load failed: ${message.error}`));
      });
      this.child.send(plan);
    });
  }

  close(): void {
    this.child.kill();
  }
}
