import type { Lead } from './customer-service';
import type { LeadRepository } from './customer-service.ports';

/**
 * The LeadRepository contract in a Map, for unit tests and nothing else (it forgets on restart and
 * knows one process). Copies in and out, as a store would.
 */
export class MemoryLeadRepository implements LeadRepository {
  private readonly rows = new Map<string, Lead>();

  async insert(lead: Lead): Promise<boolean> {
    const taken = this.rows.has(lead.id)
      || [...this.rows.values()].some((l) => l.appId === lead.appId && l.openid === lead.openid && l.kind === lead.kind && l.value === lead.value);
    if (taken) return false;
    this.rows.set(lead.id, { ...lead });
    return true;
  }

  async list(appId: string, q: { since?: string; until?: string; limit: number }): Promise<Lead[]> {
    return [...this.rows.values()]
      .filter((l) => l.appId === appId && (q.since === undefined || l.at >= q.since) && (q.until === undefined || l.at < q.until))
      // Newest first; one instant's leads by id, descending, as the stores order them.
      .sort((a, b) => (a.at === b.at ? cmp(b.id, a.id) : cmp(b.at, a.at)))
      .slice(0, q.limit)
      .map((l) => ({ ...l }));
  }

  async markForwarded(id: string, at: string): Promise<void> {
    const lead = this.rows.get(id);
    if (lead) lead.forwardedAt = at;
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
