import { apiClientFor } from '../../../helpers/api-client';
import { caught } from '../../../helpers/accounts';
import { capturingLogger } from './fake-token-service';
import { MiniWeChat } from './mini-wechat';

const APP_ID = 'wx0000000000000001';
const SECRET = 'sekret-0123456789abcdef01234567';
const PATH = '/cgi-bin/user/info';

/** Everything an operator could see of an error: message, details, stack. */
const visible = (err: unknown) => {
  const e = err as { message?: string; details?: unknown; stack?: string };
  return JSON.stringify({ message: e.message, details: e.details, stack: e.stack });
};

describe('WeChat API client: secrets stay out of logs and errors', () => {
  let wechat: MiniWeChat;
  beforeEach(async () => {
    wechat = await new MiniWeChat().start();
  });
  afterEach(() => wechat.stop());

  it('when calls succeed, retry, refresh tokens and fail, then no log line or error shows the token or the secret', async () => {
    const { logger, lines } = capturingLogger();
    const client = apiClientFor(wechat.url, APP_ID, SECRET, { logger, timeoutMs: 100 });
    await client.get(PATH, { openid: 'o1' });
    wechat.rotate();
    await client.get(PATH); // 40001 → refresh → retry
    wechat.script(PATH, { json: { errcode: -1, errmsg: 'system error' } }, { delayMs: 300 }, { drop: true });
    await client.get(PATH); // -1, timeout, dropped: three retries then success
    wechat.script(PATH, { json: { errcode: 48001, errmsg: 'api unauthorized' } });
    const errors = [await caught(client.get(PATH))];

    expect(lines.some((l) => l.includes('transient WeChat failure'))).toBe(true);
    expect(lines.some((l) => l.includes('access_token refreshed'))).toBe(true);
    expect(lines.some((l) => l.includes(PATH))).toBe(true);
    const everything = lines.join('\n') + errors.map(visible).join('\n');
    expect(everything).not.toContain('TK-');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('access_token=');
  });

  it('when the classic token endpoint (secret in its URL) times out or is unreachable, then the errors and logs do not carry the URL', async () => {
    const { logger, lines } = capturingLogger();
    wechat.script('/cgi-bin/token', { delayMs: 300 }, { delayMs: 300 });
    const slow = await caught(apiClientFor(wechat.url, APP_ID, SECRET, { logger, tokenMode: 'classic', timeoutMs: 50, retry: { retries: 1 } }).get(PATH));
    expect(slow).toMatchObject({ failure: 'timeout', endpoint: '/cgi-bin/token', status: 504 });
    const url = wechat.url;
    await wechat.stop();
    const down = await caught(apiClientFor(url, APP_ID, SECRET, { logger, tokenMode: 'classic', retry: { retries: 0 } }).get(PATH));
    expect(down).toMatchObject({ failure: 'network' });
    wechat = await new MiniWeChat().start();
    const everything = lines.join('\n') + visible(slow) + visible(down);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('secret=');
  });

  it('when the secret is wrong, then the error tells the operator to check it without showing it', async () => {
    wechat.script('/cgi-bin/stable_token', { json: { errcode: 40125, errmsg: 'invalid appsecret, view more at http://t.cn/RAEkdVq' } });
    const err = await caught(apiClientFor(wechat.url, APP_ID, SECRET).get(PATH));
    expect(err).toMatchObject({ errcode: 40125, name: 'invalid_appsecret', endpoint: '/cgi-bin/stable_token' });
    expect(err.message).toContain('AppSecret');
    expect(visible(err)).not.toContain(SECRET);
    expect(wechat.calls(PATH)).toHaveLength(0);
  });
});
