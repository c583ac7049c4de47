import { createHash, randomBytes } from 'node:crypto';

/** What an admin API route may require. Routes ask for a capability, never for a role. */
export const capabilities = [
  'accounts:read', 'accounts:write', 'messages:read', 'menus:read', 'menus:write', 'rules:read', 'rules:write',
  // broadcast:approve confirms a previewed campaign: the supervisor's step before anything is mass-sent.
  'broadcast:read', 'broadcast:write', 'broadcast:approve',
  // Customer service: cs:reply answers followers (an agent's own conversations); cs:supervise assigns,
  // takes over and reads every inbox; cs:admin manages agents and desk settings.
  'cs:read', 'cs:reply', 'cs:supervise', 'cs:admin',
  'tokens:admin',
] as const;
export type Capability = (typeof capabilities)[number];

/**
 * Roles a token can hold, after the agencies' team: 主管 supervisor (approves sends, watches customer
 * service), 编辑/文案 editor (content, rules, menus, campaign drafts), agent (answers followers).
 * Adding one means a row in `roleCapabilities` (the compiler asks for it).
 */
export type AdminRole = 'admin' | 'supervisor' | 'editor' | 'agent';

const roleCapabilities: Record<AdminRole, readonly Capability[]> = {
  admin: capabilities,
  supervisor: capabilities.filter((c) => c !== 'tokens:admin' && c !== 'accounts:write'),
  editor: ['accounts:read', 'messages:read', 'menus:read', 'menus:write', 'rules:read', 'rules:write', 'broadcast:read', 'broadcast:write'],
  // Not messages:read: the log spans every client of an agency; an agent reads its conversations' threads.
  agent: ['accounts:read', 'cs:read', 'cs:reply'],
};

export const adminRoles = Object.keys(roleCapabilities) as AdminRole[];

export function isAdminRole(value: string): value is AdminRole {
  return Object.prototype.hasOwnProperty.call(roleCapabilities, value);
}

/** Who is calling the admin API, as established by a bearer token. */
export interface Principal {
  tokenId: string;
  name: string;
  role: AdminRole;
}

export function can(principal: Pick<Principal, 'role'>, capability: Capability): boolean {
  return roleCapabilities[principal.role]?.includes(capability) ?? false;
}

/**
 * Tokens are 256 random bits, so a fast unsalted hash is enough: there is nothing to guess, and a
 * deterministic hash lets the store look a token up by it.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The prefix makes a leaked token recognisable to secret scanners and to people. */
export const TOKEN_PREFIX = 'wxoa_';

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}
