import { isFieldRole, type FieldRole } from '@hosted-session/protocol';
import { HostedSessionError } from '../errors.ts';

export function checkRole(role: unknown): FieldRole {
  if (!isFieldRole(role)) throw new HostedSessionError('INVALID_ARGUMENT', `Unknown role "${String(role)}"`);
  return role;
}

export function checkRoles(roles: unknown): FieldRole[] {
  if (!Array.isArray(roles)) throw new HostedSessionError('INVALID_ARGUMENT', 'roles must be an array');
  return roles.map(checkRole);
}
