import request from 'supertest';
import { WeChatApiError } from '../../src/wechat-api';
import type { AutoReplyRule } from '../../src/modules/auto-reply/auto-reply';
import { startEmulator, type StartedEmulator } from '../helpers/emulator';
import { ADMIN_TOKEN, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT } from '../helpers/wechat-client';

/**
 * Our runtime talking to the emulator's menu API: the emulator's default account has the same
 * appId and AppSecret as TEST_ACCOUNT, and WECHAT_API_BASE points at it.
 */
const base = `/api/v1/accounts/${TEST_ACCOUNT.appId}/menus`;

const draft = {
  buttons: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    { name: '菜单', subButtons: [{ type: 'view', name: '搜索', url: 'https://www.soso.com/' }, { type: 'click', name: '赞一下', key: 'V1001_GOOD' }] },
  ],
  conditionalMenus: [{ matchRule: { tagId: '100', clientPlatformType: 'ios' }, buttons: [{ type: 'click', name: 'VIP', key: 'VIP' }] }],
};

function rule(id: string, key: string): AutoReplyRule {
  const at = '2023-11-14T00:00:00.000Z';
  return {
    id, appId: TEST_ACCOUNT.appId, name: key, trigger: { kind: 'click', key }, replies: [{ type: 'text', content: 'hi' }], replyMode: 'all',
    priority: 0, enabled: true, activeWindows: [], cooldownMinutes: 0, createdAt: at, updatedAt: at,
  };
}

describe('custom menus through the emulator', () => {
  let emulator: StartedEmulator;
  let rt: TestRuntime;
  const call = (method: 'get' | 'put' | 'post' | 'delete', path: string) => request(rt.handler)[method](`${base}${path}`).set('authorization', `Bearer ${ADMIN_TOKEN}`);

  beforeEach(async () => {
    emulator = await startEmulator();
    rt = await startTestRuntime({ env: { WECHAT_API_BASE: emulator.url } });
    await rt.accounts.create(TEST_ACCOUNT);
  });
  afterEach(async () => {
    await rt.close();
    await emulator.close();
  });

  it('when a draft breaks several rules, then PUT answers 400 with every problem pointing at its button, and nothing is saved', async () => {
    const bad = { buttons: [{ type: 'click', name: '今日歌曲好听吗', key: 'K' }, { name: 'P', subButtons: [{ type: 'view', name: 'v' }] }], conditionalMenus: [{ matchRule: { sex: '1' }, buttons: [{ type: 'click', name: 'x', key: 'X' }] }] };
    const res = await call('put', '/draft').send(bad);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['buttons[0].name', 'buttons[1].subButtons[0].url', 'conditionalMenus[0].matchRule.sex']);
    expect(res.body.error.details[2].message).toMatch(/65320/);
    expect((await call('get', '/draft')).body.draft).toBeNull();
  });

  it('when a default and a conditional menu are published, then live shows them, the diff shows no drift, and a changed draft shows drift', async () => {
    const saved = await call('put', '/draft').send(draft);
    expect(saved.status).toBe(200);
    // No rule answers the click keys yet: each is flagged, and publishing needs force.
    expect(saved.body.warnings.filter((w: { code: string }) => w.code === 'button_without_rule')).toHaveLength(3);
    const refused = await call('post', '/publish');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('menu_buttons_unanswered');
    expect(await emulatorMenu()).toBeNull();

    const published = await call('post', '/publish?force=true');
    expect(published.status).toBe(200);
    expect(published.body.conditionalMenuIds).toHaveLength(1);
    expect((await call('get', '/draft')).body.publishedAt).toBe(published.body.publishedAt);

    const live = await call('get', '/live');
    expect(live.status).toBe(200);
    expect(live.body.menu.menu.buttons).toEqual(draft.buttons);
    expect(live.body.menu.conditionalMenus).toEqual([{ menuId: published.body.conditionalMenuIds[0], matchRule: { tagId: '100', clientPlatformType: 'ios' }, buttons: draft.conditionalMenus[0]!.buttons }]);
    expect(live.body.current).toMatchObject({ isMenuOpen: true, buttons: [{ name: '今日歌曲', type: 'click', key: 'V1001_TODAY_MUSIC' }, { name: '菜单' }] });

    expect((await call('get', '/diff')).body).toEqual({ inSync: true, changes: [] });

    const changed = structuredClone(draft);
    changed.buttons[1]!.subButtons![1]!.name = '赞';
    changed.conditionalMenus[0]!.matchRule = { tagId: '101', clientPlatformType: 'ios' };
    await call('put', '/draft').send(changed).expect(200);
    const diff = (await call('get', '/diff')).body;
    expect(diff.inSync).toBe(false);
    expect(diff.changes.map((c: { change: string; path: string }) => `${c.change} ${c.path}`)).toEqual([
      'changed buttons[1].subButtons[1]',
      'added conditionalMenus[0]',
      'removed live.conditionalMenus[0]',
    ]);
    expect(diff.changes[0].fields).toEqual(['name']);

    // Republishing replaces the conditional menu rather than adding a second one.
    await call('post', '/publish?force=true').expect(200);
    const again = await emulatorMenu();
    expect(again!.conditionalmenu).toHaveLength(1);
    expect(again!.conditionalmenu[0]!.matchrule.tag_id).toBe('101');
    expect((await call('get', '/diff')).body.inSync).toBe(true);
  });

  it('when every key has a click rule, then publishing needs no force', async () => {
    for (const [i, key] of ['V1001_TODAY_MUSIC', 'V1001_GOOD', 'VIP'].entries()) await rt.store.autoReplyRules.save(rule(`r${i}`, key));
    const saved = await call('put', '/draft').send(draft);
    expect(saved.body.warnings.filter((w: { code: string }) => w.code === 'button_without_rule')).toEqual([]);
    expect((await call('post', '/publish')).status).toBe(200);
  });

  it('when the live menu is deleted, then live shows no menu, the draft stays and the diff adds everything back', async () => {
    await call('put', '/draft').send(draft).expect(200);
    await call('post', '/publish?force=true').expect(200);
    expect((await call('delete', '/live')).status).toBe(204);
    const live = (await call('get', '/live')).body;
    expect(live.menu).toBeNull();
    expect(live.current.isMenuOpen).toBe(false);
    expect((await call('get', '/draft')).body.draft).toEqual(draft);
    expect((await call('get', '/diff')).body.changes.every((c: { change: string }) => c.change === 'added')).toBe(true);
  });

  it('when there is no draft yet, then publish and diff answer 404 saying how to make one', async () => {
    const res = await call('post', '/publish');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/PUT .*menus\/draft/);
    expect((await call('get', '/diff')).status).toBe(404);
  });

  it('when the account is unknown, then every menu route answers 404', async () => {
    const res = await request(rt.handler).get('/api/v1/accounts/wx0000000000000000/menus/draft').set('authorization', `Bearer ${ADMIN_TOKEN}`);
    expect(res.status).toBe(404);
  });

  /** The emulator's own view of the menu (the wire JSON), read outside our service; null when none. */
  async function emulatorMenu() {
    const api = (await rt.wechatApi.forAccount(TEST_ACCOUNT.appId))!;
    try {
      return await api.client.get<{ conditionalmenu: Array<{ matchrule: { tag_id: string } }> }>('/cgi-bin/menu/get');
    } catch (err) {
      if (err instanceof WeChatApiError && err.errcode === 46003) return null;
      throw err;
    }
  }
});

describe('custom menus: what WeChat or the account refuses', () => {
  it('when the emulator account is not verified, then addconditional fails and the error surfaces with its errcode name', async () => {
    const emulator = await startEmulator({ accounts: [{ verified: false }] });
    const rt = await startTestRuntime({ env: { WECHAT_API_BASE: emulator.url } });
    try {
      await rt.accounts.create(TEST_ACCOUNT);
      const call = (method: 'put' | 'post', path: string) => request(rt.handler)[method](`${base}${path}`).set('authorization', `Bearer ${ADMIN_TOKEN}`);
      await call('put', '/draft').send(draft).expect(200);
      const res = await call('post', '/publish?force=true');
      expect(res.status).toBe(502);
      expect(res.body.error.code).toBe('wechat_conditional_menu_unsupported');
      expect(res.body.error.details).toMatchObject({ errcode: 65306, name: 'conditional_menu_unsupported', endpoint: '/cgi-bin/menu/addconditional' });
    } finally {
      await rt.close();
      await emulator.close();
    }
  });

  it('when the account has no AppSecret, then publishing answers 409 saying so', async () => {
    const rt = await startTestRuntime();
    try {
      const { appSecret: _secret, ...noSecret } = TEST_ACCOUNT;
      await rt.accounts.create(noSecret);
      await request(rt.handler).put(`${base}/draft`).set('authorization', `Bearer ${ADMIN_TOKEN}`).send(draft).expect(200);
      const res = await request(rt.handler).post(`${base}/publish?force=true`).set('authorization', `Bearer ${ADMIN_TOKEN}`);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('app_secret_missing');
    } finally {
      await rt.close();
    }
  });
});
