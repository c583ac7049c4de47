import type { Campaign } from './broadcast';
import type { CampaignRepository } from './broadcast.ports';
import { addDays, zonedInstant, zonedParts } from '../../shared/zoned-time';

/** Service accounts: every follower receives at most 4 mass messages a calendar month (§7.1). */
export const SERVICE_SENDS_PER_MONTH = 4;

/**
 * Why WeChat would refuse this send, or null (docs/wechat-protocol.md §7.1). Counted over the
 * account's own campaigns scheduled, sending or sent: sends made in the MP console are invisible to
 * the API, so this refuses what is certain to fail, not everything that might.
 * - Subscription accounts: the API sends once a day, to all or to a tag. Days are the account's days.
 * - Service accounts: 4 per follower per month. A to-all or tag send reaches (nearly) everyone, so
 *   four of them use up the month; openid-list sends are not counted (they reach few followers).
 */
export async function quotaProblem(repo: CampaignRepository, campaign: Campaign & { dueAt: string }, account: { type: 'subscription' | 'service'; timeZone: string }): Promise<string | null> {
  if (campaign.audience.kind === 'openids') return account.type === 'subscription' ? 'subscription accounts cannot mass-send to an openid list (service accounts only): use a tag' : null;
  const bounds = localBounds(campaign.dueAt, account.timeZone);
  if (account.type === 'subscription') {
    const sameDay = await repo.countQuotaSends(campaign.appId, bounds.dayStart, bounds.dayEnd, campaign.id);
    return sameDay >= 1 ? `a subscription account can mass-send once a day, and another campaign is already set for that day (${bounds.dayStart.slice(0, 10)} in ${account.timeZone})` : null;
  }
  const sameMonth = await repo.countQuotaSends(campaign.appId, bounds.monthStart, bounds.monthEnd, campaign.id);
  return sameMonth >= SERVICE_SENDS_PER_MONTH
    ? `each follower receives at most ${SERVICE_SENDS_PER_MONTH} mass messages a month, and this account already has ${sameMonth} sends to all or to a tag that month`
    : null;
}

/** Local day and month bounds of an instant, as ISO instants, for the quotas. */
export function localBounds(instant: string, timeZone: string): { dayStart: string; dayEnd: string; monthStart: string; monthEnd: string } {
  const p = zonedParts(new Date(instant), timeZone);
  const month = `${p.year}-${String(p.month).padStart(2, '0')}`;
  const nextMonth = p.month === 12 ? `${p.year + 1}-01` : `${p.year}-${String(p.month + 1).padStart(2, '0')}`;
  const at = (date: string) => zonedInstant(date, '00:00', timeZone).toISOString();
  return { dayStart: at(p.date), dayEnd: at(addDays(p.date, 1)), monthStart: at(`${month}-01`), monthEnd: at(`${nextMonth}-01`) };
}
