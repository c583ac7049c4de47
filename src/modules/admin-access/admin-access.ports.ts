import type { AdminRole } from './admin-access';

export interface StoredAdminToken {
  id: string;
  name: string;
  /** sha256 hex of the token; the token itself is never stored. */
  tokenHash: string;
  role: AdminRole;
  createdAt: string;
}

export interface AdminTokenRepository {
  insert(token: StoredAdminToken): Promise<void>;
  findByHash(tokenHash: string): Promise<StoredAdminToken | null>;
  count(): Promise<number>;
  /** Every token, oldest first (hashes included; the service never shows them). */
  list(): Promise<StoredAdminToken[]>;
  /** True when something was removed. */
  remove(id: string): Promise<boolean>;
}
