import { ManualClock } from '../../../../src/shared/clock';
import { startEmulator, type StartedEmulator } from '../../../helpers/emulator';

/** §4.1/§4.2: credentials are checked in order grant_type, appid, secret. */
describe('GET /cgi-bin/token credentials', () => {
  let e: StartedEmulator;
  beforeEach(async () => {
    e = await startEmulator({ clock: new ManualClock() });
  });
  afterEach(() => e.close());

  const get = async (query: string) => (await fetch(`${e.url}/cgi-bin/token?${query}`)).json() as Promise<Record<string, unknown>>;

  it('when grant_type is not client_credential, then 40002', async () => {
    expect(await get(`grant_type=password&appid=${e.account.appId}&secret=${e.account.secret}`)).toMatchObject({ errcode: 40002 });
  });

  it('when the appid is unknown or missing, then 40013', async () => {
    expect(await get(`grant_type=client_credential&appid=wx0000000000000000&secret=${e.account.secret}`)).toMatchObject({ errcode: 40013 });
    expect(await get(`grant_type=client_credential&secret=${e.account.secret}`)).toMatchObject({ errcode: 40013 });
  });

  it('when the secret is wrong, then 40125 and no token is counted', async () => {
    expect(await get(`grant_type=client_credential&appid=${e.account.appId}&secret=nope`)).toMatchObject({ errcode: 40125 });
    const stats = await (await fetch(`${e.url}/__emulator/accounts/${e.account.appId}/stats`)).json();
    expect(stats).toMatchObject({ tokenCalls: 0 });
  });

  it('when the credentials are right, then a new token with expires_in 7200 on every call, each counted', async () => {
    const q = `grant_type=client_credential&appid=${e.account.appId}&secret=${e.account.secret}`;
    const a = await get(q);
    const b = await get(q);
    expect(a).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9_-]{100,512}$/), expires_in: 7200 });
    expect(b.access_token).not.toBe(a.access_token);
    const stats = await (await fetch(`${e.url}/__emulator/accounts/${e.account.appId}/stats`)).json();
    expect(stats).toMatchObject({ tokenCalls: 2, stableTokenCalls: 0 });
  });

  it('when an errmsg is rendered, then it ends with a rid and the HTTP status is 200', async () => {
    const res = await fetch(`${e.url}/cgi-bin/token?grant_type=x`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { errmsg: string }).errmsg).toMatch(/^invalid grant_type rid: [0-9a-f-]+$/);
  });
});

describe('POST /cgi-bin/stable_token input', () => {
  let e: StartedEmulator;
  beforeEach(async () => {
    e = await startEmulator({ clock: new ManualClock() });
  });
  afterEach(() => e.close());

  it('when the body is not JSON, then 47001', async () => {
    const res = await fetch(`${e.url}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credential&appid=${e.account.appId}&secret=${e.account.secret}`,
    });
    expect(await res.json()).toMatchObject({ errcode: 47001 });
  });

  it('when the credentials are only in the query string, then they are not read (JSON only)', async () => {
    const res = await fetch(`${e.url}/cgi-bin/stable_token?grant_type=client_credential&appid=${e.account.appId}&secret=${e.account.secret}`, {
      method: 'POST',
      body: '{}',
    });
    expect(await res.json()).toMatchObject({ errcode: 40002 });
  });

  it('when the secret is wrong, then 40125', async () => {
    const res = await fetch(`${e.url}/cgi-bin/stable_token`, {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: e.account.appId, secret: 'wrong' }),
    });
    expect(await res.json()).toMatchObject({ errcode: 40125 });
  });
});
