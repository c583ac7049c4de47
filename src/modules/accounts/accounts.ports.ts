import type { AccountType, EncryptionMode } from './accounts';

/** An account as the store keeps it: secrets only as one sealed (encrypted) blob. */
export interface StoredAccount {
  appId: string;
  originalId: string | null;
  name: string;
  type: AccountType;
  verified: boolean;
  encryptionMode: EncryptionMode;
  timeZone: string;
  /** Calendar date YYYY-MM-DD, or null when unknown. */
  certificationExpiresAt: string | null;
  /** SecretBox.seal(JSON.stringify(AccountSecrets)). */
  sealedSecrets: string;
  createdAt: string;
  updatedAt: string;
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
