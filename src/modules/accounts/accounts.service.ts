import type { Clock } from '../../shared/clock';
import { NotFoundError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import {
  applyAccountPatch,
  parseNewAccount,
  toPublicAccount,
  type Account,
  type AccountData,
  type AccountSecrets,
  type PublicAccount,
} from './accounts';
import type { AccountRepository, SecretBox, StoredAccount } from './accounts.ports';

export interface AccountServiceDeps {
  repo: AccountRepository;
  secrets: SecretBox;
  clock: Clock;
  /** Where a failing change listener is reported; one bad listener must not stop the others. */
  logger?: Logger;
}

/**
 * Registering, changing and removing official accounts. Secrets are sealed before they reach the
 * repository and only `getWithSecrets` (for the webhook and API clients) ever opens them for a caller.
 */
export class AccountService {
  private readonly listeners: Array<(appId: string) => void> = [];

  constructor(private readonly deps: AccountServiceDeps) {}

  async create(input: unknown): Promise<PublicAccount> {
    const data = parseNewAccount(input);
    const now = this.deps.clock.now().toISOString();
    await this.deps.repo.insert(this.seal(data, now, now)); // ConflictError when the appId exists
    this.changed(data.appId);
    return toPublicAccount({ ...data, createdAt: now, updatedAt: now });
  }

  async list(): Promise<PublicAccount[]> {
    const stored = await this.deps.repo.list();
    return stored.map((s) => toPublicAccount(this.open(s)));
  }

  async get(appId: string): Promise<PublicAccount> {
    return toPublicAccount(await this.require(appId));
  }

  async update(appId: string, patch: unknown): Promise<PublicAccount> {
    const current = await this.require(appId); // 404 before 400: there is nothing to validate against
    const { createdAt, updatedAt: _previous, ...currentData } = current;
    const next = applyAccountPatch(currentData, patch);
    const now = this.deps.clock.now().toISOString();
    await this.deps.repo.update(this.seal(next, createdAt, now));
    this.changed(appId);
    return toPublicAccount({ ...next, createdAt, updatedAt: now });
  }

  async remove(appId: string): Promise<void> {
    if (!(await this.deps.repo.remove(appId))) throw notFound(appId);
    this.changed(appId);
  }

  /** The account with its secrets opened, or null. For the webhook and API clients only. */
  async getWithSecrets(appId: string): Promise<Account | null> {
    const stored = await this.deps.repo.get(appId);
    return stored ? this.open(stored) : null;
  }

  /** Called after every create/update/remove, so caches of opened accounts can drop the entry. */
  onChange(listener: (appId: string) => void): void {
    this.listeners.push(listener);
  }

  private async require(appId: string): Promise<Account> {
    const account = await this.getWithSecrets(appId);
    if (!account) throw notFound(appId);
    return account;
  }

  private changed(appId: string): void {
    for (const listener of this.listeners) {
      try {
        listener(appId);
      } catch (err) {
        // The write has happened; failing the request now would tell the operator it had not.
        this.deps.logger?.error({ err, appId }, 'account change listener failed');
      }
    }
  }

  private seal(data: AccountData, createdAt: string, updatedAt: string): StoredAccount {
    const { token, encodingAESKey, appSecret, ...rest } = data;
    const secrets: AccountSecrets = { token, encodingAESKey, appSecret };
    return { ...rest, sealedSecrets: this.deps.secrets.seal(JSON.stringify(secrets)), createdAt, updatedAt };
  }

  private open(stored: StoredAccount): Account {
    const { sealedSecrets, ...rest } = stored;
    const secrets = JSON.parse(this.deps.secrets.open(sealedSecrets)) as AccountSecrets;
    return { ...rest, token: secrets.token, encodingAESKey: secrets.encodingAESKey ?? null, appSecret: secrets.appSecret ?? null };
  }
}

function notFound(appId: string): NotFoundError {
  return new NotFoundError(`no account with appId ${JSON.stringify(appId)}`, { appId });
}
