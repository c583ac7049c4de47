import type { Conversation, SlaEvent } from '../../../../src/modules/customer-service/customer-service';
import { MemoryConversationRepository, MemorySlaEventRepository } from '../../../../src/modules/customer-service/memory-conversations';
import { quantile, SlaReporter } from '../../../../src/modules/customer-service/sla-report';
import { ValidationError } from '../../../../src/shared/errors';
import { APP, OTHER_APP } from './conversation-fixtures';

const MIN = 60_000;
const plus = (at: string, minutes: number): string => new Date(Date.parse(at) + minutes * MIN).toISOString();

const conversation = (id: string, openedAt: string, over: Partial<Conversation> = {}): Conversation => ({
  id, appId: APP, openid: `o-${id}`, state: 'answered', mode: 'desk', reason: 'no_rule', agentId: null, kfAccount: null, skillGroup: null,
  openedAt, assignedAt: null, waitingSince: null, dueAt: null, warnAt: null, firstResponseAt: null, lastFollowerAt: openedAt,
  lastAgentAt: null, closedAt: null, closedBy: null, breaches: 0, updatedAt: openedAt, ...over,
});

const mark = (conversationId: string, kind: SlaEvent['kind'], firedAt: string, over: Partial<SlaEvent> = {}): SlaEvent => ({
  id: `${conversationId}-${kind}`, appId: APP, conversationId, kind, waitingSince: firedAt, dueAt: firedAt, agentId: null, firedAt, ...over,
});

async function reporter(conversations: Conversation[], events: SlaEvent[], timeZone = 'Asia/Shanghai') {
  const repo = new MemoryConversationRepository();
  const marks = new MemorySlaEventRepository();
  for (const c of conversations) await repo.insert(c);
  for (const e of events) await marks.record(e);
  return new SlaReporter({ conversations: repo, events: marks, timeZone: async () => timeZone });
}

describe('SlaReporter.slaReport', () => {
  it('when a month is asked, then the account and each agent get opened, answered, first-response and resolution times, breaches and warnings', async () => {
    const c1 = '2026-03-02T01:00:00.000Z';
    const c2 = '2026-03-03T01:00:00.000Z';
    const c3 = '2026-03-04T01:00:00.000Z';
    const c6 = '2026-02-28T16:00:00.000Z'; // 1 March 00:00 in Shanghai: in the month
    const r = await reporter([
      conversation('c1', c1, { agentId: 'alice', firstResponseAt: plus(c1, 10), state: 'closed', closedAt: plus(c1, 60) }),
      conversation('c2', c2, { agentId: 'alice', firstResponseAt: plus(c2, 30) }),
      conversation('c3', c3, { agentId: 'bob', firstResponseAt: plus(c3, 20), state: 'closed', closedAt: plus(c3, 120) }),
      conversation('c4', '2026-03-05T01:00:00.000Z', { state: 'waiting' }),
      conversation('c5', '2026-02-28T15:59:59.999Z', { agentId: 'alice' }), // 28 February 23:59 in Shanghai: not in the month
      conversation('c6', c6, { mode: 'native', kfAccount: 'kf1@wxid', firstResponseAt: plus(c6, 40), state: 'closed', closedAt: plus(c6, 50) }),
      conversation('c7', c1, { appId: OTHER_APP, agentId: 'alice', firstResponseAt: plus(c1, 1) }),
    ], [
      mark('c2', 'warning', '2026-03-03T20:00:00.000Z', { agentId: 'alice' }),
      mark('c2', 'breach', '2026-03-04T01:00:00.000Z', { agentId: 'alice' }),
      mark('c4', 'breach', '2026-03-06T01:00:00.000Z'),
      mark('c5', 'warning', '2026-02-28T10:00:00.000Z', { agentId: 'alice' }), // fired in February
      mark('c7', 'breach', '2026-03-04T01:00:00.000Z', { appId: OTHER_APP, agentId: 'alice' }),
    ]);
    expect(await r.slaReport(APP, '2026-03')).toEqual({
      appId: APP, month: '2026-03', timeZone: 'Asia/Shanghai', since: '2026-02-28T16:00:00.000Z', until: '2026-03-31T16:00:00.000Z',
      account: {
        opened: 5, answered: 4, closed: 3, firstResponseMinutes: { median: 25, p90: 37 }, resolutionMinutes: { median: 60 }, breaches: 2, warnings: 1,
      },
      agents: [
        { agentId: 'alice', opened: 2, answered: 2, closed: 1, firstResponseMinutes: { median: 20, p90: 28 }, resolutionMinutes: { median: 60 }, breaches: 1, warnings: 1 },
        { agentId: 'bob', opened: 1, answered: 1, closed: 1, firstResponseMinutes: { median: 20, p90: 20 }, resolutionMinutes: { median: 120 }, breaches: 0, warnings: 0 },
        { agentId: 'kf1@wxid', opened: 1, answered: 1, closed: 1, firstResponseMinutes: { median: 40, p90: 40 }, resolutionMinutes: { median: 50 }, breaches: 0, warnings: 0 },
      ],
    });
  });

  it('when nothing happened in the month, then the counts are zero and the times null', async () => {
    const r = await reporter([], []);
    const report = await r.slaReport(APP, '2026-12');
    expect([report.since, report.until]).toEqual(['2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
    expect(report.account).toEqual({ opened: 0, answered: 0, closed: 0, firstResponseMinutes: { median: null, p90: null }, resolutionMinutes: { median: null }, breaches: 0, warnings: 0 });
    expect(report.agents).toEqual([]);
  });

  it('when the account is in Berlin, then the month runs from local midnight to local midnight across the clock change', async () => {
    const report = await (await reporter([], [], 'Europe/Berlin')).slaReport(APP, '2026-03');
    expect([report.since, report.until]).toEqual(['2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
  });

  it('when the month holds more conversations than one page, some opened at the same instant, then each is counted once', async () => {
    const base = Date.parse('2026-03-10T00:00:00.000Z');
    // 2 100 conversations, five per instant, so page boundaries fall inside groups of equal opening times.
    const many = Array.from({ length: 2100 }, (_, i) => conversation(`c${String(i).padStart(4, '0')}`, new Date(base + Math.floor(i / 5) * MIN).toISOString()));
    const report = await (await reporter(many, [])).slaReport(APP, '2026-03');
    expect(report.account.opened).toBe(2100);
  });

  it('when the month is not YYYY-MM, then it is refused naming the field', async () => {
    const r = await reporter([], []);
    await expect(r.slaReport(APP, '2026-13')).rejects.toMatchObject({ details: [{ field: 'month', message: 'must be YYYY-MM' }] });
    await expect(r.slaReport(APP, 'March')).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('quantile', () => {
  it('when values are given, then the quantile interpolates between the closest ranks', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9.1);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });
});
