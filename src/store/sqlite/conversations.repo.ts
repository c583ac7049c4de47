import type { Statement, Transaction } from 'better-sqlite3';
import { lastActivityAt } from '../../modules/customer-service/conversation-change';
import type { Conversation, ThreadEntry } from '../../modules/customer-service/customer-service';
import type { ConversationQuery, ConversationRepository } from '../../modules/customer-service/customer-service.ports';
import { ConflictError } from '../../shared/errors';
import type { SqliteDatabase } from './database';
import { definedOnly } from '../../shared/field-problems';

interface Row {
  id: string; app_id: string; openid: string; state: Conversation['state']; mode: Conversation['mode']; reason: Conversation['reason'];
  agent_id: string | null; kf_account: string | null; skill_group: string | null; opened_at: string; assigned_at: string | null;
  waiting_since: string | null; due_at: string | null; warn_at: string | null; first_response_at: string | null;
  last_follower_at: string; last_agent_at: string | null; closed_at: string | null; closed_by: string | null; breaches: number; updated_at: string;
}

interface EntryRow {
  id: string; conversation_id: string; app_id: string; openid: string; direction: ThreadEntry['direction'];
  at: string; kind: string; text: string; agent_id: string | null; msg_id: string | null;
}

const COLUMNS = `id, app_id, openid, state, mode, reason, agent_id, kf_account, skill_group, opened_at, assigned_at, waiting_since, due_at,
  warn_at, first_response_at, last_follower_at, last_agent_at, last_activity_at, closed_at, closed_by, breaches, updated_at`;
const VALUES = `@id, @appId, @openid, @state, @mode, @reason, @agentId, @kfAccount, @skillGroup, @openedAt, @assignedAt, @waitingSince, @dueAt,
  @warnAt, @firstResponseAt, @lastFollowerAt, @lastAgentAt, @lastActivityAt, @closedAt, @closedBy, @breaches, @updatedAt`;
const ENTRY_COLUMNS = 'id, conversation_id, app_id, openid, direction, at, kind, text, agent_id, msg_id';

type Patch = Partial<Omit<Conversation, 'id' | 'appId' | 'openid'>>;

/**
 * Conversations and their threads in SQLite (migration 11). The partial unique index on
 * (app_id, openid) WHERE state <> 'closed' is the one-open-conversation rule; the partial unique
 * index on (conversation_id, msg_id) dedups retried callbacks. Instants are `Date#toISOString()`
 * strings, so text comparison is time order.
 *
 * `update` reads and writes in one IMMEDIATE transaction (one synchronous call, so nothing in this
 * process interleaves; the write lock is taken before the read, so another process cannot either).
 */
export class SqliteConversationRepository implements ConversationRepository {
  private readonly insertStmt: Statement;
  private readonly writeStmt: Statement;
  private readonly getStmt: Statement<[string], Row>;
  private readonly openStmt: Statement<[string, string], Row>;
  private readonly listStmt: Statement<[Record<string, string | number | null>], Row>;
  private readonly slaDueStmt: Statement<[string, number], Row>;
  private readonly idleStmt: Statement<[string, number], Row>;
  private readonly loadsStmt: Statement<[], { agent_id: string; n: number }>;
  private readonly appendStmt: Statement;
  private readonly threadStmt: Statement<[string, number], EntryRow>;
  private readonly updateTx: Transaction<(id: string, expected: string, patch: Patch) => boolean>;

  constructor(db: SqliteDatabase) {
    // ON CONFLICT DO NOTHING (no target: the primary key and the partial unique index alike) + the change count.
    this.insertStmt = db.prepare(`INSERT INTO conversations (${COLUMNS}) VALUES (${VALUES}) ON CONFLICT DO NOTHING`);
    const sets = COLUMNS.split(',').map((c) => c.trim()).filter((c) => c !== 'id')
      .map((c) => `${c} = @${c.replace(/_([a-z])/g, (_m, l: string) => l.toUpperCase())}`).join(', ');
    this.writeStmt = db.prepare(`UPDATE conversations SET ${sets} WHERE id = @id`);
    this.getStmt = db.prepare(`SELECT * FROM conversations WHERE id = ?`);
    this.openStmt = db.prepare(`SELECT * FROM conversations WHERE app_id = ? AND openid = ? AND state <> 'closed'`);
    // One statement for every combination of filters: a NULL parameter switches its filter off.
    this.listStmt = db.prepare(
      `SELECT * FROM conversations
       WHERE (@appId IS NULL OR app_id = @appId) AND (@agentId IS NULL OR agent_id = @agentId)
         AND (@states IS NULL OR state IN (SELECT value FROM json_each(@states)))
         AND (@dueBefore IS NULL OR due_at < @dueBefore)
         AND (@breached IS NULL OR (breaches > 0) = @breached)
         AND (@since IS NULL OR opened_at >= @since) AND (@until IS NULL OR opened_at < @until)
       ORDER BY opened_at DESC, id DESC LIMIT @limit`,
    );
    this.slaDueStmt = db.prepare(`SELECT * FROM conversations WHERE state <> 'closed' AND warn_at <= ? ORDER BY warn_at, id LIMIT ?`);
    this.idleStmt = db.prepare(`SELECT * FROM conversations WHERE state <> 'closed' AND last_activity_at < ? ORDER BY last_activity_at, id LIMIT ?`);
    this.loadsStmt = db.prepare(`SELECT agent_id, count(*) AS n FROM conversations WHERE state <> 'closed' AND agent_id IS NOT NULL GROUP BY agent_id`);
    this.appendStmt = db.prepare(
      `INSERT INTO conversation_entries (${ENTRY_COLUMNS})
       VALUES (@id, @conversationId, @appId, @openid, @direction, @at, @kind, @text, @agentId, @msgId) ON CONFLICT DO NOTHING`,
    );
    this.threadStmt = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM conversation_entries WHERE conversation_id = ? ORDER BY at, id LIMIT ?`);
    this.updateTx = db.transaction((id: string, expected: string, patch: Patch) => {
      const row = this.getStmt.get(id);
      if (!row || row.updated_at !== expected) return false;
      const given = definedOnly(patch);
      this.writeStmt.run(toParams({ ...toConversation(row), ...given, id: row.id, appId: row.app_id, openid: row.openid }));
      return true;
    });
  }

  async insert(c: Conversation): Promise<void> {
    if (this.insertStmt.run(toParams(c)).changes === 0) {
      throw new ConflictError('the conversation exists, or the follower already has an open conversation with this account', { id: c.id });
    }
  }

  async get(id: string): Promise<Conversation | null> {
    const row = this.getStmt.get(id);
    return row ? toConversation(row) : null;
  }

  async findOpen(appId: string, openid: string): Promise<Conversation | null> {
    const row = this.openStmt.get(appId, openid);
    return row ? toConversation(row) : null;
  }

  async update(id: string, expectedUpdatedAt: string, patch: Patch): Promise<boolean> {
    try {
      return this.updateTx.immediate(id, expectedUpdatedAt, patch);
    } catch (err) {
      // Only a reopening beside an open conversation can break a unique index here.
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new ConflictError('the follower already has an open conversation with this account', { id });
      throw err;
    }
  }

  async list(q: ConversationQuery): Promise<Conversation[]> {
    return this.listStmt.all({
      appId: q.appId ?? null, agentId: q.agentId ?? null, states: q.states ? JSON.stringify(q.states) : null,
      dueBefore: q.dueBefore ?? null, breached: q.breached === undefined ? null : q.breached ? 1 : 0,
      since: q.openedSince ?? null, until: q.openedUntil ?? null, limit: q.limit,
    }).map(toConversation);
  }

  async slaDue(now: string, limit: number): Promise<Conversation[]> {
    return this.slaDueStmt.all(now, limit).map(toConversation);
  }

  async idleSince(before: string, limit: number): Promise<Conversation[]> {
    return this.idleStmt.all(before, limit).map(toConversation);
  }

  async loads(): Promise<Record<string, number>> {
    return Object.fromEntries(this.loadsStmt.all().map((r) => [r.agent_id, r.n]));
  }

  async appendEntry(entry: ThreadEntry): Promise<boolean> {
    return this.appendStmt.run(entry).changes === 1;
  }

  async thread(conversationId: string, limit: number): Promise<ThreadEntry[]> {
    return this.threadStmt.all(conversationId, limit).map((r) => ({
      id: r.id, conversationId: r.conversation_id, appId: r.app_id, openid: r.openid, direction: r.direction,
      at: r.at, kind: r.kind, text: r.text, agentId: r.agent_id, msgId: r.msg_id,
    }));
  }
}

const toParams = (c: Conversation) => ({ ...c, lastActivityAt: lastActivityAt(c) });

const toConversation = (r: Row): Conversation => ({
  id: r.id, appId: r.app_id, openid: r.openid, state: r.state, mode: r.mode, reason: r.reason, agentId: r.agent_id,
  kfAccount: r.kf_account, skillGroup: r.skill_group, openedAt: r.opened_at, assignedAt: r.assigned_at,
  waitingSince: r.waiting_since, dueAt: r.due_at, warnAt: r.warn_at, firstResponseAt: r.first_response_at,
  lastFollowerAt: r.last_follower_at, lastAgentAt: r.last_agent_at, closedAt: r.closed_at, closedBy: r.closed_by,
  breaches: r.breaches, updatedAt: r.updated_at,
});
