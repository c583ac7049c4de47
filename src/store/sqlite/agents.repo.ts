import type { Statement } from 'better-sqlite3';
import type { Agent, AgentStatus } from '../../modules/customer-service/customer-service';
import type { AgentRepository } from '../../modules/customer-service/customer-service.ports';
import type { SqliteDatabase } from './database';

interface Row {
  id: string;
  name: string;
  app_ids: string;
  skills: string;
  max_load: number;
  status: string;
  kf_account: string | null;
  last_assigned_at: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, name, app_ids, skills, max_load, status, kf_account, last_assigned_at, created_at, updated_at';

/**
 * Customer-service agents in SQLite (migration 12). Each write is one statement, so routing's
 * markAssigned and an agent's setStatus never overwrite each other's field.
 */
export class SqliteAgentRepository implements AgentRepository {
  private readonly saveStmt: Statement;
  private readonly getStmt: Statement<[string], Row>;
  private readonly listAllStmt: Statement<[], Row>;
  private readonly listByAccountStmt: Statement<[string], Row>;
  private readonly removeStmt: Statement<[string]>;
  private readonly statusStmt: Statement<[string, string, string]>;
  private readonly assignedStmt: Statement<[string, string]>;

  constructor(db: SqliteDatabase) {
    this.saveStmt = db.prepare(
      `INSERT INTO agents (${COLUMNS})
       VALUES (@id, @name, @appIds, @skills, @maxLoad, @status, @kfAccount, @lastAssignedAt, @createdAt, @updatedAt)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, app_ids = excluded.app_ids, skills = excluded.skills,
         max_load = excluded.max_load, status = excluded.status, kf_account = excluded.kf_account,
         last_assigned_at = excluded.last_assigned_at, created_at = excluded.created_at, updated_at = excluded.updated_at`,
    );
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM agents WHERE id = ?`);
    this.listAllStmt = db.prepare(`SELECT ${COLUMNS} FROM agents ORDER BY id`);
    this.listByAccountStmt = db.prepare(
      `SELECT ${COLUMNS} FROM agents WHERE EXISTS (SELECT 1 FROM json_each(app_ids) WHERE value = ?) ORDER BY id`,
    );
    this.removeStmt = db.prepare('DELETE FROM agents WHERE id = ?');
    this.statusStmt = db.prepare('UPDATE agents SET status = ?, updated_at = ? WHERE id = ?');
    this.assignedStmt = db.prepare('UPDATE agents SET last_assigned_at = ? WHERE id = ?');
  }

  async save(agent: Agent): Promise<void> {
    this.saveStmt.run({
      id: agent.id,
      name: agent.name,
      appIds: JSON.stringify(agent.appIds),
      skills: JSON.stringify(agent.skills),
      maxLoad: agent.maxLoad,
      status: agent.status,
      kfAccount: agent.kfAccount,
      lastAssignedAt: agent.lastAssignedAt,
      createdAt: agent.createdAt,
      updatedAt: agent.updatedAt,
    });
  }

  async get(id: string): Promise<Agent | null> {
    const row = this.getStmt.get(id);
    return row ? fromRow(row) : null;
  }

  async list(appId?: string): Promise<Agent[]> {
    const rows = appId === undefined ? this.listAllStmt.all() : this.listByAccountStmt.all(appId);
    return rows.map(fromRow);
  }

  async remove(id: string): Promise<boolean> {
    return this.removeStmt.run(id).changes > 0;
  }

  async setStatus(id: string, status: AgentStatus, at: string): Promise<boolean> {
    return this.statusStmt.run(status, at, id).changes > 0;
  }

  /** Bookkeeping for round-robin, not an edit of the agent: updatedAt stays. */
  async markAssigned(id: string, at: string): Promise<void> {
    this.assignedStmt.run(at, id);
  }
}

function fromRow(r: Row): Agent {
  return {
    id: r.id,
    name: r.name,
    appIds: JSON.parse(r.app_ids) as string[],
    skills: JSON.parse(r.skills) as string[],
    maxLoad: r.max_load,
    status: r.status as AgentStatus,
    kfAccount: r.kf_account,
    lastAssignedAt: r.last_assigned_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
