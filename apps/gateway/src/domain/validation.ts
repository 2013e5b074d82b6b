import type * as z from 'zod';
import { CARD_NUMBER_IN_TEXT } from '@hosted-session/rest';
import { FieldError, InvalidRequestError } from './errors.ts';

/**
 * Parses a request body against a strict schema and reports the first problem as Mastercard does: the full
 * field path and whether it is MISSING, INVALID or UNSUPPORTED. zod's own messages are never passed on,
 * because they may quote the submitted value.
 *
 * No body is an empty request. A JSON null anywhere inside it means "absent", as for Mastercard (shop plugins
 * send `"shipping": null` for a download, `"street2": null` for a one-line address); a null body is refused.
 * So does an empty array where the schema expects a group: PHP's `json_encode` writes an empty array, `[]`,
 * for what the plugin meant as an empty object (`"customer": []`).
 */
export function parseRequest<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === null) throw new InvalidRequestError('The request body must be a JSON object.');
  const request = body === undefined ? {} : withoutNulls(body);
  let result = schema.safeParse(request);
  // Each pass drops at least one empty array, so this ends.
  while (!result.success && dropEmptyGroups(request, result.error.issues)) result = schema.safeParse(request);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue || (issue.path.length === 0 && issue.code !== 'unrecognized_keys')) {
    throw new InvalidRequestError('The request body must be a JSON object.');
  }
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    throw new FieldError([...path, issue.keys[0] ?? ''].join('.'), 'UNSUPPORTED');
  }
  const field = path.join('.');
  if (issue.code === 'custom' && issue.params?.reason === CARD_NUMBER_IN_TEXT) {
    throw new FieldError(field, 'INVALID', `Value for field '${field}' must not contain a card number.`);
  }
  throw new FieldError(field, valueAt(request, issue.path) === undefined ? 'MISSING' : 'INVALID');
}

/**
 * Object members that are null are dropped, at every depth; array elements are kept for the schema to judge.
 * Members are defined, never assigned, so a "__proto__" key stays an ordinary (and unsupported) field instead of
 * becoming the prototype whose members the schema would then read as given.
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== null)
      .map(([key, member]) => [key, withoutNulls(member)]),
  );
}

/** Removes the empty arrays the issues found where a group (an object) belongs; true if any was removed. */
function dropEmptyGroups(request: unknown, issues: readonly z.core.$ZodIssue[]): boolean {
  let dropped = false;
  for (const issue of issues) {
    const key = issue.path.at(-1);
    const value = valueAt(request, issue.path);
    if (issue.code !== 'invalid_type' || issue.expected !== 'object' || key === undefined) continue;
    if (!Array.isArray(value) || value.length > 0) continue;
    delete (valueAt(request, issue.path.slice(0, -1)) as Record<PropertyKey, unknown>)[key];
    dropped = true;
  }
  return dropped;
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
