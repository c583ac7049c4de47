import type { Statement } from 'better-sqlite3';
import type { AutoReplyRule, AutoReplyRuleRepository } from '../../modules/auto-reply';
import { ConflictError } from '../../shared/errors';
import type { SqliteDatabase } from './database';

interface Row {
  rule: string;
}

/**
 * Auto-reply rules in the embedded store: the rule whole as JSON, with the columns the queries need
 * beside it. Ids are unique across accounts (the table's primary key), so an upsert only ever
 * replaces a rule of the same account: a rule of another account with that id is a conflict,
 * never silently moved.
 */
export class SqliteAutoReplyRuleRepository implements AutoReplyRuleRepository {
  private readonly listStmt: Statement<[string], Row>;
  private readonly getStmt: Statement<[string, string], Row>;
  private readonly upsertStmt: Statement;
  private readonly removeStmt: Statement<[string, string]>;
  private readonly removeAllStmt: Statement<[string]>;
  private readonly fingerprintStmt: Statement<[string], { n: number; latest: string | null }>;
  private readonly replaceAllTx: (appId: string, rules: AutoReplyRule[]) => void;

  constructor(db: SqliteDatabase) {
    // Oldest first, ids breaking ties: the engine's own tie-break, and a stable export order.
    this.listStmt = db.prepare('SELECT rule FROM auto_reply_rules WHERE app_id = ? ORDER BY created_at, id');
    this.getStmt = db.prepare('SELECT rule FROM auto_reply_rules WHERE app_id = ? AND id = ?');
    this.upsertStmt = db.prepare(
      `INSERT INTO auto_reply_rules (id, app_id, rule, created_at, updated_at)
       VALUES (@id, @appId, @rule, @createdAt, @updatedAt)
       ON CONFLICT (id) DO UPDATE SET rule = excluded.rule, created_at = excluded.created_at, updated_at = excluded.updated_at
       WHERE auto_reply_rules.app_id = excluded.app_id`,
    );
    this.removeStmt = db.prepare('DELETE FROM auto_reply_rules WHERE app_id = ? AND id = ?');
    this.removeAllStmt = db.prepare('DELETE FROM auto_reply_rules WHERE app_id = ?');
    this.fingerprintStmt = db.prepare('SELECT count(*) AS n, max(updated_at) AS latest FROM auto_reply_rules WHERE app_id = ?');
    this.replaceAllTx = db.transaction((appId: string, rules: AutoReplyRule[]) => {
      this.removeAllStmt.run(appId);
      for (const rule of rules) this.upsert({ ...rule, appId });
    });
  }

  async listByAccount(appId: string): Promise<AutoReplyRule[]> {
    return this.listStmt.all(appId).map(fromRow);
  }

  async get(appId: string, id: string): Promise<AutoReplyRule | null> {
    const row = this.getStmt.get(appId, id);
    return row ? fromRow(row) : null;
  }

  async save(rule: AutoReplyRule): Promise<void> {
    this.upsert(rule);
  }

  /** One transaction: a conflict on any rule leaves the account's rules as they were. */
  async replaceAll(appId: string, rules: AutoReplyRule[]): Promise<void> {
    this.replaceAllTx(appId, rules);
  }

  async fingerprint(appId: string): Promise<string> {
    const row = this.fingerprintStmt.get(appId)!;
    return `${row.n}|${row.latest ?? ''}`;
  }

  async remove(appId: string, id: string): Promise<boolean> {
    return this.removeStmt.run(appId, id).changes > 0;
  }

  private upsert(rule: AutoReplyRule): void {
    const params = { id: rule.id, appId: rule.appId, rule: JSON.stringify(rule), createdAt: rule.createdAt, updatedAt: rule.updatedAt };
    // The WHERE of DO UPDATE fails for another account's id: no row changes, and that is the signal.
    if (this.upsertStmt.run(params).changes === 0) {
      throw new ConflictError(`the rule id ${rule.id} is taken by another account`, { id: rule.id });
    }
  }
}

function fromRow(row: Row): AutoReplyRule {
  return JSON.parse(row.rule) as AutoReplyRule;
}
