import { ConversationService } from '../../../../src/modules/customer-service/conversations';
import type { Notification } from '../../../../src/modules/customer-service/customer-service.ports';
import { SlaSweeper, type SlaMark } from '../../../../src/modules/customer-service/sla-sweep';
import { silentLogger } from '../../../../src/shared/logger';
import { SqliteConversationRepository } from '../../../../src/store/sqlite/conversations.repo';
import { openDatabase } from '../../../../src/store/sqlite/database';
import { SqliteSlaEventRepository } from '../../../../src/store/sqlite/sla-events.repo';
import { APP, deskWorld, HOUR, iso, MINUTE, OTHER_APP, START } from './conversation-fixtures';

const URL = 'https://client.example/hooks/wxoa';
const WARN_AT = START + 19.2 * HOUR;
const DUE_AT = START + 24 * HOUR;

/** A desk with SLA sweepers that share its stores, a notifier and a metrics hook that record what they are told. */
function slaWorld(settings: Parameters<typeof deskWorld>[0] = { [APP]: { notifyUrl: URL, notifySecret: 'sixteen-chars-secret' } }) {
  const world = deskWorld(settings);
  const sent: { url: string; secret: string | null; notification: Notification }[] = [];
  const marks: [SlaMark, string][] = [];
  const notifier = { notify: async (target: { url: string; secret: string | null }, notification: Notification) => { sent.push({ ...target, notification }); return true; } };
  /** A new sweeper instance over the same stores: a second process, or the same one after a restart. */
  const sweeper = (batch?: number) => new SlaSweeper({
    conversations: world.repo, events: world.events, settings: world.settings, notifier, clock: world.clock, logger: silentLogger,
    newId: world.newId, onMark: (kind, appId) => marks.push([kind, appId]), batch,
  });
  const kinds = () => sent.map((s) => `${s.notification.type} ${String(s.notification.data.conversationId)}`);
  return { ...world, sent, marks, sweeper, kinds };
}

describe('SlaSweeper', () => {
  it('when the clock passes warnAt and then dueAt, then the warning and the breach each fire exactly once, however often it sweeps', async () => {
    const { service, message, clock, sweeper, sent, marks, repo, events } = slaWorld();
    await service.followerMessage(APP, 'o1', message('人工', 'm1'), 'asked');
    const s = sweeper();
    expect(await s.sweep()).toEqual({ warnings: [], breaches: [] });
    expect(await s.nextWakeAt()).toBe(iso(WARN_AT));

    clock.set(WARN_AT);
    expect(await s.sweep()).toEqual({ warnings: ['id-0001'], breaches: [] });
    expect(await s.sweep()).toEqual({ warnings: [], breaches: [] });
    expect(await s.nextWakeAt()).toBe(iso(DUE_AT));
    clock.set(DUE_AT - 1);
    expect(await s.sweep()).toEqual({ warnings: [], breaches: [] });

    clock.set(DUE_AT);
    expect(await s.sweep()).toEqual({ warnings: [], breaches: ['id-0001'] });
    clock.advance(HOUR);
    expect(await s.sweep()).toEqual({ warnings: [], breaches: [] });
    expect(await s.nextWakeAt()).toBeNull();

    expect(marks).toEqual([['warning', APP], ['breach', APP]]);
    expect(sent.map((x) => [x.url, x.secret, x.notification.type, x.notification.at])).toEqual([
      [URL, 'sixteen-chars-secret', 'sla.warning', iso(WARN_AT)],
      [URL, 'sixteen-chars-secret', 'sla.breach', iso(DUE_AT)],
    ]);
    expect(sent[1]?.notification.data).toEqual({
      conversationId: 'id-0001', openid: 'o1', state: 'waiting', agentId: null, kfAccount: null, waitingSince: iso(START), dueAt: iso(DUE_AT), breaches: 1,
    });
    expect(await repo.get('id-0001')).toMatchObject({ breaches: 1, dueAt: iso(DUE_AT), waitingSince: iso(START), warnAt: null, state: 'waiting' });
    expect((await events.list(APP, iso(START), iso(DUE_AT + HOUR))).map((e) => [e.kind, e.waitingSince, e.dueAt, e.firedAt])).toEqual([
      ['warning', iso(START), iso(DUE_AT), iso(WARN_AT)],
      ['breach', iso(START), iso(DUE_AT), iso(DUE_AT)],
    ]);
  });

  it('when the sweeper restarts between and after the marks, then the new instances give nothing twice', async () => {
    const { service, message, clock, sweeper, kinds } = slaWorld();
    await service.followerMessage(APP, 'o1', message('人工', 'm1'), 'asked');
    clock.set(WARN_AT + MINUTE);
    await sweeper().sweep();
    expect(await sweeper().sweep()).toEqual({ warnings: [], breaches: [] });
    clock.set(DUE_AT + MINUTE);
    expect(await sweeper().sweep()).toEqual({ warnings: [], breaches: ['id-0001'] });
    expect(await sweeper().sweep()).toEqual({ warnings: [], breaches: [] });
    expect(kinds()).toEqual(['sla.warning id-0001', 'sla.breach id-0001']);
  });

  it('when a sweeper died after claiming a mark but before moving the clock on, then the next one gives nothing again and moves it on', async () => {
    const { service, message, clock, sweeper, events, sent, repo } = slaWorld();
    await service.followerMessage(APP, 'o1', message('人工', 'm1'), 'asked');
    clock.set(WARN_AT);
    // What the dead sweeper left: its claim in the store, warnAt not yet moved.
    await events.record({ id: 'dead', appId: APP, conversationId: 'id-0001', kind: 'warning', waitingSince: iso(START), dueAt: iso(DUE_AT), agentId: null, firedAt: iso(WARN_AT) });
    const s = sweeper();
    expect(await s.sweep()).toEqual({ warnings: [], breaches: [] });
    expect(sent).toEqual([]);
    expect((await repo.get('id-0001'))?.warnAt).toBe(iso(DUE_AT));
    expect(await s.nextWakeAt()).toBe(iso(DUE_AT));
  });

  it('when two sweepers race over twenty overdue conversations, then each warning and each breach fires exactly once between them', async () => {
    const { service, message, clock, sweeper, sent, marks, repo } = slaWorld();
    for (let i = 0; i < 20; i += 1) await service.followerMessage(APP, `o${i}`, message('人工', `m${i}`), 'asked');
    clock.set(DUE_AT + MINUTE);
    const [a, b] = await Promise.all([sweeper(7).sweep(), sweeper(7).sweep()]);
    const warnings = [...a.warnings, ...b.warnings];
    const breaches = [...a.breaches, ...b.breaches];
    expect([warnings.length, new Set(warnings).size, breaches.length, new Set(breaches).size]).toEqual([20, 20, 20, 20]);
    expect(sent).toHaveLength(40);
    expect(marks).toHaveLength(40);
    expect((await repo.list({ limit: 50 })).map((c) => c.breaches)).toEqual(Array(20).fill(1));
    expect(await Promise.all([sweeper().sweep(), sweeper().sweep()])).toEqual([{ warnings: [], breaches: [] }, { warnings: [], breaches: [] }]);
  });

  it('when the conversation is answered before its warning, then no mark fires and nothing is left to wake for', async () => {
    const { service, message, clock, sweeper, sent } = slaWorld();
    await service.followerMessage(APP, 'o1', message('人工', 'm1'), 'asked');
    clock.advance(HOUR);
    await service.reply('id-0001', 'alice', { kind: 'text', text: 'hi' });
    clock.set(DUE_AT + HOUR);
    expect(await sweeper().sweep()).toEqual({ warnings: [], breaches: [] });
    expect(await sweeper().nextWakeAt()).toBeNull();
    expect(sent).toEqual([]);
  });

  it('when the follower writes again after an answer, then the new waiting message gets its own warning and breach', async () => {
    const { service, message, clock, sweeper, repo } = slaWorld();
    await service.followerMessage(APP, 'o1', message('人工', 'm1'), 'asked');
    clock.set(DUE_AT);
    await sweeper().sweep();
    await service.reply('id-0001', 'alice', { kind: 'text', text: 'sorry' });
    clock.advance(HOUR);
    await service.followerMessage(APP, 'o1', message('again', 'm2'), null);
    clock.advance(24 * HOUR);
    expect(await sweeper().sweep()).toEqual({ warnings: ['id-0001'], breaches: ['id-0001'] });
    expect((await repo.get('id-0001'))?.breaches).toBe(2);
  });

  it('when the sweeper was down past both marks, then one sweep gives the warning and the breach', async () => {
    const { service, message, clock, sweeper, kinds } = slaWorld();
    await service.followerMessage(APP, 'o1', message('人工', 'm1'), 'asked');
    clock.set(DUE_AT + 3 * 24 * HOUR);
    expect(await sweeper().sweep()).toEqual({ warnings: ['id-0001'], breaches: ['id-0001'] });
    expect(kinds()).toEqual(['sla.warning id-0001', 'sla.breach id-0001']);
  });

  it('when the account has no notification URL, then the mark is recorded and counted but nothing is posted', async () => {
    const { service, message, clock, sweeper, sent, marks, events } = slaWorld({ [OTHER_APP]: { notifyUrl: null } });
    await service.followerMessage(OTHER_APP, 'o1', message('人工', 'm1'), 'asked');
    clock.set(DUE_AT);
    await sweeper().sweep();
    expect(sent).toEqual([]);
    expect(marks).toEqual([['warning', OTHER_APP], ['breach', OTHER_APP]]);
    expect(await events.list(OTHER_APP, iso(START), iso(DUE_AT + 1))).toHaveLength(2);
  });

  it('when a native conversation breaches, then the mark names the kf account serving it', async () => {
    const { service, message, clock, sweeper, events } = slaWorld();
    await service.followerMessage(APP, 'o1', message('人工', 'm1'), 'transfer_rule', { mode: 'native' });
    await service.kfSession(APP, 'o1', 'create', 'kf1@wxid', new Date(START));
    clock.set(DUE_AT);
    await sweeper().sweep();
    expect((await events.list(APP, iso(START), iso(DUE_AT + 1))).map((e) => e.agentId)).toEqual(['kf1@wxid', 'kf1@wxid']);
  });

  it('when a notifier fails for one conversation, then the others still get their marks and the failed mark is not given again', async () => {
    const world = slaWorld();
    await world.service.followerMessage(APP, 'o1', world.message('人工', 'm1'), 'asked');
    await world.service.followerMessage(APP, 'o2', world.message('人工', 'm2'), 'asked');
    world.clock.set(WARN_AT);
    let calls = 0;
    const s = new SlaSweeper({
      conversations: world.repo, events: world.events, settings: world.settings, clock: world.clock, logger: silentLogger, newId: world.newId,
      notifier: { notify: async () => { calls += 1; if (calls === 1) throw new Error('network down'); return true; } },
    });
    expect((await s.sweep()).warnings.sort()).toEqual(['id-0001', 'id-0003']);
    expect(await s.sweep()).toEqual({ warnings: [], breaches: [] });
    expect(calls).toBe(2);
  });
});

describe('SlaSweeper over SQLite (state only in the store)', () => {
  it('when two sweepers race and then a restarted one sweeps, then each mark is in the store once and fires once', async () => {
    const db = openDatabase(':memory:');
    const world = deskWorld();
    const conversations = new SqliteConversationRepository(db);
    const events = new SqliteSlaEventRepository(db);
    const service = new ConversationService({ repo: conversations, settings: world.settings, timeZone: async () => 'Asia/Shanghai', clock: world.clock, logger: silentLogger, newId: world.newId });
    for (let i = 0; i < 10; i += 1) await service.followerMessage(APP, `o${i}`, world.message('人工', `m${i}`), 'asked');
    const fired: string[] = [];
    const sweeper = () => new SlaSweeper({
      conversations, events, settings: world.settings, notifier: { notify: async () => true }, clock: world.clock, logger: silentLogger,
      newId: world.newId, onMark: (kind) => fired.push(kind), batch: 4,
    });
    world.clock.set(WARN_AT);
    await Promise.all([sweeper().sweep(), sweeper().sweep()]);
    world.clock.set(DUE_AT);
    await Promise.all([sweeper().sweep(), sweeper().sweep()]);
    await sweeper().sweep();
    expect([fired.filter((k) => k === 'warning').length, fired.filter((k) => k === 'breach').length]).toEqual([10, 10]);
    expect(await events.list(APP, iso(START), iso(DUE_AT + 1))).toHaveLength(20);
    expect((await conversations.list({ limit: 20 })).every((c) => c.breaches === 1 && c.warnAt === null)).toBe(true);
    expect(await sweeper().nextWakeAt()).toBeNull();
    db.close();
  });
});
