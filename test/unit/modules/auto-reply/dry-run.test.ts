import { ValidationError } from '../../../../src/shared/errors';
import { caught } from '../../../helpers/accounts';
import { APP_ID, keywordRule, makeService } from './service-helpers';

// 2026-01-05T04:00:00Z, the helpers' clock: Monday 12:00 in Shanghai.
const T = 1_767_585_600;
const head = (to: string, type: string) => `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[gh_0123456789ab]]></FromUserName><CreateTime>${T}</CreateTime><MsgType><![CDATA[${type}]]></MsgType>`;
const articles = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `第${i + 1}篇`, url: `https://e.com/${i + 1}` }));
const items = (n: number) => articles(n).map((a) => `<item><Title><![CDATA[${a.title}]]></Title><Url><![CDATA[${a.url}]]></Url></item>`).join('');

describe('dry run', () => {
  it('when a text message matches a keyword rule, then the answer names the rule and keyword and gives the exact passive XML with placeholders filled', async () => {
    const { service } = await makeService();
    const rule = await service.create(APP_ID, keywordRule({ replies: [{ type: 'text', content: '{keyword}: ¥99 ({openid}, {time})' }] }));
    const res = await service.test(APP_ID, { message: { type: 'text', content: '请问价格' }, openid: 'o_follower' });
    expect(res.matched).toEqual({ ruleId: rule.id, name: '价格', trigger: 'keyword', default: false, keyword: { text: '价格', mode: 'contains' } });
    expect(res.passiveReplyXml).toBe(`${head('o_follower', 'text')}<Content><![CDATA[价格: ¥99 (o_follower, 12:00)]]></Content></xml>`);
    expect(res.replies).toEqual([{ type: 'text', content: '价格: ¥99 (o_follower, 12:00)' }]);
    expect(res.laterReplies).toEqual([]);
  });

  it('when a reply-all rule answers, then the first reply is passive and the rest are later customer-service messages', async () => {
    const { service } = await makeService();
    await service.create(APP_ID, keywordRule({ replies: [{ type: 'text', content: 'one' }, { type: 'image', mediaId: 'MEDIA2' }, { type: 'transfer_customer_service' }] }));
    const res = await service.test(APP_ID, { message: { type: 'text', content: '价格' } });
    expect(res.passiveReplyXml).toBe(`${head('o_dry_run_follower', 'text')}<Content><![CDATA[one]]></Content></xml>`);
    expect(res.laterReplies).toEqual([{ type: 'image', mediaId: 'MEDIA2' }, { type: 'transfer_customer_service' }]);
    expect(res.notes).toEqual(['reply 3 (transfer_customer_service) has no customer-service message equivalent and would not be sent']);
  });

  it("when a news reply answers a follower's message, then the XML carries 1 article; answering an event, up to 8", async () => {
    const { service } = await makeService();
    await service.create(APP_ID, keywordRule({ replies: [{ type: 'news', articles: articles(3) }] }));
    await service.create(APP_ID, { name: 'menu', trigger: { kind: 'click', key: 'NEWS' }, replies: [{ type: 'news', articles: articles(3) }] });
    const msg = await service.test(APP_ID, { message: { type: 'text', content: '价格' } });
    expect(msg.passiveReplyXml).toBe(`${head('o_dry_run_follower', 'news')}<ArticleCount>1</ArticleCount><Articles>${items(1)}</Articles></xml>`);
    expect(msg.notes[0]).toMatch(/cut to 1 article/);
    const click = await service.test(APP_ID, { message: { type: 'event', event: 'CLICK', key: 'NEWS' } });
    expect(click.matched).toMatchObject({ name: 'menu', trigger: 'click' });
    expect(click.passiveReplyXml).toBe(`${head('o_dry_run_follower', 'news')}<ArticleCount>3</ArticleCount><Articles>${items(3)}</Articles></xml>`);
  });

  it('when a follow comes through a QR scene, then the scene rule answers, and a plain follow the general one', async () => {
    const { service } = await makeService();
    await service.create(APP_ID, { name: 'welcome', trigger: { kind: 'subscribe' }, replies: [{ type: 'text', content: '欢迎' }] });
    await service.create(APP_ID, { name: 'spring', trigger: { kind: 'subscribe', scene: 'spring_campaign' }, replies: [{ type: 'image', mediaId: 'M1' }] });
    const scene = await service.test(APP_ID, { message: { type: 'event', event: 'subscribe', scene: 'spring_campaign' } });
    expect(scene.matched?.name).toBe('spring');
    expect(scene.inbound).toMatchObject({ kind: 'event:subscribe', eventKey: 'qrscene_spring_campaign' });
    expect(scene.passiveReplyXml).toBe(`${head('o_dry_run_follower', 'image')}<Image><MediaId><![CDATA[M1]]></MediaId></Image></xml>`);
    expect((await service.test(APP_ID, { message: { type: 'event', event: 'subscribe' } })).matched?.name).toBe('welcome');
  });

  it("when nothing matches a follower's message, then the default rule answers (its cool-down noted, not started); an event gets nothing", async () => {
    const { service } = await makeService();
    await service.create(APP_ID, { name: 'fallback', trigger: { kind: 'default' }, replies: [{ type: 'text', content: '?' }], cooldownMinutes: 30 });
    const first = await service.test(APP_ID, { message: { type: 'text', content: 'hello' } });
    const second = await service.test(APP_ID, { message: { type: 'text', content: 'hello' } });
    for (const res of [first, second]) {
      expect(res.matched).toMatchObject({ name: 'fallback', default: true });
      expect(res.notes[0]).toMatch(/once every 30 minute/);
    }
    const click = await service.test(APP_ID, { message: { type: 'event', event: 'CLICK', key: 'NONE' } });
    expect(click).toMatchObject({ matched: null, passiveReplyXml: null, replies: [], laterReplies: [] });
  });

  it('when `at` falls outside the rule\'s active window, then the rule does not answer', async () => {
    const { service } = await makeService();
    await service.create(APP_ID, keywordRule({ activeWindows: [{ start: '09:00', end: '18:00' }] }));
    expect((await service.test(APP_ID, { message: { type: 'text', content: '价格' }, at: '2026-01-05T04:00:00Z' })).matched).not.toBeNull();
    expect((await service.test(APP_ID, { message: { type: 'text', content: '价格' }, at: '2026-01-05T12:00:00Z' })).matched).toBeNull();
  });

  it('when the test message is malformed, then every problem is a 400 with its field', async () => {
    const { service } = await makeService();
    const err = await caught(service.test(APP_ID, { message: { type: 'event', event: 'CLICK' }, openid: '', at: 'yesterday' }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err.details as { field: string }[]).map((d) => d.field).sort()).toEqual(['at', 'message.key', 'openid']);
    expect(((await caught(service.test(APP_ID, { message: { type: 'sticker' } }))).details as { field: string }[])[0]!.field).toBe('message.type');
  });
});
