import type { JsonValue } from '../store/store.ts';

/** A JSON object as requests carry it and records keep it. */
export type JsonObject = { [field: string]: JsonValue };

/**
 * Overwrites and adds fields, never removes one; an array is replaced whole. Mastercard's rule for Update
 * Session, and for a request's fields laid over those its session holds.
 */
export function mergeFields(base: JsonObject, patch: JsonObject): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = merged[key];
    merged[key] = isJsonObject(current) && isJsonObject(value) ? mergeFields(current, value) : value;
  }
  return merged;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A parsed request (or part of one) as plain JSON: absent optional members are left out. */
export function toJsonObject(value: object): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}
