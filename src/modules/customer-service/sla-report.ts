import { ValidationError } from '../../shared/errors';
import { zonedInstant } from '../../shared/zoned-time';
import type { Conversation, SlaEvent } from './customer-service';
import type { ConversationRepository, SlaEventRepository } from './customer-service.ports';

export interface SlaStats {
  /** Conversations opened in the month. */
  opened: number;
  /** Of those, the ones a person answered. */
  answered: number;
  /** Of those, the ones closed (by now). */
  closed: number;
  /** First reply by a person − opening, in minutes (null when nothing was answered). */
  firstResponseMinutes: { median: number | null; p90: number | null };
  /** Closing − opening, in minutes, of those closed. */
  resolutionMinutes: { median: number | null };
  /** Marks given in the month (whenever their conversation opened). */
  breaches: number;
  warnings: number;
}

export interface SlaReport {
  appId: string;
  /** YYYY-MM, in the account's time zone: [since, until). */
  month: string;
  timeZone: string;
  since: string;
  until: string;
  account: SlaStats;
  /** Per agent (in native mode the kf account), by id; conversations nobody took count for the account only. */
  agents: (SlaStats & { agentId: string })[];
}

export interface SlaReporterDeps {
  conversations: ConversationRepository;
  events: SlaEventRepository;
  timeZone: (appId: string) => Promise<string>;
}

const PAGE = 1000;
const MINUTE = 60_000;

/** The SLA report per account and month: what the contracts' 24-hour promise is measured by. */
export class SlaReporter {
  constructor(private readonly deps: SlaReporterDeps) {}

  async slaReport(appId: string, month: string): Promise<SlaReport> {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
    if (!m) throw new ValidationError('the month is invalid', [{ field: 'month', message: 'must be YYYY-MM' }]);
    const timeZone = await this.deps.timeZone(appId);
    const [year, mon] = [Number(m[1]), Number(m[2])];
    const next = mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, '0')}`;
    const since = zonedInstant(`${month}-01`, '00:00', timeZone).toISOString();
    const until = zonedInstant(`${next}-01`, '00:00', timeZone).toISOString();
    const [conversations, events] = await Promise.all([this.opened(appId, since, until), this.deps.events.list(appId, since, until)]);

    const byAgent = new Map<string, { conversations: Conversation[]; events: SlaEvent[] }>();
    const slot = (agentId: string) => byAgent.get(agentId) ?? byAgent.set(agentId, { conversations: [], events: [] }).get(agentId)!;
    for (const c of conversations) {
      const agentId = c.agentId ?? c.kfAccount;
      if (agentId !== null) slot(agentId).conversations.push(c);
    }
    for (const e of events) if (e.agentId !== null) slot(e.agentId).events.push(e);
    const agents = [...byAgent.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([agentId, part]) => ({ agentId, ...stats(part.conversations, part.events) }));
    return { appId, month, timeZone, since, until, account: stats(conversations, events), agents };
  }

  /** Every conversation opened in [since, until), page by page from the newest (list has no cursor: the bound moves). */
  private async opened(appId: string, since: string, until: string): Promise<Conversation[]> {
    const seen = new Map<string, Conversation>();
    let bound = until;
    for (;;) {
      const page = await this.deps.conversations.list({ appId, openedSince: since, openedUntil: bound, limit: PAGE });
      const fresh = page.filter((c) => !seen.has(c.id));
      for (const c of fresh) seen.set(c.id, c);
      if (page.length < PAGE || fresh.length === 0) break;
      // One millisecond past the oldest seen: conversations opened at that same instant but not yet read come again (deduped above).
      bound = new Date(Date.parse(page[page.length - 1]!.openedAt) + 1).toISOString();
    }
    return [...seen.values()];
  }
}

function stats(conversations: Conversation[], events: SlaEvent[]): SlaStats {
  const minutes = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / MINUTE;
  const firstResponses = conversations.filter((c) => c.firstResponseAt !== null).map((c) => minutes(c.openedAt, c.firstResponseAt!));
  const resolutions = conversations.filter((c) => c.state === 'closed' && c.closedAt !== null).map((c) => minutes(c.openedAt, c.closedAt!));
  return {
    opened: conversations.length,
    answered: firstResponses.length,
    closed: resolutions.length,
    firstResponseMinutes: { median: quantile(firstResponses, 0.5), p90: quantile(firstResponses, 0.9) },
    resolutionMinutes: { median: quantile(resolutions, 0.5) },
    breaches: events.filter((e) => e.kind === 'breach').length,
    warnings: events.filter((e) => e.kind === 'warning').length,
  };
}

/** The q-quantile by linear interpolation between closest ranks (the median of 1, 2, 3, 4 is 2.5), to 0.01 minute. */
export function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const value = sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  return Math.round(value * 100) / 100;
}
