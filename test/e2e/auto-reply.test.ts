import { TEST_ACCOUNT } from '../helpers/wechat-client';
import { startProduct, type Product } from './wired';

const FAN = 'oFan000000000000000000000001';
const rules = `/api/v1/accounts/${TEST_ACCOUNT.appId}/auto-replies`;
const text = (content: string) => ({ type: 'text', content });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the follower's phone shows, as source:text lines. */
async function phone(p: Product, openid = FAN): Promise<string[]> {
  return (await p.inbox(openid)).map((item) => {
    const c = item.content as Record<string, unknown>;
    const body = (c.Content ?? (c.text as { content?: string } | undefined)?.content ?? c.MsgType ?? c.msgtype) as string;
    return `${item.source}:${body}`;
  });
}

describe('auto-replies end to end (emulator follower → our webhook → the phone)', () => {
  let p: Product;
  beforeAll(async () => {
    p = await startProduct({ mode: 'safe' });
    // Auto-replies on their own: with customer service on, an open conversation holds back the default reply (test/e2e/customer-service).
    expect((await p.api().patch(`/api/v1/accounts/${TEST_ACCOUNT.appId}/desk`).send({ enabled: false })).status).toBe(200);
    const create = async (rule: object) => {
      const res = await p.api().post(rules).send(rule);
      expect(res.status).toBe(201);
    };
    await create({ name: 'welcome', trigger: { kind: 'subscribe' }, replies: [text('欢迎关注！')] });
    await create({ name: 'spring welcome', trigger: { kind: 'subscribe', scene: 'spring_campaign' }, replies: [text('春季活动专属欢迎')] });
    await create({ name: 'hours', trigger: { kind: 'keyword', keywords: [{ text: '营业时间', mode: 'contains' }] }, replies: [text('每天 9:00–21:00')] });
    await create({
      name: 'price list',
      trigger: { kind: 'keyword', keywords: [{ text: '价格', mode: 'exact' }] },
      replyMode: 'all',
      replies: [text('价格一'), text('价格二'), text('价格三')],
    });
    await create({ name: 'menu hours', trigger: { kind: 'click', key: 'MENU_HOURS' }, replies: [text('点击：营业时间')] });
    await create({ name: 'scan shop', trigger: { kind: 'scan', scene: 'shop_door' }, replies: [text('欢迎光临门店')] });
    await create({ name: 'fallback', trigger: { kind: 'default' }, replies: [text('收到，稍后回复您')], cooldownMinutes: 30 });
  });
  afterAll(() => p.close());

  it('when a follower follows, then the welcome reaches the phone', async () => {
    await p.act(FAN, { type: 'subscribe' });
    expect(await phone(p)).toEqual(['passive:欢迎关注！']);
  });

  it('when a follower follows through the campaign QR code, then the campaign welcome answers instead', async () => {
    await p.act('oFan000000000000000000000002', { type: 'subscribe', scene: 'spring_campaign' });
    expect(await phone(p, 'oFan000000000000000000000002')).toEqual(['passive:春季活动专属欢迎']);
  });

  it('when a message contains a keyword, then its rule answers', async () => {
    await p.act(FAN, { type: 'text', content: '请问营业时间是？' });
    expect((await phone(p)).at(-1)).toBe('passive:每天 9:00–21:00');
  });

  it('when a reply-all rule matches, then one passive reply and the rest as customer-service messages arrive in order', async () => {
    await p.act(FAN, { type: 'text', content: '价格' });
    await wait(800);
    expect((await phone(p)).slice(-3)).toEqual(['passive:价格一', 'custom:价格二', 'custom:价格三']);
  });

  it('when a menu button is tapped, then its event rule answers', async () => {
    await p.act(FAN, { type: 'click', key: 'MENU_HOURS' });
    expect((await phone(p)).at(-1)).toBe('passive:点击：营业时间');
  });

  it('when a following follower scans the shop QR code, then the scan rule answers', async () => {
    await p.act(FAN, { type: 'scan', scene: 'shop_door' });
    expect((await phone(p)).at(-1)).toBe('passive:欢迎光临门店');
  });

  it('when nothing matches twice within the cool-down, then the default reply comes once, and again after it', async () => {
    const before = (await phone(p)).length;
    await p.act(FAN, { type: 'text', content: '随便问问' });
    await p.act(FAN, { type: 'text', content: '还在吗' });
    expect((await phone(p)).slice(before)).toEqual(['passive:收到，稍后回复您']);
    p.clock.advance(31 * 60 * 1000);
    await p.act(FAN, { type: 'text', content: '还在吗？' });
    expect((await phone(p)).slice(before)).toEqual(['passive:收到，稍后回复您', 'passive:收到，稍后回复您']);
  });
});
