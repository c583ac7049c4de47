import { ConflictError, NotFoundError } from '../../../../src/shared/errors';
import { APP, deskWorld, HOUR, iso, MINUTE, OTHER_APP, START } from './conversation-fixtures';

/** A world with one waiting conversation (id-0001) of follower o1, opened at START. */
async function withWaiting(settings: Parameters<typeof deskWorld>[0] = {}) {
  const world = deskWorld(settings);
  await world.service.followerMessage(APP, 'o1', world.message('人工', 'm1'), 'asked');
  return world;
}

describe('ConversationService assign, reassign and takeOver', () => {
  it('when a waiting conversation is assigned, then an agent has it and it is assigned since now', async () => {
    const { service, clock } = await withWaiting();
    clock.advance(MINUTE);
    expect(await service.assign('id-0001', 'alice', 'router')).toMatchObject({ state: 'assigned', agentId: 'alice', assignedAt: iso(START + MINUTE), updatedAt: iso(START + MINUTE) });
  });

  it('when another agent already has it, then assign is a conflict, and reassign and takeOver hand it over', async () => {
    const { service, clock } = await withWaiting();
    await service.assign('id-0001', 'alice', 'router');
    await expect(service.assign('id-0001', 'bob', 'router')).rejects.toBeInstanceOf(ConflictError);
    clock.advance(MINUTE);
    expect(await service.reassign('id-0001', 'bob', 'ops')).toMatchObject({ agentId: 'bob', state: 'assigned', assignedAt: iso(START + MINUTE) });
    expect(await service.takeOver('id-0001', 'sue')).toMatchObject({ agentId: 'sue', state: 'assigned' });
  });

  it('when the same agent is assigned again, then nothing changes', async () => {
    const { service, repo } = await withWaiting();
    const first = await service.assign('id-0001', 'alice', 'router');
    expect(await service.assign('id-0001', 'alice', 'router')).toEqual(first);
    expect(await repo.get('id-0001')).toEqual(first);
  });

  it('when an answered conversation is handed over, then it stays answered', async () => {
    const { service } = await withWaiting();
    await service.reply('id-0001', 'alice', { kind: 'text', text: 'hi' });
    expect((await service.reassign('id-0001', 'bob', 'ops')).state).toBe('answered');
  });

  it('when the conversation is closed or unknown, then it cannot be handed to anyone', async () => {
    const { service } = await withWaiting();
    await service.close('id-0001', 'alice');
    await expect(service.assign('id-0001', 'bob', 'router')).rejects.toBeInstanceOf(ConflictError);
    await expect(service.takeOver('nope', 'sue')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('ConversationService.reply', () => {
  it('when an agent\'s message went out, then it joins the thread, the conversation is answered and its SLA clock stops', async () => {
    const { service, repo, clock } = await withWaiting();
    await service.assign('id-0001', 'alice', 'router');
    clock.advance(20 * MINUTE);
    const { conversation, entry } = await service.reply('id-0001', 'alice', { kind: 'image', text: '[image] media 1' });
    expect(entry).toEqual({
      id: 'id-0003', conversationId: 'id-0001', appId: APP, openid: 'o1', direction: 'out', at: iso(START + 20 * MINUTE),
      kind: 'image', text: '[image] media 1', agentId: 'alice', msgId: null,
    });
    expect(conversation).toMatchObject({
      state: 'answered', waitingSince: null, warnAt: null, dueAt: null, firstResponseAt: iso(START + 20 * MINUTE), lastAgentAt: iso(START + 20 * MINUTE),
    });
    expect(await repo.get('id-0001')).toEqual(conversation);
    expect((await repo.thread('id-0001', 10)).map((e) => e.direction)).toEqual(['in', 'out']);
  });

  it('when the agent replies again later, then the first response time stays the first', async () => {
    const { service, clock } = await withWaiting();
    clock.advance(10 * MINUTE);
    await service.reply('id-0001', 'alice', { kind: 'text', text: 'one' });
    clock.advance(HOUR);
    const { conversation } = await service.reply('id-0001', 'alice', { kind: 'text', text: 'two' });
    expect([conversation.firstResponseAt, conversation.lastAgentAt]).toEqual([iso(START + 10 * MINUTE), iso(START + 70 * MINUTE)]);
  });

  it('when nobody held the conversation, then the agent who replied now holds it', async () => {
    const { service } = await withWaiting();
    expect((await service.reply('id-0001', 'bob', { kind: 'text', text: 'hi' })).conversation).toMatchObject({ agentId: 'bob', assignedAt: iso(START) });
  });

  it('when the follower wrote again after the reply went out, then the newer message keeps waiting', async () => {
    const { service, message } = await withWaiting();
    await service.reply('id-0001', 'alice', { kind: 'text', text: 'hi', at: new Date(START + MINUTE) });
    await service.followerMessage(APP, 'o1', message('and?', 'm2', START + 3 * MINUTE), null);
    // A second reply sent before that message (filed late) does not answer it.
    const { conversation } = await service.reply('id-0001', 'alice', { kind: 'text', text: 'late', at: new Date(START + 2 * MINUTE) });
    expect(conversation).toMatchObject({ state: 'assigned', waitingSince: iso(START + 3 * MINUTE), lastAgentAt: iso(START + 2 * MINUTE) });
  });

  it('when the conversation was closed meanwhile, then the sent message is still filed and it stays closed', async () => {
    const { service, repo } = await withWaiting();
    await service.close('id-0001', 'ops');
    const { conversation } = await service.reply('id-0001', 'alice', { kind: 'text', text: 'sorry for the wait' });
    expect(conversation.state).toBe('closed');
    expect((await repo.thread('id-0001', 10)).map((e) => e.text)).toEqual(['人工', 'sorry for the wait']);
  });
});

describe('ConversationService.close and closeIdle', () => {
  it('when a conversation is closed, then it records who and when, clears its clock, and a second close changes nothing', async () => {
    const { service, clock } = await withWaiting();
    clock.advance(MINUTE);
    const closed = await service.close('id-0001', 'alice');
    expect(closed).toMatchObject({ state: 'closed', closedBy: 'alice', closedAt: iso(START + MINUTE), waitingSince: null, warnAt: null, dueAt: null });
    clock.advance(MINUTE);
    expect(await service.close('id-0001', 'bob')).toEqual(closed);
  });

  it('when answered conversations are quiet for their account\'s closeAfterMinutes, then closeIdle closes them by inactivity, and only them', async () => {
    const { service, repo, clock, message } = deskWorld({ [OTHER_APP]: { closeAfterMinutes: 30 } });
    await service.followerMessage(APP, 'o1', message('人工', 'm1'), 'asked'); // id-0001, answered below, quiet for 24 h
    await service.followerMessage(APP, 'o2', message('人工', 'm2'), 'asked'); // id-0003, answered later: quiet too short
    await service.followerMessage(APP, 'o3', message('人工', 'm3'), 'asked'); // id-0005, never answered: its SLA marks are still to give
    await service.followerMessage(OTHER_APP, 'o1', message('人工', 'm4'), 'asked'); // id-0007, other account: 30 minutes suffice
    await service.reply('id-0001', 'alice', { kind: 'text', text: 'hi' });
    await service.reply('id-0007', 'bob', { kind: 'text', text: 'hi' });
    clock.advance(HOUR);
    await service.reply('id-0003', 'alice', { kind: 'text', text: 'hi' });
    clock.set(START + 24 * HOUR);
    expect((await service.closeIdle()).sort()).toEqual(['id-0001', 'id-0007']);
    const states = Object.fromEntries((await repo.list({ limit: 10 })).map((c) => [c.id, [c.state, c.closedBy]]));
    expect(states).toEqual({
      'id-0001': ['closed', 'inactivity'], 'id-0003': ['answered', null], 'id-0005': ['waiting', null], 'id-0007': ['closed', 'inactivity'],
    });
    expect(await service.closeIdle()).toEqual([]);

    // Once the sweep has given its marks (warnAt null, the breach recorded), the unanswered one closes too.
    const waiting = (await repo.get('id-0005'))!;
    await repo.update('id-0005', waiting.updatedAt, { warnAt: null, breaches: 1, updatedAt: iso(START + 24 * HOUR) });
    expect(await service.closeIdle()).toEqual(['id-0005']);
  });

  it('when the quiet time is exactly closeAfterMinutes, then the conversation closes; a millisecond less, it stays', async () => {
    const { service, clock } = await withWaiting({ [APP]: { closeAfterMinutes: 60 } });
    await service.reply('id-0001', 'alice', { kind: 'text', text: 'hi' });
    clock.set(START + HOUR - 1);
    expect(await service.closeIdle()).toEqual([]);
    clock.set(START + HOUR);
    expect(await service.closeIdle()).toEqual(['id-0001']);
  });
});
