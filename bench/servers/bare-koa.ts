// The ceiling: a bare Koa handler that reads the body and returns a constant text reply.
import Koa from 'koa';

const REPLY = '<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_0123456789ab]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content></xml>';
const app = new Koa();
app.use(async (ctx) => {
  for await (const _ of ctx.req) void _;
  ctx.type = 'application/xml';
  ctx.body = REPLY;
});
app.listen(Number(process.argv[2]), '127.0.0.1', () => process.send?.('ready'));
