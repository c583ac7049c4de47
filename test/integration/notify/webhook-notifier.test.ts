import { createHmac, timingSafeEqual } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Notification } from '../../../src/modules/customer-service/customer-service.ports';
import { ManualClock } from '../../../src/shared/clock';
import { WebhookNotifier, type DeliveryResult, type WebhookNotifierOptions } from '../../../src/notify/webhook-notifier';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP server on a free port; `answer` decides each response (by attempt number, from 1). */
async function startReceiver(answer: (n: number, res: http.ServerResponse) => void) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(received.length, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/wxoa?key=k-123`;
  const close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return { url, received, close };
}

const status = (code: number) => (_n: number, res: http.ServerResponse) => res.writeHead(code).end('{}');

const NOW = Date.UTC(2026, 10, 27, 4, 5, 6);
const notification: Notification = {
  type: 'lead',
  appId: 'wx1234567890abcdef',
  at: '2026-11-27T04:05:06.000Z',
  data: { openid: 'o-1', kind: 'mobile', value: '13800138000', text: '电话 13800138000', channel: null },
};
const BODY = '{"type":"lead","appId":"wx1234567890abcdef","at":"2026-11-27T04:05:06.000Z","data":{"openid":"o-1","kind":"mobile","value":"13800138000","text":"电话 13800138000","channel":null}}';

function notifierWith(over: Partial<WebhookNotifierOptions> = {}) {
  const logs: Array<Record<string, unknown>> = [];
  const waits: number[] = [];
  const results: DeliveryResult[] = [];
  const notifier = new WebhookNotifier({
    clock: new ManualClock(NOW),
    logger: pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) }),
    sleep: async (ms) => void waits.push(ms),
    onResult: (r) => void results.push(r),
    ...over,
  });
  return { notifier, logs, waits, results };
}

describe('WebhookNotifier', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>> | null = null;
  afterEach(async () => {
    await receiver?.close();
    receiver = null;
  });

  it('when a notification is sent with a secret, then one POST carries the exact JSON body and headers, and the signature verifies', async () => {
    receiver = await startReceiver(status(204));
    const { notifier } = notifierWith();
    expect(await notifier.notify({ url: receiver.url, secret: 's3cret-密钥' }, notification)).toBe(true);

    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect([got!.method, got!.url, got!.body]).toEqual(['POST', '/hooks/wxoa?key=k-123', BODY]);
    const expectedSignature = createHmac('sha256', 's3cret-密钥').update(`1795752306.${BODY}`).digest('hex');
    expect(got!.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(BODY)),
      'user-agent': 'wxoa-notifier/1',
      'x-wxoa-event': 'lead',
      'x-wxoa-timestamp': '1795752306',
      'x-wxoa-signature': `sha256=${expectedSignature}`,
    });
    // What a client's developer does (docs/notifications.md): recompute and compare in constant time.
    const header = String(got!.headers['x-wxoa-signature']);
    const mine = createHmac('sha256', 's3cret-密钥').update(`${String(got!.headers['x-wxoa-timestamp'])}.${got!.body}`).digest();
    expect(timingSafeEqual(Buffer.from(header.slice('sha256='.length), 'hex'), mine)).toBe(true);
    expect(JSON.parse(got!.body)).toEqual(notification);
  });

  it('when the account has no secret, then no signature header is sent', async () => {
    receiver = await startReceiver(status(200));
    const { notifier } = notifierWith();
    await notifier.notify({ url: receiver.url, secret: null }, notification);
    expect(receiver.received[0]!.headers).not.toHaveProperty('x-wxoa-signature');
    expect(receiver.received[0]!.headers['x-wxoa-timestamp']).toBe('1795752306');
  });

  it('when the receiver answers 500 once, then the notifier waits the backoff, sends the same body again and reports it delivered', async () => {
    receiver = await startReceiver((n, res) => status(n === 1 ? 500 : 200)(n, res));
    const { notifier, waits, results } = notifierWith({ backoffMs: 250 });
    expect(await notifier.notify({ url: receiver.url, secret: 'k' }, notification)).toBe(true);
    expect(receiver.received.map((r) => r.body)).toEqual([BODY, BODY]);
    expect(waits).toEqual([250]);
    expect(results.map(({ ms: _ms, ...r }) => r)).toEqual([{ type: 'lead', appId: notification.appId, delivered: true, attempts: 2, status: 200, error: null }]);
  });

  it('when no sleep is given, then the notifier really waits the backoff before retrying', async () => {
    receiver = await startReceiver((n, res) => status(n === 1 ? 503 : 200)(n, res));
    const { notifier } = notifierWith({ sleep: undefined, backoffMs: 120 });
    const started = Date.now();
    expect(await notifier.notify({ url: receiver.url, secret: null }, notification)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('when the receiver answers 429 then 503 then 200, then it is retried with doubling waits', async () => {
    receiver = await startReceiver((n, res) => status([429, 503, 200][n - 1]!)(n, res));
    const { notifier, waits } = notifierWith({ backoffMs: 100, tries: 3 });
    expect(await notifier.notify({ url: receiver.url, secret: null }, notification)).toBe(true);
    expect([receiver.received.length, waits]).toEqual([3, [100, 200]]);
  });

  it('when the receiver keeps failing, then it gives up after N tries without throwing, logs the failure without the URL\'s key, and reports it', async () => {
    receiver = await startReceiver(status(502));
    const { notifier, logs, results, waits } = notifierWith({ tries: 4, backoffMs: 10 });
    await expect(notifier.notify({ url: receiver.url, secret: 'k' }, notification)).resolves.toBe(false); // never throws: says it was not delivered
    expect(receiver.received).toHaveLength(4);
    expect(waits).toEqual([10, 20, 40]);
    expect(results.map(({ ms: _ms, ...r }) => r)).toEqual([{ type: 'lead', appId: notification.appId, delivered: false, attempts: 4, status: 502, error: 'http 502' }]);
    const warning = logs.find((l) => l.msg === 'notification not delivered');
    expect(warning).toMatchObject({ event: 'lead', appId: notification.appId, target: receiver.url.replace(/\/hooks.*/, ''), attempts: 4, status: 502 });
    expect(JSON.stringify(logs)).not.toContain('k-123');
  });

  it('when the receiver refuses with a 4xx or redirects, then it is not retried (nor the redirect followed)', async () => {
    for (const code of [400, 401, 404, 302]) {
      receiver = await startReceiver((_n, res) => res.writeHead(code, { location: '/elsewhere' }).end());
      const { notifier, results } = notifierWith();
      expect([code, await notifier.notify({ url: receiver.url, secret: null }, notification)]).toEqual([code, false]);
      expect([code, receiver.received.map((r) => r.url), results[0]!.attempts]).toEqual([code, ['/hooks/wxoa?key=k-123'], 1]);
      await receiver.close();
      receiver = null;
    }
  });

  it('when the receiver does not answer within the timeout, then each attempt is cut off and it gives up after the tries', async () => {
    receiver = await startReceiver(() => undefined); // never answers
    const { notifier, results } = notifierWith({ timeoutMs: 150, tries: 2 });
    const started = Date.now();
    expect(await notifier.notify({ url: receiver.url, secret: null }, notification)).toBe(false);
    const took = Date.now() - started;
    expect(receiver.received).toHaveLength(2);
    expect(took).toBeGreaterThanOrEqual(280);
    expect(took).toBeLessThan(3_000);
    expect(results[0]).toMatchObject({ delivered: false, attempts: 2, status: null, error: 'timeout' });
  });

  it('when nothing listens at the URL, then the network error is retried and then reported, never thrown', async () => {
    receiver = await startReceiver(status(200));
    const deadUrl = receiver.url;
    await receiver.close();
    receiver = null;
    const { notifier, results } = notifierWith({ tries: 2 });
    expect(await notifier.notify({ url: deadUrl, secret: null }, notification)).toBe(false);
    expect(results[0]).toMatchObject({ delivered: false, attempts: 2, status: null, error: 'network: ECONNREFUSED' });
  });

  it('when the URL is not http(s), then nothing is sent, nothing thrown, and the failure is reported', async () => {
    const { notifier, results } = notifierWith();
    for (const url of ['not a url', 'ftp://example.com/x', 'file:///etc/passwd']) {
      expect([url, await notifier.notify({ url, secret: null }, notification)]).toEqual([url, false]);
    }
    expect(results.map((r) => [r.attempts, r.error])).toEqual([[0, 'invalid url'], [0, 'invalid url'], [0, 'invalid url']]);
  });

  it('when the onResult hook throws, then notify still resolves', async () => {
    receiver = await startReceiver(status(200));
    const { notifier } = notifierWith({ onResult: () => { throw new Error('metrics down'); } });
    await expect(notifier.notify({ url: receiver.url, secret: null }, notification)).resolves.toBe(true);
  });

  it('when the data cannot be serialized, then notify resolves false instead of throwing', async () => {
    const { notifier, results } = notifierWith();
    const bad = { ...notification, data: { n: BigInt(1) } };
    expect(await notifier.notify({ url: 'http://127.0.0.1:9/', secret: null }, bad)).toBe(false);
    expect(results[0]!.error).toMatch(/^unexpected: /);
  });
});
