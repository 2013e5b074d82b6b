import type * as z from 'zod';
import { FieldError, InvalidRequestError } from './errors.ts';

/**
 * Parses a request body against a strict schema and reports the first problem as Mastercard does: the full
 * field path and whether it is MISSING, INVALID or UNSUPPORTED. zod's own messages are never passed on,
 * because they may quote the submitted value.
 */
export function parseRequest<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue || (issue.path.length === 0 && issue.code !== 'unrecognized_keys')) {
    throw new InvalidRequestError('The request body must be a JSON object.');
  }
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    throw new FieldError([...path, issue.keys[0] ?? ''].join('.'), 'UNSUPPORTED');
  }
  throw new FieldError(path.join('.'), valueAt(body, issue.path) === undefined ? 'MISSING' : 'INVALID');
}

/** The value at a parsed issue's path, to tell a missing field from an invalid one. */
export function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
