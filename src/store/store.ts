import type { AccountRepository } from '../modules/accounts/accounts.ports';
import type { AdminTokenRepository } from '../modules/admin-access/admin-access.ports';
import type { MessageRepository, PendingReplyRepository } from '../modules/messages';

/** Every repository the product needs, from one adapter (SQLite embedded, MongoDB in production). */
export interface Store {
  accounts: AccountRepository;
  adminTokens: AdminTokenRepository;
  messages: MessageRepository;
  pendingReplies: PendingReplyRepository;
  /** Resolves when the store answers; for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
