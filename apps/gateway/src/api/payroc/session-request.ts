import * as z from 'zod';
import { HOSTED_FIELDS_SCENARIOS, LIB_VERSION_PATTERN } from '@hosted-session/protocol';
import type { ProblemParameterError } from '@hosted-session/rest/payroc';
import type { HostedFieldsSessionRequest } from '../../domain/hosted-fields.ts';
import { valueAt, withoutNulls } from '../../domain/validation.ts';
import { ProblemError, parameterProblem } from './problems.ts';

const SessionRequest = z.strictObject({
  libVersion: z.string().regex(LIB_VERSION_PATTERN),
  scenario: z.enum(HOSTED_FIELDS_SCENARIOS),
  secureTokenId: z.string().min(1).max(200).optional(),
});

const RULES: Record<string, string> = {
  libVersion: 'libVersion must be the library version as dot-separated numbers, e.g. 1.6.0.172441.',
  scenario: `scenario must be one of ${HOSTED_FIELDS_SCENARIOS.join(', ')}.`,
  secureTokenId: 'secureTokenId must be a string of 1 to 200 characters.',
};

/**
 * The body of a hosted-fields session request, or a 400 naming every field in error at once. `null` means
 * absent, as everywhere in the gateway; a field the API does not have is refused, not ignored, so a typo in
 * `secureTokenId` cannot quietly save a new card instead of updating the saved one. zod's own messages are
 * never passed on: they may quote the value.
 */
export function readSessionRequest(body: unknown): HostedFieldsSessionRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ProblemError(400, 'The request body must be a JSON object.');
  }
  const request = withoutNulls(body);
  const parsed = SessionRequest.safeParse(request);
  if (parsed.success) return parsed.data;
  const errors: ProblemParameterError[] = parsed.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        parameterProblem(key.slice(0, 100), 'unsupported', 'This field is not part of the request.'),
      );
    }
    const field = String(issue.path[0]);
    return valueAt(request, issue.path) === undefined
      ? [parameterProblem(field, 'missing', `${field} is required.`)]
      : [parameterProblem(field, 'invalid', RULES[field] ?? `${field} is not valid.`)];
  });
  throw new ProblemError(
    400,
    'One or more validation errors occurred, see errors for more information.',
    errors,
  );
}
