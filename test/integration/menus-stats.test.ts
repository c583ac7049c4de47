import request from 'supertest';
import { ADMIN_TOKEN, NOW_SECONDS, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT, toQueryString, wechatRequest } from '../helpers/wechat-client';

/**
 * Taps counted from what our webhook received. NOW_SECONDS is 2023-11-14T22:13:20Z, which is
 * 2023-11-15 06:13 in Shanghai (the account's time zone): day one is the 15th.
 */
const DAY1 = '2023-11-15';
const DAY2 = '2023-11-16';

function menuEvent(event: 'CLICK' | 'VIEW', key: string, at: number, openid = 'oUser0000000000000000000000'): string {
  return `<xml><ToUserName><![CDATA[${TEST_ACCOUNT.originalId}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName>`
    + `<CreateTime>${at}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event>`
    + `<EventKey><![CDATA[${key}]]></EventKey>${event === 'VIEW' ? '<MenuId>208379533</MenuId>' : ''}</xml>`;
}

describe('GET /api/v1/accounts/:appId/menus/stats', () => {
  let rt: TestRuntime;
  const api = (path: string) => request(rt.handler).get(`/api/v1/accounts/${TEST_ACCOUNT.appId}/menus${path}`).set('authorization', `Bearer ${ADMIN_TOKEN}`);

  /** Posts a signed event to our webhook at `at` (seconds), with the clock there too. */
  async function tap(event: 'CLICK' | 'VIEW', key: string, at: number): Promise<void> {
    rt.clock.set(at * 1000);
    const { query, body } = wechatRequest(menuEvent(event, key, at), 'plaintext', { timestamp: at });
    const res = await request(rt.handler).post(`/wechat/${TEST_ACCOUNT.appId}?${toQueryString(query)}`).send(body);
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    rt = await startTestRuntime();
    await rt.accounts.create(TEST_ACCOUNT);
    await request(rt.handler).put(`/api/v1/accounts/${TEST_ACCOUNT.appId}/menus/draft`).set('authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ buttons: [{ type: 'click', name: '帮助', key: 'HELP' }, { type: 'view', name: '官网', url: 'https://example.com/shop' }] })
      .expect(200);
    // Day one (Shanghai): 2 × HELP, 1 × the shop.
    await tap('CLICK', 'HELP', NOW_SECONDS);
    await tap('CLICK', 'HELP', NOW_SECONDS + 60);
    await tap('VIEW', 'https://example.com/shop', NOW_SECONDS + 120);
    // 2023-11-15T16:30Z: still the 15th in UTC, already 00:30 on the 16th in Shanghai.
    await tap('CLICK', 'HELP', NOW_SECONDS + 65_800);
    await tap('CLICK', 'OLD_KEY', NOW_SECONDS + 86_400);
    // A retry of the same callback is one tap, not two.
    await tap('CLICK', 'OLD_KEY', NOW_SECONDS + 86_400);
  });
  afterAll(() => rt.close());

  it('when asking for two days, then taps are counted per button per Shanghai day, named from the draft, with totals', async () => {
    const res = await api(`/stats?since=${DAY1}&until=${DAY2}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      since: DAY1,
      until: DAY2,
      timeZone: 'Asia/Shanghai',
      days: [
        { date: DAY1, buttons: [{ key: 'HELP', event: 'CLICK', count: 2, name: '帮助' }, { key: 'https://example.com/shop', event: 'VIEW', count: 1, name: '官网' }] },
        { date: DAY2, buttons: [{ key: 'HELP', event: 'CLICK', count: 1, name: '帮助' }, { key: 'OLD_KEY', event: 'CLICK', count: 1 }] },
      ],
      totals: {
        count: 5,
        buttons: [
          { key: 'HELP', event: 'CLICK', count: 3, name: '帮助' },
          { key: 'OLD_KEY', event: 'CLICK', count: 1 },
          { key: 'https://example.com/shop', event: 'VIEW', count: 1, name: '官网' },
        ],
      },
    });
  });

  it('when asking for day two only, then day one taps are left out', async () => {
    const res = await api(`/stats?since=${DAY2}&until=${DAY2}`);
    expect(res.body.totals.count).toBe(2);
  });

  it('when no range is given, then the last 7 days up to today (in the account time zone) are shown', async () => {
    const res = await api('/stats');
    expect(res.body.until).toBe(DAY2);
    expect(res.body.days).toHaveLength(7);
    expect(res.body.totals.count).toBe(5);
  });

  it('when the range is not real dates, then 400 names each bad parameter', async () => {
    const res = await api('/stats?since=2023-11-31&until=yesterday');
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['since', 'until']);
  });
});
