import { APP, deskWorld, HOUR, iso, MINUTE, START } from './conversation-fixtures';

describe('ConversationService in native mode (WeChat kf sessions)', () => {
  async function transferred() {
    const world = deskWorld({ [APP]: { mode: 'native' } });
    await world.service.followerMessage(APP, 'o1', world.message('人工', 'm1'), 'transfer_rule');
    return world;
  }

  it('when kf_create_session comes for a waiting conversation, then that kf account serves it and it is assigned', async () => {
    const { service } = await transferred();
    const c = await service.kfSession(APP, 'o1', 'create', 'kf1@wxid', new Date(START + MINUTE));
    expect(c).toMatchObject({ id: 'id-0001', mode: 'native', state: 'assigned', kfAccount: 'kf1@wxid', assignedAt: iso(START + MINUTE), waitingSince: iso(START) });
  });

  it('when kf_switch_session comes, then the kf account changes and the state stays', async () => {
    const { service } = await transferred();
    await service.kfSession(APP, 'o1', 'create', 'kf1@wxid', new Date(START + MINUTE));
    await service.kfAnswered(APP, 'o1', new Date(START + 2 * MINUTE));
    const c = await service.kfSession(APP, 'o1', 'switch', 'kf2@wxid', new Date(START + 3 * MINUTE));
    expect(c).toMatchObject({ kfAccount: 'kf2@wxid', state: 'answered', assignedAt: iso(START + 3 * MINUTE) });
  });

  it('when kf_close_session comes, then the conversation is closed by kf at the event\'s time', async () => {
    const { service, repo } = await transferred();
    await service.kfSession(APP, 'o1', 'create', 'kf1@wxid', new Date(START + MINUTE));
    const c = await service.kfSession(APP, 'o1', 'close', 'kf1@wxid', new Date(START + HOUR));
    expect(c).toMatchObject({ state: 'closed', closedBy: 'kf', closedAt: iso(START + HOUR) });
    expect(await repo.findOpen(APP, 'o1')).toBeNull();
  });

  it('when a session event comes for a follower with no open conversation, then create opens one already served and close answers null', async () => {
    const { service } = deskWorld();
    expect(await service.kfSession(APP, 'o9', 'close', 'kf1@wxid', new Date(START))).toBeNull();
    const c = await service.kfSession(APP, 'o9', 'create', 'kf1@wxid', new Date(START));
    expect(c).toMatchObject({ openid: 'o9', mode: 'native', state: 'assigned', kfAccount: 'kf1@wxid', waitingSince: null, dueAt: null, warnAt: null });
  });

  it('when msgrecord shows the kf agent answering, then the conversation is answered, its first response is recorded and the clock stops', async () => {
    const { service, clock } = await transferred();
    await service.kfSession(APP, 'o1', 'create', 'kf1@wxid', new Date(START + MINUTE));
    const c = await service.kfAnswered(APP, 'o1', new Date(START + 5 * MINUTE));
    expect(c).toMatchObject({ state: 'answered', firstResponseAt: iso(START + 5 * MINUTE), lastAgentAt: iso(START + 5 * MINUTE), waitingSince: null, dueAt: null, warnAt: null });
    // The same record read again (msgrecord pages overlap) writes nothing: not even the stamp moves.
    clock.advance(MINUTE);
    expect(await service.kfAnswered(APP, 'o1', new Date(START + 5 * MINUTE))).toEqual(c);
  });

  it('when the answer in the record is older than the message now waiting, then that message keeps waiting', async () => {
    const { service, message } = await transferred();
    await service.kfAnswered(APP, 'o1', new Date(START + MINUTE));
    await service.followerMessage(APP, 'o1', message('and?', 'm2', START + 10 * MINUTE), null);
    const c = await service.kfAnswered(APP, 'o1', new Date(START + 5 * MINUTE));
    expect(c).toMatchObject({ state: 'waiting', waitingSince: iso(START + 10 * MINUTE), firstResponseAt: iso(START + MINUTE), lastAgentAt: iso(START + 5 * MINUTE) });
  });

  it('when the record is from before the conversation opened, or there is no open conversation, then nothing changes', async () => {
    const { service, repo } = await transferred();
    const before = await repo.get('id-0001');
    expect(await service.kfAnswered(APP, 'o1', new Date(START - MINUTE))).toEqual(before);
    expect(await service.kfAnswered(APP, 'nobody', new Date(START))).toBeNull();
  });
});
