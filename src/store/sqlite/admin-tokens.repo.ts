import type { Statement } from 'better-sqlite3';
import { isAdminRole } from '../../modules/admin-access/admin-access';
import type { AdminTokenRepository, StoredAdminToken } from '../../modules/admin-access/admin-access.ports';
import { ConflictError } from '../../shared/errors';
import type { SqliteDatabase } from './database';

interface Row {
  id: string;
  name: string;
  token_hash: string;
  role: string;
  created_at: string;
}

/** Admin API tokens, by sha256 hash only: a copy of the database does not let anyone in. */
export class SqliteAdminTokenRepository implements AdminTokenRepository {
  private readonly insertStmt: Statement;
  private readonly findStmt: Statement<[string], Row>;
  private readonly countStmt: Statement<[], { n: number }>;
  private readonly listStmt: Statement<[], Row>;
  private readonly removeStmt: Statement<[string]>;

  constructor(db: SqliteDatabase) {
    this.insertStmt = db.prepare(
      `INSERT INTO admin_tokens (id, name, token_hash, role, created_at)
       VALUES (@id, @name, @tokenHash, @role, @createdAt)
       ON CONFLICT DO NOTHING`,
    );
    this.findStmt = db.prepare('SELECT id, name, token_hash, role, created_at FROM admin_tokens WHERE token_hash = ?');
    this.countStmt = db.prepare('SELECT COUNT(*) AS n FROM admin_tokens');
    this.listStmt = db.prepare('SELECT id, name, token_hash, role, created_at FROM admin_tokens ORDER BY created_at, id');
    this.removeStmt = db.prepare('DELETE FROM admin_tokens WHERE id = ?');
  }

  async insert(token: StoredAdminToken): Promise<void> {
    if (this.insertStmt.run(token).changes === 0) {
      throw new ConflictError(`an admin token with that id or hash already exists`, { id: token.id });
    }
  }

  async findByHash(tokenHash: string): Promise<StoredAdminToken | null> {
    const row = this.findStmt.get(tokenHash);
    // A role this build does not know (written by a newer version) grants nothing rather than guessing.
    if (!row || !isAdminRole(row.role)) return null;
    return fromRow(row, row.role);
  }

  async list(): Promise<StoredAdminToken[]> {
    return this.listStmt.all().flatMap((row) => (isAdminRole(row.role) ? [fromRow(row, row.role)] : []));
  }

  async remove(id: string): Promise<boolean> {
    return this.removeStmt.run(id).changes > 0;
  }

  async count(): Promise<number> {
    return this.countStmt.get()?.n ?? 0;
  }
}

function fromRow(row: Row, role: StoredAdminToken['role']): StoredAdminToken {
  return { id: row.id, name: row.name, tokenHash: row.token_hash, role, createdAt: row.created_at };
}
