import type { Statement } from 'better-sqlite3';
import type { AccountRepository, StoredAccount } from '../../modules/accounts/accounts.ports';
import { DEFAULT_PUSH_SCHEDULE, type AccountType, type EncryptionMode, type PushSchedule } from '../../modules/accounts/accounts';
import { ConflictError, NotFoundError } from '../../shared/errors';
import type { SqliteDatabase } from './database';

interface Row {
  app_id: string;
  original_id: string | null;
  name: string;
  type: string;
  verified: number;
  encryption_mode: string;
  time_zone: string;
  certification_expires_at: string | null;
  push_schedule: string | null;
  sealed_secrets: string;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `app_id, original_id, name, type, verified, encryption_mode, time_zone,
  certification_expires_at, push_schedule, sealed_secrets, created_at, updated_at`;

/** Accounts in the embedded SQLite store. Secrets arrive already sealed; this file never sees them. */
export class SqliteAccountRepository implements AccountRepository {
  private readonly insertStmt: Statement;
  private readonly updateStmt: Statement;
  private readonly getStmt: Statement<[string], Row>;
  private readonly listStmt: Statement<[], Row>;
  private readonly removeStmt: Statement<[string]>;

  constructor(db: SqliteDatabase) {
    // ON CONFLICT DO NOTHING + a change count tells a duplicate apart without parsing SQLite errors.
    this.insertStmt = db.prepare(
      `INSERT INTO accounts (${COLUMNS})
       VALUES (@appId, @originalId, @name, @type, @verified, @encryptionMode, @timeZone,
               @certificationExpiresAt, @pushSchedule, @sealedSecrets, @createdAt, @updatedAt)
       ON CONFLICT (app_id) DO NOTHING`,
    );
    // created_at is set once, at insert; an update never rewrites it.
    this.updateStmt = db.prepare(
      `UPDATE accounts SET original_id = @originalId, name = @name, type = @type, verified = @verified,
         encryption_mode = @encryptionMode, time_zone = @timeZone,
         certification_expires_at = @certificationExpiresAt, push_schedule = @pushSchedule, sealed_secrets = @sealedSecrets,
         updated_at = @updatedAt
       WHERE app_id = @appId`,
    );
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM accounts WHERE app_id = ?`);
    this.listStmt = db.prepare(`SELECT ${COLUMNS} FROM accounts ORDER BY app_id`);
    this.removeStmt = db.prepare('DELETE FROM accounts WHERE app_id = ?');
  }

  async insert(account: StoredAccount): Promise<void> {
    if (this.insertStmt.run(toParams(account)).changes === 0) {
      throw new ConflictError(`an account with appId ${account.appId} already exists`, { appId: account.appId });
    }
  }

  async update(account: StoredAccount): Promise<void> {
    if (this.updateStmt.run(toParams(account)).changes === 0) {
      throw new NotFoundError(`no account with appId ${account.appId}`, { appId: account.appId });
    }
  }

  async get(appId: string): Promise<StoredAccount | null> {
    const row = this.getStmt.get(appId);
    return row ? fromRow(row) : null;
  }

  async list(): Promise<StoredAccount[]> {
    return this.listStmt.all().map(fromRow);
  }

  async remove(appId: string): Promise<boolean> {
    return this.removeStmt.run(appId).changes > 0;
  }
}

function toParams(a: StoredAccount): Record<string, unknown> {
  return { ...a, verified: a.verified ? 1 : 0, pushSchedule: JSON.stringify(a.pushSchedule) };
}

function fromRow(r: Row): StoredAccount {
  return {
    appId: r.app_id,
    originalId: r.original_id,
    name: r.name,
    // The service validated these on the way in; the schema has no CHECK constraints to repeat it.
    type: r.type as AccountType,
    verified: r.verified !== 0,
    encryptionMode: r.encryption_mode as EncryptionMode,
    timeZone: r.time_zone,
    certificationExpiresAt: r.certification_expires_at,
    pushSchedule: r.push_schedule === null ? { ...DEFAULT_PUSH_SCHEDULE, slots: [...DEFAULT_PUSH_SCHEDULE.slots] } : (JSON.parse(r.push_schedule) as PushSchedule),
    sealedSecrets: r.sealed_secrets,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
