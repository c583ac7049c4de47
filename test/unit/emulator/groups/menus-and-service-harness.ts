import request from 'supertest';
import { createEmulator, type AccountInput } from '../../../../src/emulator';
import { ManualClock } from '../../../../src/shared/clock';

export const APP_ID = 'wx0000000000menu01';
export const WECHAT_ID = 'wxoa_test';

/**
 * The real emulator app (so the menu and customer-service routes run behind the core's token
 * check and error rendering) on supertest, with a hand-moved clock. `get`/`post` fetch a fresh
 * token each time so moving the clock by days never trips over token expiry.
 */
export function startHarness(account: Partial<AccountInput> = {}) {
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 4, 0, 0));
  const { app, emu } = createEmulator({ clock, accounts: [{ appId: APP_ID, wechatId: WECHAT_ID, ...account }] });
  const http = request(app.callback());
  const token = async (): Promise<string> => {
    const res = await http.get('/cgi-bin/token').query({ grant_type: 'client_credential', appid: APP_ID, secret: emu.account(APP_ID)!.secret });
    return res.body.access_token as string;
  };
  return {
    emu,
    clock,
    http,
    async get(path: string, query: Record<string, string> = {}): Promise<Record<string, unknown>> {
      return (await http.get(path).query({ ...query, access_token: await token() })).body;
    },
    async post(path: string, body: unknown): Promise<Record<string, unknown>> {
      const req = http.post(path).query({ access_token: await token() });
      return (await (typeof body === 'string' ? req.type('json').send(body) : req.send(body as object))).body;
    },
    /** Follows `openid` now, and has them send a text message unless told otherwise. */
    fan(openid: string, options: { message?: boolean; tagIds?: number[] } = {}) {
      const follower = emu.follow(APP_ID, openid);
      follower.tagIds = [...(options.tagIds ?? [])];
      if (options.message !== false) emu.recordActivity(APP_ID, openid, { kind: 'message', msgType: 'text', at: emu.nowSeconds() });
      return follower;
    },
  };
}

export type Harness = ReturnType<typeof startHarness>;
