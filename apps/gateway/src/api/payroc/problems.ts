import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProblemDetails, ProblemParameterError } from '@hosted-session/rest/payroc';
import {
  FieldError,
  GatewayError,
  IdempotencyKeyError,
  RateLimitedError,
  ServerBusyError,
} from '../../domain/errors.ts';
import type { FaceErrors } from '../errors.ts';

const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';
const PAYROC_ERRORS = 'https://docs.payroc.com/api/errors';

/**
 * The problem types Payroc publishes (docs.payroc.com/api/errors), by fragment, with Payroc's titles. A failure
 * Payroc has no type for is RFC 7807's `about:blank`, titled with its HTTP status phrase.
 */
const PAYROC_PROBLEMS = {
  'bad-request': 'Bad request',
  'idempotency-key-missing': 'Idempotency key missing',
  'not-authorized': 'Not authorized',
  forbidden: 'Forbidden',
  'not-found': 'Not found',
  'not-acceptable': 'Not acceptable',
  'idempotency-key-in-use': 'Idempotency key in use',
  'payload-too-large': 'Payload too large',
  'unsupported-media-type': 'Unsupported media type',
  'api-error': 'Api error',
} as const;
type PayrocProblem = keyof typeof PAYROC_PROBLEMS;

const PROBLEM_OF_STATUS: Record<number, PayrocProblem> = {
  400: 'bad-request',
  401: 'not-authorized',
  403: 'forbidden',
  404: 'not-found',
  406: 'not-acceptable',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  500: 'api-error',
};

/** A refusal with a problem per parameter (a header, a path parameter or a body field), all found at once. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: ProblemParameterError[],
  ) {
    super(detail);
  }
}

/** One parameter's problem, with `message` the short form and `detail` the sentence. */
export function parameterProblem(parameter: string, message: string, detail: string): ProblemParameterError {
  return { parameter, detail, message };
}

/**
 * Every failure of the Payroc-shaped face is RFC 7807 `application/problem+json`: `type`, `title`, `status`,
 * `detail`, `instance` (the request path, without the query) and, for bad parameters, `errors[]`. Only faults
 * nobody foresaw are 500s; they are logged by type, without a message that might quote input.
 */
export function installProblemErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | GatewayError | ProblemError, request, reply) => {
    const { status, detail, errors, kind } = classify(error);
    if (status >= 500 && !(error instanceof ServerBusyError)) {
      request.log.error({ type: error.name }, 'internal fault');
    }
    if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
    return sendProblem(reply, request, status, detail, errors, kind);
  });
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  detail: string,
  errors?: ProblemParameterError[],
  kind?: PayrocProblem,
): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  return reply
    .status(status)
    .type(PROBLEM_TYPE)
    .send(problem(status, detail, instanceOf(request.url), errors, kind));
}

function problem(
  status: number,
  detail: string,
  instance: string,
  errors?: ProblemParameterError[],
  kind: PayrocProblem | undefined = PROBLEM_OF_STATUS[status],
): ProblemDetails {
  return {
    type: kind ? `${PAYROC_ERRORS}#${kind}` : 'about:blank',
    title: kind ? PAYROC_PROBLEMS[kind] : (STATUS_CODES[status] ?? 'Error'),
    status,
    detail,
    instance,
    ...(errors?.length ? { errors } : {}),
  };
}

/** The path only: a query string is the client's text, and might hold anything. */
function instanceOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0]!.slice(0, 200);
}

/** `/v1/…` and `/identity/…`: requests refused before the face's routes still get a problem body. */
export const payrocFaceErrors: FaceErrors = {
  owns: (target) => /^\/(?:v1|identity)(?:[/?#]|$)/.test(target),
  refusal(status) {
    return {
      headers: { 'content-type': PROBLEM_TYPE },
      body: problem(status, lowLevelDetail(status), ''),
    };
  },
};

function lowLevelDetail(status: number): string {
  if (status === 404) return 'No such resource.';
  if (status === 408) return 'The request did not arrive in time.';
  if (status === 413) return 'The request body is too large.';
  if (status === 431) return 'The request headers are too large.';
  if (status === 501) return 'The request method is not supported.';
  return 'The request is not well-formed HTTP.';
}

const IDEMPOTENCY_PROBLEMS: Record<IdempotencyKeyError['problem'], PayrocProblem> = {
  missing: 'idempotency-key-missing',
  malformed: 'bad-request',
  reused: 'idempotency-key-in-use',
  'in-progress': 'idempotency-key-in-use',
};

function classify(error: Error): {
  status: number;
  detail: string;
  errors?: ProblemParameterError[];
  kind?: PayrocProblem;
} {
  if (error instanceof ProblemError)
    return { status: error.status, detail: error.detail, errors: error.errors };
  if (error instanceof IdempotencyKeyError) {
    const errors =
      error.status === 400
        ? [parameterProblem('Idempotency-Key', error.problem, error.explanation)]
        : undefined;
    return {
      status: error.status,
      detail: error.explanation,
      errors,
      kind: IDEMPOTENCY_PROBLEMS[error.problem],
    };
  }
  if (error instanceof FieldError) {
    return {
      status: 400,
      detail: 'One or more validation errors occurred, see errors for more information.',
      errors: [parameterProblem(error.field, error.validationType.toLowerCase(), error.explanation)],
    };
  }
  if (error instanceof RateLimitedError) return { status: 429, detail: error.explanation };
  if (error instanceof GatewayError) {
    if (error.status === 401)
      return { status: 401, detail: 'The Bearer token is missing, wrong or expired.' };
    const detail = 'explanation' in error ? String(error.explanation) : 'The request was refused.';
    return { status: error.status, detail };
  }
  const fastify = error as FastifyError;
  if (fastify.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { status: 413, detail: 'The request body is too large.' };
  const status = fastify.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, detail: 'The request is not valid.' };
  return { status: 500, detail: 'The gateway could not process the request.' };
}
