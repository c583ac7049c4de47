import { startProduct, type Product } from './wired';
import { TEST_ACCOUNT } from '../helpers/wechat-client';

/**
 * A mass send as an agency runs it, end to end: the admin API, the emulator's mass API and
 * followers' phones, and WeChat's MASSSENDJOBFINISH pushed back to our webhook (safe mode), which
 * puts the delivery counts on the campaign. Both sides share one manual clock (2023-11-15 06:13
 * Asia/Shanghai).
 */
describe('a mass send end to end', () => {
  let p: Product;
  const base = `/api/v1/accounts/${TEST_ACCOUNT.appId}/campaigns`;

  beforeEach(async () => {
    p = await startProduct();
    for (const openid of ['oA', 'oB', 'oTester']) p.emulator.emu.follow(TEST_ACCOUNT.appId, openid);
  });
  afterEach(async () => p.close());

  it('when the 20:00 slot comes, then every follower gets the article once and WeChat\'s report lands on the campaign', async () => {
    const id = (await p.api().post(base).send({ name: '晚间推送', content: { type: 'text', content: '今晚 8 点直播' }, audience: { kind: 'all' } }).expect(201)).body.id as string;
    await p.api().post(`${base}/${id}/preview`).send({ openids: ['oTester'] }).expect(200);
    await p.api().post(`${base}/${id}/confirm`).expect(200);
    const scheduled = await p.api().post(`${base}/${id}/schedule`).send({ slot: '20:00', date: '2023-11-15' }).expect(200);
    expect(scheduled.body.dueAt).toBe('2023-11-15T12:00:00.000Z');

    p.clock.set(Date.parse('2023-11-15T12:00:03Z'));
    p.rt.clock.set(p.clock.now());
    expect((await p.rt.campaignSender.sendDue()).sent).toEqual([id]);

    // The emulator delivers, then pushes MASSSENDJOBFINISH to our webhook; wait for the report.
    let campaign = (await p.api().get(`${base}/${id}`)).body;
    for (let i = 0; i < 200 && campaign.results === null; i++) {
      await new Promise((r) => setTimeout(r, 10));
      campaign = (await p.api().get(`${base}/${id}`)).body;
    }
    expect(campaign).toMatchObject({ state: 'sent', results: { status: 'send success', totalCount: 3, filterCount: 3, sentCount: 3, errorCount: 0 } });
    for (const openid of ['oA', 'oB']) {
      const mass = (await p.inbox(openid)).filter((i) => i.source === 'mass');
      expect(mass).toHaveLength(1);
    }
    expect((await p.api().get(`${base}/cadence`)).body).toMatchObject({ level: 'ok', daysSince: 0 });
    const listed = await p.api().get(`${base}?state=sent`);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
  });
});
