import { isCardRole, type CardRole } from '@hosted-session/protocol';
import { HostedSessionError } from '../errors.ts';

export function checkRole(role: unknown): CardRole {
  if (!isCardRole(role)) throw new HostedSessionError('INVALID_ARGUMENT', `Unknown role "${String(role)}"`);
  return role;
}

export function checkRoles(roles: unknown): CardRole[] {
  if (!Array.isArray(roles)) throw new HostedSessionError('INVALID_ARGUMENT', 'roles must be an array');
  return roles.map(checkRole);
}
