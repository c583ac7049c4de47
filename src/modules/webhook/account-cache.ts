import { MessageCipher } from '../../wechat';
import type { Account } from '../accounts';

export interface ResolvedAccount {
  account: Account;
  /** Built once per account: deriving the AES key on every callback would waste the hot path. */
  cipher: MessageCipher | null;
}

/**
 * Accounts with opened secrets, kept for a short time so a callback costs no store read or secret
 * decryption. Local changes drop the entry at once (AccountService.onChange); another instance's
 * change is seen within `ttlMs`.
 */
export class AccountCache {
  private readonly entries = new Map<string, { value: ResolvedAccount | null; expiresAt: number }>();

  constructor(
    private readonly load: (appId: string) => Promise<Account | null>,
    private readonly ttlMs = 10_000,
  ) {}

  async get(appId: string): Promise<ResolvedAccount | null> {
    const hit = this.entries.get(appId);
    if (hit && hit.expiresAt > Date.now()) return hit.value;
    const account = await this.load(appId);
    const value = account ? { account, cipher: account.encodingAESKey ? new MessageCipher(account.encodingAESKey, account.appId) : null } : null;
    // Unknown appIds are cached too, so probing random ids cannot hammer the store.
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(appId, { value, expiresAt: Date.now() + this.ttlMs });
    return value;
  }

  invalidate(appId: string): void {
    this.entries.delete(appId);
  }
}
