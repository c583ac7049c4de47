import type { Statement, Transaction } from 'better-sqlite3';
import type { Campaign, CampaignQuery, CampaignRepository, CampaignResults, CampaignState } from '../../modules/broadcast';
import { ConflictError } from '../../shared/errors';
import type { SqliteDatabase } from './database';
import { definedOnly } from '../../shared/field-problems';

interface DocRow {
  doc: string;
}

const COLUMNS = 'id, app_id, state, due_at, lease_until, msg_id, sent_at, audience_kind, created_at, doc';

/**
 * Campaigns in SQLite (migration 5): `doc` holds the whole campaign and is the source of truth; the
 * other columns are copies for the queries, rewritten from it on every write.
 *
 * Every instant in the domain is a `Date#toISOString()` string (UTC, 'Z', milliseconds), one fixed
 * format, so comparing them as text orders them in time: the `<=`, `<` and MAX below rely on it.
 *
 * Read-modify-write (transition, saveResults) is one synchronous call, so nothing in this process
 * interleaves with it; and it runs in an IMMEDIATE transaction, which takes the write lock before the
 * read, so another process on the same file (the CLI) cannot change the row between check and write.
 */
export class SqliteCampaignRepository implements CampaignRepository {
  private readonly insertStmt: Statement;
  private readonly writeStmt: Statement;
  private readonly getStmt: Statement<[string], DocRow>;
  private readonly inStateStmt: Statement<[string, string], DocRow>;
  private readonly inStateLeaseEndedStmt: Statement<[string, string, string], DocRow>;
  private readonly listStmt: Statement<[Record<string, string | null>], DocRow>;
  private readonly dueStmt: Statement<[{ now: string; limit: number }], DocRow>;
  private readonly byMsgIdStmt: Statement<[string, string], DocRow>;
  private readonly quotaStmt: Statement<[Record<string, string>], { n: number }>;
  private readonly lastSentStmt: Statement<[string], { latest: string | null }>;
  private readonly nextWakeStmt: Statement<[], { next: string | null }>;
  private readonly transitionTx: Transaction<(id: string, from: CampaignState, patch: Partial<Campaign>, leaseExpiredBefore?: string) => boolean>;
  private readonly saveResultsTx: Transaction<(id: string, patch: Partial<Campaign>) => void>;

  constructor(db: SqliteDatabase) {
    const values = '@id, @appId, @state, @dueAt, @leaseUntil, @msgId, @sentAt, @audienceKind, @createdAt, @doc';
    // ON CONFLICT DO NOTHING + the change count tells a duplicate apart without parsing SQLite errors.
    this.insertStmt = db.prepare(`INSERT INTO campaigns (${COLUMNS}) VALUES (${values}) ON CONFLICT (id) DO NOTHING`);
    this.writeStmt = db.prepare(
      `UPDATE campaigns SET app_id = @appId, state = @state, due_at = @dueAt, lease_until = @leaseUntil, msg_id = @msgId,
         sent_at = @sentAt, audience_kind = @audienceKind, created_at = @createdAt, doc = @doc
       WHERE id = @id`,
    );
    this.getStmt = db.prepare('SELECT doc FROM campaigns WHERE id = ?');
    this.inStateStmt = db.prepare('SELECT doc FROM campaigns WHERE id = ? AND state = ?');
    this.inStateLeaseEndedStmt = db.prepare(
      'SELECT doc FROM campaigns WHERE id = ? AND state = ? AND (lease_until IS NULL OR lease_until <= ?)',
    );
    // One statement for every combination of filters: a NULL parameter switches its filter off.
    this.listStmt = db.prepare(
      `SELECT doc FROM campaigns
       WHERE app_id = @appId AND (@state IS NULL OR state = @state)
         AND (@since IS NULL OR COALESCE(due_at, created_at) >= @since)
         AND (@until IS NULL OR COALESCE(due_at, created_at) < @until)
       ORDER BY COALESCE(due_at, created_at), id`,
    );
    this.dueStmt = db.prepare(
      `SELECT doc FROM campaigns
       WHERE (state = 'scheduled' AND due_at <= @now) OR (state = 'sending' AND lease_until <= @now)
       ORDER BY due_at, id LIMIT @limit`,
    );
    this.byMsgIdStmt = db.prepare('SELECT doc FROM campaigns WHERE app_id = ? AND msg_id = ? ORDER BY created_at, id LIMIT 1');
    this.quotaStmt = db.prepare(
      `SELECT count(*) AS n FROM campaigns
       WHERE app_id = @appId AND id <> @excludeId
         AND state IN ('scheduled', 'sending', 'sent') AND audience_kind IN ('all', 'tag')
         AND due_at >= @since AND due_at < @until`,
    );
    this.lastSentStmt = db.prepare("SELECT MAX(sent_at) AS latest FROM campaigns WHERE app_id = ? AND state = 'sent'");
    // Two index lookups (state, due_at) rather than one scan: MIN over each state, then the smaller.
    this.nextWakeStmt = db.prepare(
      `SELECT MIN(next) AS next FROM (
         SELECT MIN(due_at) AS next FROM campaigns WHERE state = 'scheduled'
         UNION ALL SELECT MIN(lease_until) FROM campaigns WHERE state = 'sending')`,
    );

    this.transitionTx = db.transaction((id: string, from: CampaignState, patch: Partial<Campaign>, leaseExpiredBefore?: string) => {
      const row = leaseExpiredBefore === undefined
        ? this.inStateStmt.get(id, from)
        : this.inStateLeaseEndedStmt.get(id, from, leaseExpiredBefore);
      if (!row) return false;
      this.write(merge(parse(row), patch));
      return true;
    });
    this.saveResultsTx = db.transaction((id: string, patch: Partial<Campaign>) => {
      const row = this.getStmt.get(id);
      if (row) this.write(merge(parse(row), patch));
    });
  }

  async insert(campaign: Campaign): Promise<void> {
    if (this.insertStmt.run(toParams(campaign)).changes === 0) {
      throw new ConflictError(`a campaign with id ${campaign.id} already exists`, { id: campaign.id });
    }
  }

  async get(id: string): Promise<Campaign | null> {
    const row = this.getStmt.get(id);
    return row ? parse(row) : null;
  }

  async list(q: CampaignQuery): Promise<Campaign[]> {
    return this.listStmt.all({ appId: q.appId, state: q.state ?? null, since: q.since ?? null, until: q.until ?? null }).map(parse);
  }

  async transition(id: string, from: CampaignState, patch: Partial<Campaign>, leaseExpiredBefore?: string): Promise<boolean> {
    return this.transitionTx.immediate(id, from, patch, leaseExpiredBefore);
  }

  async due(now: string, limit: number): Promise<Campaign[]> {
    return this.dueStmt.all({ now, limit }).map(parse);
  }

  async findByMsgId(appId: string, msgId: string): Promise<Campaign | null> {
    const row = this.byMsgIdStmt.get(appId, msgId);
    return row ? parse(row) : null;
  }

  async countQuotaSends(appId: string, since: string, until: string, excludeId: string): Promise<number> {
    return this.quotaStmt.get({ appId, since, until, excludeId })!.n;
  }

  async lastSentAt(appId: string): Promise<string | null> {
    return this.lastSentStmt.get(appId)!.latest;
  }

  async nextWakeAt(): Promise<string | null> {
    return this.nextWakeStmt.get()!.next;
  }

  /** No compare: the finish event is the last word on a send, whatever state the row is in. */
  async saveResults(id: string, results: CampaignResults, state: CampaignState, reason: string | null): Promise<void> {
    this.saveResultsTx.immediate(id, { results, state, reason });
  }

  private write(c: Campaign): void {
    this.writeStmt.run(toParams(c));
  }
}

/** Written by this class from a Campaign, so it comes back exactly as the domain shaped it. */
const parse = (row: DocRow): Campaign => JSON.parse(row.doc) as Campaign;

/**
 * The id never changes, and a field the patch leaves undefined keeps its value (JSON would drop it
 * from the doc otherwise).
 */
const merge = (c: Campaign, patch: Partial<Campaign>): Campaign => {
  const given = definedOnly(patch);
  return { ...c, ...given, id: c.id };
};

const toParams = (c: Campaign) => ({
  id: c.id,
  appId: c.appId,
  state: c.state,
  dueAt: c.dueAt,
  leaseUntil: c.leaseUntil,
  msgId: c.msgId,
  sentAt: c.sentAt,
  audienceKind: c.audience.kind,
  createdAt: c.createdAt,
  doc: JSON.stringify(c),
});
