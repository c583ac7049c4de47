import { diffMenus, parseDraft, type MenuDraft } from '../../../../src/modules/menus';
import type { MenuConfig } from '../../../../src/wechat-api/menu-types';

const draft: MenuDraft = parseDraft({
  buttons: [
    { type: 'click', name: '帮助', key: 'HELP' },
    { name: '服务', subButtons: [{ type: 'view', name: '官网', url: 'https://e.com' }, { type: 'click', name: '客服', key: 'KF' }] },
  ],
  conditionalMenus: [{ matchRule: { tagId: '2' }, buttons: [{ type: 'click', name: 'VIP', key: 'VIP' }] }],
});

/** The live menu as menu/get would return the draft once published. */
const published = (d: MenuDraft): MenuConfig => ({
  menu: { menuId: '1', buttons: structuredClone(d.buttons) },
  conditionalMenus: d.conditionalMenus.map((m, i) => ({ menuId: String(10 + i), matchRule: { ...m.matchRule }, buttons: structuredClone(m.buttons) })),
});

describe('menu diff', () => {
  it('when the live menu is the published draft, then there is no drift', () => {
    expect(diffMenus(draft, published(draft))).toEqual({ inSync: true, changes: [] });
  });

  it('when there is no live menu, then every draft button and conditional menu is added', () => {
    const diff = diffMenus(draft, null);
    expect(diff.inSync).toBe(false);
    expect(diff.changes.map((c) => `${c.change} ${c.path}`)).toEqual(['added buttons[0]', 'added buttons[1]', 'added conditionalMenus[0]']);
  });

  it('when a sub-button key and a top-level name changed live, then each is reported by path with the fields that differ', () => {
    const live = published(draft);
    const parent = live.menu.buttons[1] as { name: string; subButtons: Array<{ key?: string }> };
    parent.subButtons[1]!.key = 'OTHER';
    (live.menu.buttons[0] as { name: string }).name = '旧名';
    const diff = diffMenus(draft, live);
    expect(diff.changes).toEqual([
      { path: 'buttons[0]', change: 'changed', fields: ['name'], draft: draft.buttons[0], live: live.menu.buttons[0] },
      { path: 'buttons[1].subButtons[1]', change: 'changed', fields: ['key'], draft: { type: 'click', name: '客服', key: 'KF' }, live: { type: 'click', name: '客服', key: 'OTHER' } },
    ]);
  });

  it('when the live menu has an extra sub-button and a button became a parent, then removed and changed are told apart', () => {
    const live = published(draft);
    (live.menu.buttons[1] as { subButtons: unknown[] }).subButtons.push({ type: 'click', name: 'x', key: 'X' });
    live.menu.buttons[0] = { name: '帮助', subButtons: [{ type: 'click', name: 'h', key: 'HELP' }] };
    const diff = diffMenus(draft, live);
    expect(diff.changes.map((c) => [c.change, c.path, c.fields])).toEqual([
      ['changed', 'buttons[0]', ['key', 'subButtons', 'type']],
      ['removed', 'buttons[1].subButtons[2]', undefined],
    ]);
  });

  it('when a live conditional menu has another match rule, then the draft one is added and the live one removed', () => {
    const live = published(draft);
    live.conditionalMenus[0]!.matchRule = { tagId: '3' };
    const diff = diffMenus(draft, live);
    expect(diff.changes.map((c) => [c.change, c.path, c.matchRule])).toEqual([
      ['added', 'conditionalMenus[0]', { tagId: '2' }],
      ['removed', 'live.conditionalMenus[0]', { tagId: '3' }],
    ]);
  });

  it('when a conditional menu button changed, then the change carries the menu match rule', () => {
    const live = published(draft);
    (live.conditionalMenus[0]!.buttons[0] as { name: string }).name = 'VIP2';
    expect(diffMenus(draft, live).changes).toEqual([
      expect.objectContaining({ path: 'conditionalMenus[0].buttons[0]', change: 'changed', fields: ['name'], matchRule: { tagId: '2' } }),
    ]);
  });
});
