import { MassApi } from '../../../src/wechat-api/mass';
import { WeChatApiError } from '../../../src/wechat-api/errors';
import { follow, publishingSetup, until, type PublishingSetup } from './mass-webhook';

const DAY_MS = 86_400_000;

describe('mass send against the emulator', () => {
  let setup: PublishingSetup;
  afterEach(async () => setup.close());

  it('when a job is retried with the same clientMsgId, then the retry is a duplicate carrying the first msg_id exactly, and get finds it', async () => {
    setup = await publishingSetup();
    follow(setup, ['oA', 'oB']);
    const mass = new MassApi(setup.client);
    const first = await mass.sendAll({ filter: { isToAll: true }, message: { type: 'text', content: 'hello' }, clientMsgId: 'campaign-42' });
    expect(first.outcome).toBe('submitted');
    expect(BigInt(first.msgId) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    const retry = await mass.sendAll({ filter: { isToAll: true }, message: { type: 'text', content: 'hello' }, clientMsgId: 'campaign-42' });
    expect(retry).toEqual({ outcome: 'duplicate', msgId: first.msgId });
    await until(() => setup.emulator.emu.inbox(setup.emulator.account.appId, 'oA').length > 0);
    await expect(mass.get(first.msgId)).resolves.toEqual({ msgId: first.msgId, status: 'SEND_SUCCESS' });
    expect(setup.emulator.emu.inbox(setup.emulator.account.appId, 'oA')).toHaveLength(1); // the retry reached nobody
  });

  it('when a subscription account sends twice in one day, then 45028; on the next day it may send again', async () => {
    setup = await publishingSetup({ type: 'subscription' });
    follow(setup, ['oA']);
    const mass = new MassApi(setup.client);
    await mass.sendAll({ filter: { isToAll: true }, message: { type: 'text', content: 'day 1' } });
    await expect(mass.sendAll({ filter: { isToAll: true }, message: { type: 'text', content: 'day 1 again' } })).rejects.toMatchObject({ errcode: 45028 });
    setup.clock.advance(DAY_MS);
    await expect(mass.sendAll({ filter: { isToAll: true }, message: { type: 'text', content: 'day 2' } })).resolves.toMatchObject({ outcome: 'submitted' });
  });

  it('when a service account sends a 5th message in a month to the same followers, then MASSSENDJOBFINISH filters them (FilterCount 0)', async () => {
    setup = await publishingSetup();
    follow(setup, ['oA', 'oB'], [100]);
    const mass = new MassApi(setup.client);
    for (let i = 1; i <= 5; i++) {
      await mass.sendAll({ filter: { tagId: 100 }, message: { type: 'text', content: `news ${i}` } });
      await setup.webhook.events('MASSSENDJOBFINISH', i); // one job at a time, as the counts build on each other
    }
    const finishes = await setup.webhook.events('MASSSENDJOBFINISH', 5);
    expect(finishes.map((f) => [f.TotalCount, f.FilterCount, f.SentCount, f.ErrorCount])).toEqual([
      ['2', '2', '2', '0'],
      ['2', '2', '2', '0'],
      ['2', '2', '2', '0'],
      ['2', '2', '2', '0'],
      ['2', '0', '0', '0'],
    ]);
    expect(setup.emulator.emu.inbox(setup.emulator.account.appId, 'oA')).toHaveLength(4);
  });

  it('when the 61st mass call comes within a minute, then it fails with 45011', async () => {
    setup = await publishingSetup();
    const mass = new MassApi(setup.client);
    for (let i = 0; i < 60; i++) await mass.getSpeed();
    const error = await mass.sendAll({ filter: { isToAll: true }, message: { type: 'text', content: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect((error as WeChatApiError).errcode).toBe(45011);
    setup.clock.advance(60_000);
    await expect(mass.getSpeed()).resolves.toEqual({ speed: 0, realSpeed: 80 });
  });
});
