/** The admin-access capability: bearer tokens, roles and what each role may do. */
export {
  capabilities,
  adminRoles,
  isAdminRole,
  can,
  hashToken,
  generateToken,
  TOKEN_PREFIX,
} from './admin-access';
export type { AdminRole, Capability, Principal } from './admin-access';
export type { StoredAdminToken, AdminTokenRepository } from './admin-access.ports';
export { AdminAccessService, type AdminAccessDeps, type IssuedToken } from './admin-access.service';
