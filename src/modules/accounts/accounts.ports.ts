import type { AccountProfile } from './accounts';

/** An account as the store keeps it: secrets only as one sealed (encrypted) blob. */
export interface StoredAccount extends AccountProfile {
  /** SecretBox.seal(JSON.stringify(AccountSecrets)). */
  sealedSecrets: string;
}

export interface AccountRepository {
  /** Throws ConflictError when the appId exists. */
  insert(account: StoredAccount): Promise<void>;
  /** Throws NotFoundError when the appId does not exist. */
  update(account: StoredAccount): Promise<void>;
  get(appId: string): Promise<StoredAccount | null>;
  list(): Promise<StoredAccount[]>;
  /** True when something was removed. */
  remove(appId: string): Promise<boolean>;
}

/** Authenticated encryption of secrets at rest (AES-256-GCM under the master key). */
export interface SecretBox {
  seal(plaintext: string): string;
  /** Throws when the blob was tampered with or sealed under another key. */
  open(sealed: string): string;
}
