import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { toCsv } from '../../shared/csv';
import { invalid, type FieldProblem } from '../../shared/field-problems';
import type { Logger } from '../../shared/logger';
import type { Lead } from './customer-service';
import type { LeadRepository, Notifier } from './customer-service.ports';
import { findContacts } from './lead-extraction';

export interface LeadServiceDeps {
  repo: LeadRepository;
  /** The account's notification target (its desk settings' notifyUrl / notifySecret). */
  settings: (appId: string) => Promise<{ notifyUrl: string | null; notifySecret: string | null }>;
  notifier: Notifier;
  /** The follower's channel (the QR scene they followed through), when known. */
  channelOf?: (appId: string, openid: string) => Promise<string | null>;
  clock: Clock;
  logger: Logger;
  ids?: () => string;
}

/** Times as ISO 8601 (or Dates); `at` in [since, until), newest first. */
export interface LeadQuery {
  since?: string | Date;
  until?: string | Date;
  limit?: number;
}

export const LEAD_LIST_LIMIT = { default: 100, max: 1_000 } as const;
export const LEAD_CSV_LIMIT = { default: 10_000, max: 50_000 } as const;

const CSV_COLUMNS = ['time', 'openid', 'kind', 'value', 'channel', 'text'] as const;

/**
 * Lead capture (客户信息收集): contact details followers leave in messages become leads, listed and
 * exported for the account's operators and forwarded to the client's notification URL.
 */
export class LeadService {
  private readonly newId: () => string;

  constructor(private readonly deps: LeadServiceDeps) {
    this.newId = deps.ids ?? randomUUID;
  }

  /**
   * Stores each contact in the message that this follower had not left before and forwards each of
   * those (type 'lead') to the account's notification URL. The leads that were new come back, as stored.
   * Never rejects: it runs beside the webhook, which must answer WeChat whatever happens here; a
   * failure is logged. It awaits the forwarding (retries included), so call it off the reply path.
   * A retried callback finds its contacts stored already, so nothing is forwarded twice.
   */
  async capture(appId: string, openid: string, message: { text: string; msgId: string | null; at: Date }): Promise<Lead[]> {
    const contacts = findContacts(message.text);
    if (contacts.length === 0) return [];
    const channel = await this.channel(appId, openid);
    const fresh: Lead[] = [];
    for (const { kind, value } of contacts) {
      const lead: Lead = {
        id: this.newId(), appId, openid, kind, value, text: message.text, at: message.at.toISOString(), channel, msgId: message.msgId, forwardedAt: null,
      };
      try {
        if (await this.deps.repo.insert(lead)) fresh.push(lead);
      } catch (err) {
        this.deps.logger.error({ err: errText(err), appId, openid, kind, msgId: message.msgId }, 'lead not stored');
      }
    }
    if (fresh.length > 0) await this.forward(appId, fresh);
    return fresh;
  }

  async list(appId: string, query: LeadQuery = {}): Promise<Lead[]> {
    return this.deps.repo.list(appId, checkQuery(query, LEAD_LIST_LIMIT));
  }

  /**
   * The leads as CSV for a spreadsheet: UTF-8 with a BOM (so Excel reads the Chinese text), RFC 4180
   * quoting, CRLF line ends, and a cell a spreadsheet would run as a formula defused by an apostrophe.
   */
  async csv(appId: string, query: LeadQuery = {}): Promise<string> {
    const leads = await this.deps.repo.list(appId, checkQuery(query, LEAD_CSV_LIMIT));
    const rows = leads.map((l) => [l.at, l.openid, l.kind, l.value, l.channel ?? '', l.text]);
    return `\uFEFF${toCsv(CSV_COLUMNS, rows)}`;
  }

  private async forward(appId: string, leads: Lead[]): Promise<void> {
    let target: { url: string; secret: string | null };
    try {
      const s = await this.deps.settings(appId);
      if (!s.notifyUrl) return; // no client contact: the leads wait in the list, forwardedAt null
      target = { url: s.notifyUrl, secret: s.notifySecret };
    } catch (err) {
      this.deps.logger.error({ err: errText(err), appId }, 'leads not forwarded: the account settings could not be read');
      return;
    }
    for (const lead of leads) {
      try {
        const delivered = await this.deps.notifier.notify(target, {
          type: 'lead',
          appId,
          at: this.deps.clock.now().toISOString(),
          data: {
            leadId: lead.id, openid: lead.openid, kind: lead.kind, value: lead.value, text: lead.text, channel: lead.channel,
            msgId: lead.msgId, messageAt: lead.at,
          },
        });
        // Not delivered: the lead stays unforwarded rather than claiming it was sent.
        if (!delivered) continue;
        const forwardedAt = this.deps.clock.now().toISOString();
        await this.deps.repo.markForwarded(lead.id, forwardedAt);
        lead.forwardedAt = forwardedAt;
      } catch (err) {
        this.deps.logger.error({ err: errText(err), appId, leadId: lead.id }, 'lead not forwarded');
      }
    }
  }

  private async channel(appId: string, openid: string): Promise<string | null> {
    try {
      return (await this.deps.channelOf?.(appId, openid)) ?? null;
    } catch (err) {
      this.deps.logger.warn({ err: errText(err), appId, openid }, 'follower channel unknown');
      return null;
    }
  }
}

/** The query as the repository takes it (canonical ISO instants, a bounded limit), or a 400 naming every problem. */
function checkQuery(q: LeadQuery, limits: { default: number; max: number }): { since?: string; until?: string; limit: number } {
  const problems: FieldProblem[] = [];
  const instant = (field: string, v: string | Date | undefined): string | undefined => {
    if (v === undefined) return undefined;
    const ms = v instanceof Date ? v.getTime() : Date.parse(v);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString();
    problems.push({ field, message: 'must be an ISO 8601 time' });
    return undefined;
  };
  const since = instant('since', q.since);
  const until = instant('until', q.until);
  const limit = q.limit ?? limits.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.max) problems.push({ field: 'limit', message: `must be a whole number from 1 to ${limits.max}` });
  if (since !== undefined && until !== undefined && since >= until) problems.push({ field: 'until', message: 'must be after since' });
  if (problems.length > 0) throw invalid('lead query', problems);
  return { ...(since !== undefined && { since }), ...(until !== undefined && { until }), limit };
}

const errText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
