// The peer most Node users run today: node-webot's `wechat` middleware (npm wechat@2.1.0), answering
// the same text message with the same text, in plaintext or (with encodingAESKey) safe mode.
import http from 'node:http';
import { BENCH_ACCOUNT } from '../fixture';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const wechat = require('wechat') as (config: object, handler: (req: unknown, res: { reply(s: string): void }) => void) => (req: unknown, res: unknown, next: (err?: unknown) => void) => void;

const middleware = wechat(
  { token: BENCH_ACCOUNT.token, appid: BENCH_ACCOUNT.appId, encodingAESKey: BENCH_ACCOUNT.encodingAESKey, checkSignature: true },
  (_req, res) => res.reply('hello'),
);
http
  .createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    (req as unknown as { query: object }).query = Object.fromEntries(url.searchParams);
    middleware(req, res, (err) => {
      res.statusCode = err ? 400 : 404;
      res.end();
    });
  })
  .listen(Number(process.argv[2]), '127.0.0.1', () => process.send?.('ready'));
