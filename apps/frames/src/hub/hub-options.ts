import * as z from 'zod/mini';
import { FIELD_ROLES } from '@hosted-session/protocol';

// The id goes into a URL path and a Basic credential: only the characters gateway session ids use.
const SessionId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));

const HubOptionsSchema = z.object({
  sessionId: z.optional(SessionId),
  roles: z.array(z.enum(FIELD_ROLES)).check(z.maxLength(FIELD_ROLES.length)),
  locale: z.string().check(z.maxLength(16)),
});

/** HubOptions as checked; the locale is kept as given, since the hub shows no text. */
export type ParsedHubOptions = z.infer<typeof HubOptionsSchema>;

/** The hub's options from the page, checked: the page is outside the trust boundary. */
export function parseHubOptions(input: unknown): ParsedHubOptions {
  const parsed = HubOptionsSchema.safeParse(input);
  if (!parsed.success) throw new TypeError('Invalid hub options');
  return { ...parsed.data, roles: [...new Set(parsed.data.roles)] };
}

/** A session id from the page, checked like the one in the options. */
export function parseSessionId(input: unknown): string {
  const parsed = SessionId.safeParse(input);
  if (!parsed.success) throw new TypeError('Invalid session id');
  return parsed.data;
}
