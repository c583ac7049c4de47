import type { SkillGroup } from '../../../../src/modules/customer-service/customer-service';
import { agent, countsOf, seeded, simulate, spread, type Arrival, type SimulationLog } from './desk-simulation';

/**
 * Issue 6, "Routing: 300 conversations over 3 agents are spread as the strategy says and nobody
 * exceeds the maximum load." Each scenario runs 300 arrivals (one a minute) through the real
 * chooseAgent / nextFromQueue, with conversations closing after their handling time.
 */

const N = 300;
const AGENTS = ['a', 'b', 'c'];

const arrivals = (seed: number, handle: (random: () => number) => number, kind: (i: number) => Partial<Arrival> = () => ({})): Arrival[] => {
  const random = seeded(seed);
  return Array.from({ length: N }, (_, i) => ({ firstText: '你好', tagIds: [], menuKey: null, handleMinutes: handle(random), ...kind(i) }));
};
const between = (min: number, max: number) => (random: () => number): number => min + Math.floor(random() * (max - min + 1));
const agents = (maxLoad: number, over: Record<string, Partial<ReturnType<typeof agent>>> = {}) => AGENTS.map((id) => agent(id, { maxLoad, ...over[id] }));

/** What every strategy promises: each conversation handed out once, nobody over maxLoad, the queue first in first out. */
function expectDeskRules(log: SimulationLog, maxLoad: number): void {
  expect(log.assignments.map((a) => a.conversation).sort((x, y) => x - y)).toEqual(Array.from({ length: N }, (_, i) => i));
  expect(Math.max(...log.snapshots.flatMap((s) => Object.values(s)))).toBeLessThanOrEqual(maxLoad);
  for (const a of log.assignments) expect([a.conversation, a.loadsBefore[a.agentId]! < maxLoad]).toEqual([a.conversation, true]);
  // A conversation waits only when every online agent who could take it is full.
  for (const q of log.queued) {
    const couldTake = log.agents.filter((a) => q.online.includes(a.id) && (q.skillGroup === null || a.skills.includes(q.skillGroup)));
    expect([q.conversation, couldTake.map((a) => q.loads[a.id])]).toEqual([q.conversation, couldTake.map(() => maxLoad)]);
  }
  // Hand-outs from the queue come in the order the conversations began waiting (per skill group).
  const groups = new Set(log.queued.map((q) => q.skillGroup));
  for (const group of groups) {
    const handedOut = log.assignments.filter((a) => a.fromQueue && a.skillGroup === group).map((a) => a.conversation);
    expect(handedOut).toEqual(log.queued.filter((q) => q.skillGroup === group).map((q) => q.conversation));
  }
}

describe('routing 300 conversations over 3 agents', () => {
  describe('round_robin', () => {
    const settings = { mode: 'desk' as const, strategy: 'round_robin' as const, skillGroups: [] };

    it('when nobody is ever full, then the agents take turns and each gets 100', () => {
      const log = simulate({ settings, agents: agents(200), arrivals: arrivals(1, between(1, 60)) });
      expect(countsOf(log)).toEqual({ a: 100, b: 100, c: 100 });
      expect(log.assignments.slice(0, 6).map((a) => a.agentId)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
      expect(log.queued).toEqual([]);
      expectDeskRules(log, 200);
    });

    it('when conversations outnumber the room, then nobody exceeds maxLoad and the queue is handed out oldest first', () => {
      const log = simulate({ settings, agents: agents(4), arrivals: arrivals(2, between(5, 30)) });
      expect(log.queued.length).toBeGreaterThan(100);
      expectDeskRules(log, 4);
    });
  });

  describe('least_loaded', () => {
    const settings = { mode: 'desk' as const, strategy: 'least_loaded' as const, skillGroups: [] };

    it('when every conversation takes as long, then the loads are within 1 of each other at all times', () => {
      const log = simulate({ settings, agents: agents(10), arrivals: arrivals(3, () => 20) });
      expect(log.snapshots.length).toBe(2 * N); // one after each arrival, one after each close
      for (const s of log.snapshots) expect(spread(Object.values(s))).toBeLessThanOrEqual(1);
      expect(Math.max(...log.snapshots.map((s) => s.a!))).toBe(7);
      expectDeskRules(log, 10);
    });

    it('when handling times vary, then each new conversation goes to a least-loaded agent, and no arrival widens the spread past 1', () => {
      const log = simulate({ settings, agents: agents(50), arrivals: arrivals(4, between(1, 60)) });
      for (const a of log.assignments.filter((x) => !x.fromQueue)) {
        const before = Object.values(a.loadsBefore);
        const after = { ...a.loadsBefore, [a.agentId]: a.loadsBefore[a.agentId]! + 1 };
        expect([a.conversation, a.loadsBefore[a.agentId]]).toEqual([a.conversation, Math.min(...before)]);
        expect(spread(Object.values(after))).toBeLessThanOrEqual(Math.max(1, spread(before)));
      }
      expectDeskRules(log, 50);
    });

    it('when conversations outnumber the room and one agent comes online late, then it takes the oldest waiting ones and nobody exceeds maxLoad', () => {
      const log = simulate({
        settings, agents: agents(5, { c: { status: 'offline' } }), arrivals: arrivals(5, between(10, 40)), comeOnline: { 60: ['c'] },
      });
      const firstOfC = log.assignments.findIndex((a) => a.agentId === 'c');
      const handedOutBefore = new Set(log.assignments.slice(0, firstOfC).map((a) => a.conversation));
      const waitingThen = log.queued.map((q) => q.conversation).filter((c) => c < 60 && !handedOutBefore.has(c));
      expect(log.assignments.slice(0, firstOfC).every((a) => a.conversation < 60)).toBe(true);
      expect(waitingThen.length).toBeGreaterThanOrEqual(5);
      expect(log.assignments.slice(firstOfC, firstOfC + 5).map((a) => [a.agentId, a.fromQueue, a.conversation]))
        .toEqual(waitingThen.slice(0, 5).map((conversation) => ['c', true, conversation]));
      expectDeskRules(log, 5);
    });
  });

  describe('skills', () => {
    const skillGroups: SkillGroup[] = [
      { name: 'billing', keywords: ['发票', 'invoice'], tagIds: [], menuKeys: [] },
      { name: 'tech', keywords: [], tagIds: [7], menuKeys: [] },
      { name: 'sales', keywords: [], tagIds: [], menuKeys: ['MENU_SALES'] },
    ];
    const settings = { mode: 'desk' as const, strategy: 'skills' as const, skillGroups };
    const skills = { a: { skills: ['billing', 'tech'] }, b: { skills: ['tech', 'sales'] }, c: { skills: ['sales', 'billing'] } };
    // Conversation i: billing by keyword, tech by tag, sales by menu key, or no group.
    const kinds: Array<[string | null, Partial<Arrival>]> = [
      ['billing', { firstText: '请帮我开 INVOICE' }], ['tech', { tagIds: [3, 7] }], ['sales', { menuKey: 'MENU_SALES' }], [null, {}],
    ];
    const expectedGroup = (i: number): string | null => kinds[i % 4]![0];
    const byKind = (i: number) => kinds[i % 4]![1];

    it.each([[200, 1, 60], [4, 5, 30]])('when maxLoad is %i, then each conversation reaches an agent with its skill, and nobody exceeds maxLoad', (maxLoad, min, max) => {
      const log = simulate({ settings, agents: agents(maxLoad, skills), arrivals: arrivals(6, between(min, max), byKind) });
      for (const a of log.assignments) {
        const group = expectedGroup(a.conversation);
        expect([a.conversation, a.skillGroup]).toEqual([a.conversation, group]);
        if (group !== null) expect([a.conversation, log.agents.find((x) => x.id === a.agentId)!.skills]).toEqual([a.conversation, expect.arrayContaining([group])]);
      }
      expectDeskRules(log, maxLoad);
    });

    it('when nobody is full, then within a group the least-loaded of its agents takes each conversation', () => {
      const log = simulate({ settings, agents: agents(200, skills), arrivals: arrivals(7, between(1, 60), byKind) });
      for (const a of log.assignments) {
        const group = expectedGroup(a.conversation);
        const candidates = log.agents.filter((x) => group === null || x.skills.includes(group)).map((x) => a.loadsBefore[x.id]!);
        expect([a.conversation, a.loadsBefore[a.agentId]]).toEqual([a.conversation, Math.min(...candidates)]);
      }
      expect(Object.keys(countsOf(log)).sort()).toEqual(AGENTS);
    });
  });

  it('when the account is another, then its conversations never reach these agents', () => {
    const log = simulate({
      settings: { mode: 'desk', strategy: 'least_loaded', skillGroups: [] },
      agents: [agent('a', { appIds: ['wx_other'] }), agent('b'), agent('c')], arrivals: arrivals(8, between(1, 10)),
    });
    expect(countsOf(log).a).toBeUndefined();
    expectDeskRules(log, 10);
  });
});
