import { ConflictError } from '../../shared/errors';
import type { Campaign, CampaignResults, CampaignState } from './broadcast';
import type { CampaignQuery, CampaignRepository } from './broadcast.ports';
import { definedOnly } from '../../shared/field-problems';

/**
 * The repository contract in a Map, for unit tests and nothing else (it forgets on restart and
 * knows one process). Copies in and out, so a caller mutating a campaign cannot change the store.
 * Instants are `Date#toISOString()` strings, one fixed format, so comparing them as text is in time
 * order, as in SQLite.
 */
export class MemoryCampaignRepository implements CampaignRepository {
  private readonly rows = new Map<string, Campaign>();

  async insert(campaign: Campaign): Promise<void> {
    if (this.rows.has(campaign.id)) throw new ConflictError(`a campaign with id ${campaign.id} already exists`, { id: campaign.id });
    this.rows.set(campaign.id, copy(campaign));
  }

  async get(id: string): Promise<Campaign | null> {
    const c = this.rows.get(id);
    return c ? copy(c) : null;
  }

  async list(q: CampaignQuery): Promise<Campaign[]> {
    const when = (c: Campaign): string => c.dueAt ?? c.createdAt;
    return [...this.rows.values()]
      .filter((c) => c.appId === q.appId && (q.state === undefined || c.state === q.state))
      .filter((c) => (q.since === undefined || when(c) >= q.since) && (q.until === undefined || when(c) < q.until))
      .sort((a, b) => cmp(when(a), when(b)) || cmp(a.id, b.id))
      .map(copy);
  }

  // No await before the write: the check and the write happen in one turn of the event loop, so two
  // racing calls cannot both see the old state.
  async transition(id: string, from: CampaignState, patch: Partial<Campaign>, leaseExpiredBefore?: string): Promise<boolean> {
    const c = this.rows.get(id);
    if (!c || c.state !== from) return false;
    if (leaseExpiredBefore !== undefined && c.leaseUntil !== null && c.leaseUntil > leaseExpiredBefore) return false;
    this.rows.set(id, merge(c, patch));
    return true;
  }

  async due(now: string, limit: number): Promise<Campaign[]> {
    return [...this.rows.values()]
      .filter((c) => (c.state === 'scheduled' && c.dueAt !== null && c.dueAt <= now)
        || (c.state === 'sending' && c.leaseUntil !== null && c.leaseUntil <= now))
      // SQLite puts NULLs first in ascending order; '' does the same here.
      .sort((a, b) => cmp(a.dueAt ?? '', b.dueAt ?? '') || cmp(a.id, b.id))
      .slice(0, limit)
      .map(copy);
  }

  async findByMsgId(appId: string, msgId: string): Promise<Campaign | null> {
    const found = [...this.rows.values()]
      .filter((c) => c.appId === appId && c.msgId === msgId)
      .sort((a, b) => cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id))[0];
    return found ? copy(found) : null;
  }

  async countQuotaSends(appId: string, since: string, until: string, excludeId: string): Promise<number> {
    return [...this.rows.values()].filter((c) => c.appId === appId && c.id !== excludeId
      && QUOTA_STATES.has(c.state) && c.audience.kind !== 'openids'
      && c.dueAt !== null && c.dueAt >= since && c.dueAt < until).length;
  }

  async nextWakeAt(): Promise<string | null> {
    let next: string | null = null;
    for (const c of this.rows.values()) {
      const at = c.state === 'scheduled' ? c.dueAt : c.state === 'sending' ? c.leaseUntil : null;
      if (at !== null && (next === null || at < next)) next = at;
    }
    return next;
  }

  async lastSentAt(appId: string): Promise<string | null> {
    let latest: string | null = null;
    for (const c of this.rows.values()) {
      if (c.appId === appId && c.state === 'sent' && c.sentAt !== null && (latest === null || c.sentAt > latest)) latest = c.sentAt;
    }
    return latest;
  }

  async saveResults(id: string, results: CampaignResults, state: CampaignState, reason: string | null): Promise<void> {
    const c = this.rows.get(id);
    if (c) this.rows.set(id, merge(c, { results, state, reason }));
  }
}

const QUOTA_STATES: ReadonlySet<CampaignState> = new Set(['scheduled', 'sending', 'sent']);

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const copy = (c: Campaign): Campaign => structuredClone(c);

/** As in SQLite: the id never changes, and a field the patch leaves undefined keeps its value. */
const merge = (c: Campaign, patch: Partial<Campaign>): Campaign => {
  const given = definedOnly(patch);
  return copy({ ...c, ...given, id: c.id });
};
