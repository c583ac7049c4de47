import { AccountService, createSecretBox } from '../../src/modules/accounts';
import type { AccountRepository, StoredAccount } from '../../src/modules/accounts';
import type { AdminTokenRepository, StoredAdminToken } from '../../src/modules/admin-access';
import { ManualClock } from '../../src/shared/clock';
import { ConflictError, NotFoundError, type AppError } from '../../src/shared/errors';

export const TEST_MASTER_KEY = Buffer.alloc(32, 7);

/** Recognisable secret values, so a test can search any output for them. */
export const SECRETS = {
  token: 'tokenXYZ123secret',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appSecret: '0123456789abcdef0123456789abcdef',
} as const;

export function validAccountInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    appId: 'wx1234567890abcdef',
    originalId: 'gh_0123456789ab',
    name: '测试公众号',
    type: 'service',
    verified: true,
    token: SECRETS.token,
    encodingAESKey: SECRETS.encodingAESKey,
    appSecret: SECRETS.appSecret,
    encryptionMode: 'safe',
    timeZone: 'Asia/Shanghai',
    certificationExpiresAt: '2027-06-30',
    ...overrides,
  };
}

/** Same contract as the SQLite repository, in a Map; returns copies so callers cannot alias state. */
export class InMemoryAccountRepository implements AccountRepository {
  readonly rows = new Map<string, StoredAccount>();
  async insert(a: StoredAccount): Promise<void> {
    if (this.rows.has(a.appId)) throw new ConflictError(`an account with appId ${a.appId} already exists`);
    this.rows.set(a.appId, { ...a });
  }
  async update(a: StoredAccount): Promise<void> {
    const current = this.rows.get(a.appId);
    if (!current) throw new NotFoundError(`no account with appId ${a.appId}`);
    // As every store does: createdAt is set once, at insert.
    this.rows.set(a.appId, { ...a, createdAt: current.createdAt });
  }
  async get(appId: string): Promise<StoredAccount | null> {
    const a = this.rows.get(appId);
    return a ? { ...a } : null;
  }
  async list(): Promise<StoredAccount[]> {
    return [...this.rows.values()].sort((x, y) => x.appId.localeCompare(y.appId)).map((a) => ({ ...a }));
  }
  async remove(appId: string): Promise<boolean> {
    return this.rows.delete(appId);
  }
}

export class InMemoryAdminTokenRepository implements AdminTokenRepository {
  readonly rows: StoredAdminToken[] = [];
  async insert(t: StoredAdminToken): Promise<void> {
    this.rows.push({ ...t });
  }
  async findByHash(hash: string): Promise<StoredAdminToken | null> {
    return this.rows.find((t) => t.tokenHash === hash) ?? null;
  }
  async count(): Promise<number> {
    return this.rows.length;
  }
  async list(): Promise<StoredAdminToken[]> {
    return [...this.rows].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)).map((t) => ({ ...t }));
  }
  async remove(id: string): Promise<boolean> {
    const i = this.rows.findIndex((t) => t.id === id);
    if (i >= 0) this.rows.splice(i, 1);
    return i >= 0;
  }
}

export function makeAccountService(repo: AccountRepository = new InMemoryAccountRepository()) {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 3, 0, 0));
  const service = new AccountService({ repo, secrets: createSecretBox(TEST_MASTER_KEY), clock });
  return { service, repo, clock };
}

/** The error a promise or function fails with (typed loosely for assertions); fails the test when there is none. */
export async function caught(work: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected an error, got none');
}
