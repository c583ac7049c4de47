import fc from 'fast-check';
import type { Agent, DeskSettings, SkillGroup } from '../../../../src/modules/customer-service/customer-service';
import { chooseAgent, matchSkillGroup, nextFromQueue, type QueuedConversation } from '../../../../src/modules/customer-service/routing';
import { APP, agent } from './desk-simulation';

const at = (minute: number): string => new Date(Date.UTC(2026, 2, 1, 1, minute)).toISOString();
const groups: SkillGroup[] = [
  { name: 'billing', keywords: ['发票', 'Invoice'], tagIds: [], menuKeys: [] },
  { name: 'vip', keywords: [], tagIds: [100], menuKeys: ['MENU_VIP'] },
];
const settings = (strategy: DeskSettings['strategy'], over: Partial<DeskSettings> = {}) => ({ mode: 'desk' as const, strategy, skillGroups: groups, ...over });
const talk = (over: Partial<{ appId: string; firstText: string; tagIds: number[]; menuKey: string | null }> = {}) => ({
  appId: APP, firstText: '你好', tagIds: [], menuKey: null, ...over,
});

describe('chooseAgent', () => {
  it('when agents are away, offline, full or serve other accounts, then only the free one of this account is chosen', () => {
    const agents = [agent('away', { status: 'away' }), agent('off', { status: 'offline' }), agent('full', { maxLoad: 2 }), agent('other', { appIds: ['wx_other'] }), agent('free', { maxLoad: 2 })];
    expect(chooseAgent({ settings: settings('least_loaded'), conversation: talk(), agents, loads: { full: 2, free: 1 } }))
      .toEqual({ agentId: 'free', skillGroup: null, reason: 'least_loaded: the free agent holding the fewest' });
  });

  it('when nobody is free, then no agent, and the reason says the conversation waits', () => {
    expect(chooseAgent({ settings: settings('round_robin'), conversation: talk(), agents: [agent('a', { maxLoad: 1 })], loads: { a: 1 } }))
      .toEqual({ agentId: null, skillGroup: null, reason: 'nobody is free: the conversation waits' });
  });

  it('when round-robin picks, then the one never assigned goes first, then the least recently assigned, the id breaking ties', () => {
    const pick = (agents: Agent[]) => chooseAgent({ settings: settings('round_robin'), conversation: talk(), agents, loads: { a: 9 } }).agentId;
    expect(pick([agent('a', { lastAssignedAt: at(1) }), agent('b', { lastAssignedAt: null })])).toBe('b');
    expect(pick([agent('b', { lastAssignedAt: at(2) }), agent('a', { lastAssignedAt: at(1) })])).toBe('a');
    expect(pick([agent('c', { lastAssignedAt: at(1) }), agent('b', { lastAssignedAt: at(1) })])).toBe('b');
  });

  it('when loads tie under least-loaded, then the least recently assigned of them is chosen', () => {
    const agents = [agent('a', { lastAssignedAt: at(5) }), agent('b', { lastAssignedAt: at(3) }), agent('c', { lastAssignedAt: null })];
    expect(chooseAgent({ settings: settings('least_loaded'), conversation: talk(), agents, loads: { a: 1, b: 1, c: 2 } }).agentId).toBe('b');
  });

  it('when the account runs in native mode, then only agents with a kf account can be chosen', () => {
    const agents = [agent('a'), agent('b', { kfAccount: 'b@shop' })];
    expect(chooseAgent({ settings: settings('least_loaded', { mode: 'native' }), conversation: talk(), agents, loads: { b: 5 } }).agentId).toBe('b');
  });

  describe('skills', () => {
    const agents = [agent('a', { skills: ['billing'] }), agent('b', { skills: ['billing'] }), agent('v', { skills: ['vip'] }), agent('x')];

    it('when a keyword of a group is in the text (any case, full-width), then its least-loaded agent gets it', () => {
      expect(chooseAgent({ settings: settings('skills'), conversation: talk({ firstText: '要开ＩＮＶＯＩＣＥ' }), agents, loads: { a: 3, b: 1 } }))
        .toEqual({ agentId: 'b', skillGroup: 'billing', reason: 'skills: group billing, its free agent holding the fewest' });
    });

    it('when every agent of the matched group is full, then nobody, and it waits in that group even though others are free', () => {
      const full = [agent('a', { skills: ['billing'], maxLoad: 1 }), agent('x')];
      expect(chooseAgent({ settings: settings('skills'), conversation: talk({ firstText: '发票' }), agents: full, loads: { a: 1 } }))
        .toEqual({ agentId: null, skillGroup: 'billing', reason: 'nobody in group billing is free: the conversation waits' });
    });

    it('when no group matches, then the least-loaded of all free agents gets it, with no group', () => {
      expect(chooseAgent({ settings: settings('skills'), conversation: talk(), agents, loads: { a: 1, b: 1, v: 1 } }))
        .toEqual({ agentId: 'x', skillGroup: null, reason: 'skills: no group matched, the free agent holding the fewest' });
    });

    it('when the matched group has no agent at all, then it is routed as if no group matched (it could never leave the queue)', () => {
      const choice = chooseAgent({ settings: settings('skills'), conversation: talk({ tagIds: [100] }), agents: [agent('a', { skills: ['billing'] })], loads: {} });
      expect(choice).toEqual({ agentId: 'a', skillGroup: null, reason: 'skills: group vip has no agent, the free agent holding the fewest' });
    });
  });
});

describe('matchSkillGroup', () => {
  it('when a conversation has a tag or began with a menu key of a group, then that group; the first matching group wins', () => {
    expect(matchSkillGroup(groups, talk({ tagIds: [1, 100] }))?.name).toBe('vip');
    expect(matchSkillGroup(groups, talk({ menuKey: 'MENU_VIP' }))?.name).toBe('vip');
    expect(matchSkillGroup(groups, talk({ firstText: '发票', menuKey: 'MENU_VIP' }))?.name).toBe('billing');
    expect(matchSkillGroup(groups, talk({ menuKey: 'menu_vip' }))).toBeNull();
  });
});

describe('nextFromQueue', () => {
  const waiting = (id: string, minute: number, over: Partial<QueuedConversation> = {}): QueuedConversation => ({
    id, appId: APP, mode: 'desk', skillGroup: null, waitingSince: at(minute), openedAt: at(0), ...over,
  });
  const queue = [waiting('new', 9), waiting('billing', 1, { skillGroup: 'billing' }), waiting('other-app', 0, { appId: 'wx_other' }), waiting('old', 2)];

  it('when an agent frees up, then it takes the longest waiting conversation of its accounts and skills', () => {
    expect(nextFromQueue({ agent: agent('a'), load: 0, waiting: queue })?.id).toBe('old');
    expect(nextFromQueue({ agent: agent('a', { skills: ['billing'] }), load: 0, waiting: queue })?.id).toBe('billing');
    expect(nextFromQueue({ agent: agent('a', { appIds: [APP, 'wx_other'] }), load: 0, waiting: queue })?.id).toBe('other-app');
  });

  it('when the agent is not online or still full, or nothing fits, then null', () => {
    expect(nextFromQueue({ agent: agent('a', { status: 'away' }), load: 0, waiting: queue })).toBeNull();
    expect(nextFromQueue({ agent: agent('a', { maxLoad: 3 }), load: 3, waiting: queue })).toBeNull();
    expect(nextFromQueue({ agent: agent('a'), load: 0, waiting: [waiting('native', 0, { mode: 'native' })] })).toBeNull();
  });
});

describe('routing properties', () => {
  const agentArb = fc.record({
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    appIds: fc.subarray([APP, 'wx_other'], { minLength: 1 }),
    skills: fc.subarray(['billing', 'vip']),
    maxLoad: fc.integer({ min: 1, max: 5 }),
    status: fc.constantFrom('online' as const, 'away' as const, 'offline' as const),
    kfAccount: fc.option(fc.constant('kf@shop'), { nil: null }),
    lastAssignedAt: fc.option(fc.integer({ min: 0, max: 59 }).map(at), { nil: null }),
  }).map((a) => agent(a.id, a));
  const agentsArb = fc.uniqueArray(agentArb, { selector: (a) => a.id, maxLength: 6 });
  const loadsArb = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.integer({ min: 0, max: 6 }));
  const conversationArb = fc.record({
    appId: fc.constantFrom(APP, 'wx_other'), firstText: fc.constantFrom('你好', '开发票', 'INVOICE'),
    tagIds: fc.subarray([1, 100]), menuKey: fc.constantFrom(null, 'MENU_VIP'),
  });
  const settingsArb = fc.record({ mode: fc.constantFrom('desk' as const, 'native' as const), strategy: fc.constantFrom('round_robin' as const, 'least_loaded' as const, 'skills' as const) });

  it('when agents, loads and statuses are anything, then the chosen agent is eligible and under its maxLoad, and nobody is chosen only when nobody eligible is free', () => {
    fc.assert(fc.property(agentsArb, loadsArb, conversationArb, settingsArb, (agents, loads, conversation, s) => {
      const choice = chooseAgent({ settings: { ...s, skillGroups: groups }, conversation, agents, loads });
      const eligible = agents.filter((a) => a.appIds.includes(conversation.appId) && a.status === 'online' && (loads[a.id] ?? 0) < a.maxLoad
        && (s.mode === 'desk' || a.kfAccount !== null));
      if (choice.agentId === null) {
        const group = choice.skillGroup;
        expect(eligible.filter((a) => group === null || a.skills.includes(group))).toEqual([]);
        return;
      }
      const chosen = eligible.find((a) => a.id === choice.agentId);
      expect(chosen).toBeDefined();
      if (choice.skillGroup !== null) expect(chosen!.skills).toContain(choice.skillGroup);
      if (s.strategy === 'least_loaded') expect(loads[chosen!.id] ?? 0).toBe(Math.min(...eligible.map((a) => loads[a.id] ?? 0)));
    }), { numRuns: 500 });
  });

  it('when an agent takes from any queue, then what it takes fits it and nothing that fits waited longer', () => {
    const queueArb = fc.array(fc.record({
      id: fc.uuid(), appId: fc.constantFrom(APP, 'wx_other'), mode: fc.constantFrom('desk' as const, 'native' as const),
      skillGroup: fc.constantFrom(null, 'billing', 'vip'), waitingSince: fc.integer({ min: 0, max: 59 }).map(at), openedAt: fc.constant(at(0)),
    }), { maxLength: 20 });
    fc.assert(fc.property(agentArb, fc.integer({ min: 0, max: 6 }), queueArb, (a, load, waiting) => {
      const next = nextFromQueue({ agent: a, load, waiting });
      const fits = (c: QueuedConversation) => a.appIds.includes(c.appId) && (c.skillGroup === null || a.skills.includes(c.skillGroup)) && (c.mode === 'desk' || a.kfAccount !== null);
      if (a.status !== 'online' || load >= a.maxLoad) return expect(next).toBeNull();
      if (next === null) return expect(waiting.filter(fits)).toEqual([]);
      expect(fits(next)).toBe(true);
      expect(waiting.filter(fits).every((c) => c.waitingSince! >= next.waitingSince!)).toBe(true);
    }), { numRuns: 500 });
  });
});
