import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import { scrubLogLine } from './log-scrub.ts';

/**
 * Request bodies are never logged, so card data cannot reach a log line by that road. Redaction covers the
 * credentials in headers and, as a second line, any card or password field that some log call might carry;
 * every line is then scrubbed of digit runs that could be a card number (log-scrub.ts), URLs included.
 */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.password',
  '*.passwordHash',
  '*.number',
  '*.securityCode',
  '*.body',
  'body',
];

// Session ids and 3-D Secure authentication ids are bearer credentials for the browser's endpoints: logs keep
// enough to correlate, not to reuse.
const SESSION_ID_IN_URL = /SESSION[0-9A-Za-z]{20,}([0-9A-Za-z]{4})/g;
const AUTHENTICATION_ID_IN_URL = /sid_[a-z2-7]{22}([a-z2-7]{4})/g;

export function loggerOptions(level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: { streamWrite: scrubLogLine },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        url: redactSessionIds(req.url),
        remoteAddress: req.ip,
      }),
    },
  };
}

export function redactSessionIds(url: string): string {
  return url.replace(SESSION_ID_IN_URL, 'SESSION…$1').replace(AUTHENTICATION_ID_IN_URL, 'sid_…$1');
}
