import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorResponse } from '@hosted-session/rest';
import {
  FieldError,
  GatewayError,
  InvalidRequestError,
  RateLimitedError,
  RequestRejectedError,
  StoreUnavailableError,
} from '../domain/errors.ts';

/** Fastify's own request errors, answered as Mastercard INVALID_REQUEST with the matching status. */
const FRAMEWORK_ERRORS: Record<string, { status: number; explanation: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, explanation: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, explanation: 'The Content-Type must be application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    explanation: 'The Content-Length does not match the body.',
  },
};

/**
 * Every failure leaves as Mastercard's error body (an unknown path of a face with its own body, in that
 * body). Only faults we did not foresee are SERVER_FAILED (500); those are logged with a support code and
 * without their message, which might quote input.
 */
export function installErrorHandling(app: FastifyInstance, faces: readonly FaceErrors[]): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body } = toErrorResponse(error);
    if (body.error.cause === 'SERVER_FAILED') {
      request.log.error(
        { supportCode: body.error.supportCode, fault: faultSummary(error) },
        'internal fault',
      );
    } else if (error instanceof RateLimitedError) {
      // The limiter logs each block once as it starts; a line per refused request would flood the log.
      reply.header('retry-after', String(error.retryAfterSeconds));
    } else if (error instanceof RequestRejectedError) {
      request.log.warn({ supportCode: body.error.supportCode, reason: error.reason }, 'request rejected');
    } else if (error instanceof StoreUnavailableError) {
      request.log.warn('storage unavailable');
    }
    return reply.status(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const face = faceOf(faces, request.url);
    if (!face) return reply.status(404).send(errorBody(new InvalidRequestError('No such resource.', 404)));
    const { headers, body } = face.refusal(404);
    return reply.headers(headers).status(404).send(body);
  });
}

/**
 * Another API face's own error body, for requests to its paths refused before any of its routes ran: an
 * unknown path, a routing fault, or bytes Node's parser refused. Everything else is Mastercard's.
 */
export interface FaceErrors {
  /** Whether the request target (path and query, as the request line has it) is this face's. */
  owns(target: string): boolean;
  /** Its headers and body for a refusal with this status (400, 404, 408, 431, 501…). */
  refusal(status: number): { headers: Record<string, string>; body: unknown };
}

function faceOf(faces: readonly FaceErrors[], target: string | undefined): FaceErrors | undefined {
  return target === undefined ? undefined : faces.find((face) => face.owns(target));
}

/** For Fastify's `frameworkErrors`: routing faults (bad URL encoding, over-long parameters) that never reach a route. */
export function frameworkErrorHandler(faces: readonly FaceErrors[]) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const { status, body } = toErrorResponse(error);
    const refusal = faceOf(faces, request.raw.url)?.refusal(status) ?? { headers: {}, body };
    // Routing faults are answered before the onSend hooks are in place.
    void reply
      .headers({ ...SECURITY_HEADERS, ...refusal.headers })
      .status(status)
      .send(refusal.body);
  };
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them. The answer is written on the socket as a
 * whole HTTP response in Mastercard's error body, and the connection closed. The parser's error carries the
 * raw bytes it choked on, which may hold card data: only its code is logged.
 */
const CLIENT_ERRORS: Record<string, { status: number; explanation: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, explanation: 'The request headers are too large.' },
  HPE_INVALID_METHOD: { status: 501, explanation: 'The request method is not supported.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, explanation: 'The request did not arrive in time.' },
};
const MALFORMED_REQUEST = { status: 400, explanation: 'The request is not well-formed HTTP.' };

/**
 * For Fastify's `clientErrorHandler` (called with the instance as `this`). The request line, when the
 * refused bytes hold it, says whose error body to answer in; it is read, never logged.
 */
export function clientErrorHandler(faces: readonly FaceErrors[]) {
  return function answerClientError(
    this: FastifyInstance,
    error: Error & { code?: string; rawPacket?: unknown },
    socket: Socket,
  ): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const { status, explanation } = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED_REQUEST;
    this.log.info({ code: error.code, statusCode: status }, 'malformed request refused');
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const face = faceOf(faces, requestTarget(error.rawPacket));
    const { headers, body } = face?.refusal(status) ?? {
      headers: {},
      body: errorBody(new InvalidRequestError(explanation, status)),
    };
    const text = JSON.stringify(body);
    const head = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'content-type: application/json; charset=utf-8',
      `content-length: ${Buffer.byteLength(text)}`,
      ...Object.entries({ ...SECURITY_HEADERS, ...headers }).map(([name, value]) => `${name}: ${value}`),
      'connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${text}`);
  };
}

/** The target of the request line at the start of the refused bytes, if they start with one. */
function requestTarget(rawPacket: unknown): string | undefined {
  if (!Buffer.isBuffer(rawPacket)) return undefined;
  return /^[A-Za-z]+ (\/\S*)/.exec(rawPacket.subarray(0, 2048).toString('latin1'))?.[1];
}

/** On every answer unless a route chose its own (static files are cached; frame pages set theirs). */
const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    return payload;
  });
}

export function toErrorResponse(error: FastifyError | GatewayError): { status: number; body: ErrorResponse } {
  if (error instanceof GatewayError) return { status: error.status, body: errorBody(error) };
  const known = FRAMEWORK_ERRORS[error.code];
  if (known) {
    return {
      status: known.status,
      body: errorBody(new InvalidRequestError(known.explanation, known.status)),
    };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return { status, body: errorBody(new InvalidRequestError('The request is not valid.', status)) };
  }
  return {
    status: 500,
    body: { result: 'ERROR', error: { cause: 'SERVER_FAILED', supportCode: supportCode() } },
  };
}

function errorBody(error: GatewayError): ErrorResponse {
  if (error instanceof RateLimitedError) {
    return {
      result: 'ERROR',
      error: { cause: error.errorCause, explanation: error.explanation, supportCode: supportCode() },
    };
  }
  if (error instanceof RequestRejectedError) {
    return { result: 'ERROR', error: { cause: error.errorCause, supportCode: supportCode() } };
  }
  if (error instanceof FieldError) {
    return {
      result: 'ERROR',
      error: {
        cause: error.errorCause,
        explanation: error.explanation,
        field: error.field,
        validationType: error.validationType,
      },
    };
  }
  const explanation = 'explanation' in error ? String(error.explanation) : error.message;
  return { result: 'ERROR', error: { cause: error.errorCause, explanation } };
}

function supportCode(): string {
  return randomBytes(6).toString('hex');
}

// The stack frames locate the fault; the first line (the message) is left out because it may quote input.
function faultSummary(error: Error): { type: string; code?: string; frames: string[] } {
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  const code = (error as { code?: unknown }).code;
  return { type: error.name, ...(typeof code === 'string' ? { code } : {}), frames };
}
