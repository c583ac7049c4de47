import type { Conversation } from '../../../../src/modules/customer-service/customer-service';
import { APP, deskWorld, HOUR, iso, MINUTE, START } from './conversation-fixtures';

describe('ConversationService.followerMessage', () => {
  it('when the message needs nobody and the follower has no open conversation, then nothing is filed and null is answered', async () => {
    const { service, repo, message } = deskWorld();
    expect(await service.followerMessage(APP, 'o1', message('hello', 'm1'), null)).toBeNull();
    expect(await repo.list({ limit: 10 })).toEqual([]);
  });

  it('when the message needs a person, then a waiting conversation opens with the message in its thread and the SLA clock started', async () => {
    const { service, repo, message } = deskWorld();
    const result = await service.followerMessage(APP, 'o1', message('人工', 'm1'), 'asked');
    const expected: Conversation = {
      id: 'id-0001', appId: APP, openid: 'o1', state: 'waiting', mode: 'desk', reason: 'asked', agentId: null, kfAccount: null, skillGroup: null,
      openedAt: iso(START), assignedAt: null, waitingSince: iso(START), dueAt: iso(START + 24 * HOUR), warnAt: iso(START + 19.2 * HOUR),
      firstResponseAt: null, lastFollowerAt: iso(START), lastAgentAt: null, closedAt: null, closedBy: null, breaches: 0, updatedAt: iso(START),
    };
    expect(result).toEqual({ conversation: expected, opened: true });
    expect(await repo.get('id-0001')).toEqual(expected);
    expect(await repo.thread('id-0001', 10)).toEqual([{
      id: 'id-0002', conversationId: 'id-0001', appId: APP, openid: 'o1', direction: 'in', at: iso(START), kind: 'text', text: '人工', agentId: null, msgId: 'm1',
    }]);
  });

  it('when routing chose a mode and a skill group, then the conversation carries them', async () => {
    const { service, message } = deskWorld();
    const result = await service.followerMessage(APP, 'o1', message('refund', 'm1'), 'transfer_rule', { mode: 'native', skillGroup: 'billing' });
    expect([result?.conversation.mode, result?.conversation.skillGroup, result?.conversation.reason]).toEqual(['native', 'billing', 'transfer_rule']);
  });

  it('when the account keeps office hours, then the due time counts only business time (Friday 17:55 → Wednesday 14:55)', async () => {
    const { service, message } = deskWorld({ [APP]: { businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' } } });
    const result = await service.followerMessage(APP, 'o1', message('人工', 'm1', Date.parse('2026-03-06T09:55:00.000Z')), 'asked');
    expect([result?.conversation.dueAt, result?.conversation.warnAt]).toEqual(['2026-03-11T06:55:00.000Z', '2026-03-11T02:07:00.000Z']);
  });

  it('when the follower writes again into the open conversation, then the message joins it and the oldest unanswered message keeps driving the clock', async () => {
    const { service, repo, clock, message } = deskWorld();
    await service.followerMessage(APP, 'o1', message('人工', 'm1'), 'asked');
    clock.advance(30 * MINUTE);
    const result = await service.followerMessage(APP, 'o1', message('still there?', 'm2'), null);
    expect(result?.opened).toBe(false);
    expect(result?.conversation).toMatchObject({ id: 'id-0001', state: 'waiting', waitingSince: iso(START), dueAt: iso(START + 24 * HOUR), lastFollowerAt: iso(START + 30 * MINUTE) });
    expect((await repo.thread('id-0001', 10)).map((e) => e.text)).toEqual(['人工', 'still there?']);
  });

  it('when a callback is retried with the same MsgId, then the thread keeps one copy and the conversation is not touched', async () => {
    const { service, repo, clock, message } = deskWorld();
    await service.followerMessage(APP, 'o1', message('人工', 'm1'), 'asked');
    const before = await repo.get('id-0001');
    clock.advance(5_000);
    const result = await service.followerMessage(APP, 'o1', message('人工', 'm1', START), 'asked');
    expect(result).toEqual({ conversation: before, opened: false });
    expect(await repo.get('id-0001')).toEqual(before);
    expect(await repo.thread('id-0001', 10)).toHaveLength(1);
  });

  it('when an answered conversation with an agent gets a new message, then it is assigned again and the clock starts from that message', async () => {
    const { service, repo, clock, message } = deskWorld();
    await service.followerMessage(APP, 'o1', message('人工', 'm1'), 'asked');
    await service.assign('id-0001', 'alice', 'router');
    clock.advance(HOUR);
    await service.reply('id-0001', 'alice', { kind: 'text', text: 'how can I help?' });
    clock.advance(HOUR);
    const result = await service.followerMessage(APP, 'o1', message('my order', 'm2'), null);
    expect(result?.conversation).toMatchObject({ state: 'assigned', agentId: 'alice', waitingSince: iso(START + 2 * HOUR), dueAt: iso(START + 26 * HOUR) });
    expect((await repo.get('id-0001'))?.state).toBe('assigned');
  });

  it('when an answered conversation nobody holds gets a new message, then it waits again', async () => {
    const { service, clock, message } = deskWorld();
    await service.followerMessage(APP, 'o1', message('人工', 'm1'), 'asked');
    await service.kfAnswered(APP, 'o1', new Date(START + MINUTE));
    clock.advance(HOUR);
    const result = await service.followerMessage(APP, 'o1', message('again', 'm2'), null);
    expect([result?.conversation.state, result?.conversation.waitingSince]).toEqual(['waiting', iso(START + HOUR)]);
  });

  it('when a message from before the agent\'s last reply arrives late, then it joins the thread but starts no clock', async () => {
    const { service, clock, message } = deskWorld();
    await service.followerMessage(APP, 'o1', message('人工', 'm1'), 'asked');
    clock.advance(HOUR);
    await service.reply('id-0001', 'alice', { kind: 'text', text: 'hi' });
    const result = await service.followerMessage(APP, 'o1', message('typed earlier', 'm2', START + 30 * MINUTE), null);
    expect(result?.conversation).toMatchObject({ state: 'answered', waitingSince: null, dueAt: null, lastFollowerAt: iso(START + 30 * MINUTE) });
  });

  it('when two callbacks for the same follower race, then one conversation opens and both messages are in its thread', async () => {
    const { service, repo, message } = deskWorld();
    const results = await Promise.all([
      service.followerMessage(APP, 'o1', message('人工', 'm1'), 'asked'),
      service.followerMessage(APP, 'o1', message('客服', 'm2', START + 1), 'asked'),
    ]);
    expect(results.map((r) => r?.opened).sort()).toEqual([false, true]);
    const all = await repo.list({ appId: APP, limit: 10 });
    expect(all).toHaveLength(1);
    expect((await repo.thread(all[0]!.id, 10)).map((e) => e.msgId)).toEqual(['m1', 'm2']);
    expect(all[0]).toMatchObject({ waitingSince: iso(START), lastFollowerAt: iso(START + 1) });
  });

  it('when five messages into one conversation race, then no write is lost: the latest is the last follower message', async () => {
    const { service, repo, message } = deskWorld();
    await service.followerMessage(APP, 'o1', message('人工', 'm0'), 'asked');
    await Promise.all([5, 3, 1, 4, 2].map((k) => service.followerMessage(APP, 'o1', message(`#${k}`, `m${k}`, START + k * MINUTE), null)));
    expect(await repo.get('id-0001')).toMatchObject({ lastFollowerAt: iso(START + 5 * MINUTE), waitingSince: iso(START) });
    expect(await repo.thread('id-0001', 10)).toHaveLength(6);
  });

  it('when the open conversation is closed between the read and the write, then a new conversation opens for the message', async () => {
    const world = deskWorld();
    await world.service.followerMessage(APP, 'o1', world.message('人工', 'm1'), 'asked');
    // Close it the moment the next message is filed into its thread: after findOpen, before the update.
    const original = world.repo.appendEntry.bind(world.repo);
    world.repo.appendEntry = async (entry) => {
      const ok = await original(entry);
      const c = await world.repo.get('id-0001');
      if (c && c.state !== 'closed') await world.repo.update(c.id, c.updatedAt, { state: 'closed', closedBy: 'alice', closedAt: c.updatedAt, updatedAt: iso(START + 1) });
      return ok;
    };
    const result = await world.service.followerMessage(APP, 'o1', world.message('one more thing', 'm2'), null);
    expect(result?.opened).toBe(true);
    expect(result?.conversation).toMatchObject({ reason: 'asked', state: 'waiting' });
    expect(result?.conversation.id).not.toBe('id-0001');
    expect((await world.repo.thread(result!.conversation.id, 10)).map((e) => e.text)).toEqual(['one more thing']);
  });

  it('when the conversation was closed, then a message that needs nobody is not filed, and one that needs a person opens a new conversation', async () => {
    const { service, repo, message } = deskWorld();
    await service.followerMessage(APP, 'o1', message('人工', 'm1'), 'asked');
    await service.close('id-0001', 'alice');
    expect(await service.followerMessage(APP, 'o1', message('thanks', 'm2'), null)).toBeNull();
    const again = await service.followerMessage(APP, 'o1', message('人工', 'm3'), 'asked');
    expect([again?.opened, again?.conversation.id]).toEqual([true, 'id-0003']);
    expect((await repo.list({ appId: APP, limit: 10 })).map((c) => [c.id, c.state])).toEqual([['id-0003', 'waiting'], ['id-0001', 'closed']]);
  });
});
