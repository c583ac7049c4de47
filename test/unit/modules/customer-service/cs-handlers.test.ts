import type { Account } from '../../../../src/modules/accounts';
import type { CompiledRules, Match } from '../../../../src/modules/auto-reply/engine.contract';
import { perAccount, withCustomerService } from '../../../../src/modules/customer-service';
import { defaultDeskSettings } from '../../../../src/modules/customer-service/desk-settings';
import type { DeskSettings, OpenReason } from '../../../../src/modules/customer-service';
import { silentLogger } from '../../../../src/shared/logger';
import type { InboundMessage } from '../../../../src/wechat';

const APP = 'wx1234567890abcdef';
const account = { appId: APP, timeZone: 'Asia/Shanghai' } as Account;
const text = (content: string): InboundMessage => ({
  kind: 'text', msgType: 'text', event: null, content, toUserName: 'gh_x', fromUserName: 'oFan', createTime: 1_700_000_000, msgId: '1',
  eventKey: null, raw: {}, bizMsgMenuId: null, msgDataId: null, idx: null,
} as InboundMessage);

/** A rule set where `hit` matches a plain rule and `转接` a transfer rule; nothing else matches. */
const rules: CompiledRules = {
  size: 2,
  match: (m) => {
    const content = (m as { content: string }).content;
    if (content.includes('hit')) return { rule: { replies: [{ type: 'text', content: 'rule' }] }, replies: [{ type: 'text', content: 'rule' }] } as unknown as Match;
    if (content.includes('转接')) return { rule: { replies: [{ type: 'transfer_customer_service' }] }, replies: [{ type: 'transfer_customer_service' }] } as unknown as Match;
    return null;
  },
  defaultRule: () => null,
};

function setup(over: { settings?: Partial<DeskSettings>; filed?: { opened: boolean; kfAccount?: string | null } | null; fail?: boolean } = {}) {
  const calls: (OpenReason | null)[] = [];
  const menuKeys: (string | null)[] = [];
  const handlers = withCustomerService({ '*': () => ({ type: 'text', content: 'auto' }) }, {
    desk: {
      onFollowerMessage: async (_appId, m, reason) => {
        calls.push(reason);
        menuKeys.push(m.menuKey);
        if (over.fail) throw new Error('store down');
        return over.filed === undefined ? null : over.filed && ({ conversation: {} as never, opened: over.filed.opened, kfAccount: over.filed.kfAccount ?? null });
      },
    },
    conversations: { kfSession: async () => null },
    settings: perAccount(async () => ({ ...defaultDeskSettings(APP, '2026-01-01T00:00:00.000Z'), ...over.settings })),
    rules: { compiledFor: async () => rules },
    logger: silentLogger,
  });
  const answer = (m: InboundMessage) => handlers.text!(m, { account, now: new Date(1_700_000_000_000) });
  const click = (key: string) => handlers['event:CLICK']!({ ...text(''), kind: 'event:CLICK', msgType: 'event', event: 'CLICK', eventKey: key } as InboundMessage, { account, now: new Date(1_700_000_000_000) });
  return { answer, calls, menuKeys, click };
}

describe('withCustomerService (the webhook side of customer service)', () => {
  it('when a rule answers and no conversation is open, then nothing is filed for a person and the rule answers', async () => {
    const { answer, calls } = setup();
    expect(await answer(text('hit'))).toEqual({ type: 'text', content: 'auto' });
    expect(calls).toEqual([null]);
  });

  it('when no rule answers, then the message needs a person (no_rule) and the default answer still goes out for a new conversation', async () => {
    const { answer, calls } = setup({ filed: { opened: true } });
    expect(await answer(text('随便问问'))).toEqual({ type: 'text', content: 'auto' });
    expect(calls).toEqual(['no_rule']);
  });

  it('when no rule answers and a person already holds the conversation, then no default answer talks over them', async () => {
    const { answer } = setup({ filed: { opened: false } });
    expect(await answer(text('还在吗'))).toBeNull();
  });

  it('when the follower asks for a person, then it is filed as asked and the acknowledgement answers', async () => {
    const { answer, calls } = setup({ filed: { opened: true } });
    expect(await answer(text('我要人工服务'))).toEqual({ type: 'text', content: '正在为您转接人工客服，请稍候。' });
    expect(calls).toEqual(['asked']);
  });

  it('when a transfer rule matches in desk mode, then WeChat is not asked to transfer: the acknowledgement answers', async () => {
    const { answer, calls } = setup({ filed: { opened: true } });
    expect(await answer(text('请转接'))).toEqual({ type: 'text', content: '正在为您转接人工客服，请稍候。' });
    expect(calls).toEqual(['transfer_rule']);
  });

  it('when the account runs native mode, then a message for a person is answered with transfer_customer_service to the routed kf account', async () => {
    const { answer } = setup({ settings: { mode: 'native' }, filed: { opened: true, kfAccount: 'kf1@oa' } });
    expect(await answer(text('随便问问'))).toEqual({ type: 'transfer_customer_service', kfAccount: 'kf1@oa' });
  });

  it('when customer service is off for the account, then nothing is filed and the rules answer alone', async () => {
    const { answer, calls } = setup({ settings: { enabled: false } });
    expect(await answer(text('人工'))).toEqual({ type: 'text', content: 'auto' });
    expect(calls).toEqual([]);
  });

  it('when the store fails while filing, then the follower still gets the automatic answer', async () => {
    const { answer } = setup({ fail: true });
    expect(await answer(text('hit'))).toEqual({ type: 'text', content: 'auto' });
  });

  it('when the follower tapped a menu button before asking, then the conversation is filed with that menu key (skill routing)', async () => {
    const { answer, click, menuKeys } = setup({ filed: { opened: true } });
    await answer(text('先问一句'));
    await click('MENU_AFTER_SALES');
    await answer(text('我要退款'));
    expect(menuKeys).toEqual([null, 'MENU_AFTER_SALES']);
  });
});
