import type { Agent, AgentStatus, DeskSettings } from './customer-service';
import type { AgentRepository, DeskSettingsRepository } from './customer-service.ports';

/**
 * The agent repository contract in a Map, for unit tests and nothing else (it forgets on restart
 * and knows one process). Copies in and out, so a caller mutating an agent cannot change the store.
 */
export class MemoryAgentRepository implements AgentRepository {
  private readonly rows = new Map<string, Agent>();

  async save(agent: Agent): Promise<void> {
    this.rows.set(agent.id, structuredClone(agent));
  }

  async get(id: string): Promise<Agent | null> {
    const a = this.rows.get(id);
    return a ? structuredClone(a) : null;
  }

  async list(appId?: string): Promise<Agent[]> {
    return [...this.rows.values()]
      .filter((a) => appId === undefined || a.appIds.includes(appId))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((a) => structuredClone(a));
  }

  async remove(id: string): Promise<boolean> {
    return this.rows.delete(id);
  }

  async setStatus(id: string, status: AgentStatus, at: string): Promise<boolean> {
    const a = this.rows.get(id);
    if (!a) return false;
    this.rows.set(id, { ...a, status, updatedAt: at });
    return true;
  }

  /** An unknown agent is no error: the agent may have been removed while its conversation was routed. */
  async markAssigned(id: string, at: string): Promise<void> {
    const a = this.rows.get(id);
    if (a) this.rows.set(id, { ...a, lastAssignedAt: at });
  }
}

/** The desk-settings repository contract in a Map, for unit tests. */
export class MemoryDeskSettingsRepository implements DeskSettingsRepository {
  private readonly rows = new Map<string, DeskSettings>();

  async get(appId: string): Promise<DeskSettings | null> {
    const s = this.rows.get(appId);
    return s ? structuredClone(s) : null;
  }

  async save(settings: DeskSettings): Promise<void> {
    this.rows.set(settings.appId, structuredClone(settings));
  }
}
