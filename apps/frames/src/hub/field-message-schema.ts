import * as z from 'zod/mini';
import { FIELD_ROLES } from '@hosted-session/protocol';
import { MAX_VALUE_LENGTH, type FieldMessage } from '../shared/channel-messages.ts';

const Role = z.enum(FIELD_ROLES);
const FrameId = z.string().check(z.regex(/^[0-9a-f]{32}$/));

/** Field → hub messages, strict: an extra key means the sender is not one of our field frames. */
const FieldMessageSchema: z.ZodMiniType<FieldMessage> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), role: Role, frame: FrameId }),
  z.strictObject({
    type: z.literal('value'),
    role: Role,
    frame: FrameId,
    value: z.string().check(z.maxLength(MAX_VALUE_LENGTH)),
  }),
  z.strictObject({ type: z.literal('withheld'), role: Role, frame: FrameId }),
]);

export function parseFieldMessage(data: unknown): FieldMessage | undefined {
  return FieldMessageSchema.safeParse(data).data;
}
