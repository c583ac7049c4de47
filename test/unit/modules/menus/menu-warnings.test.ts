import { answersFromRules, displayColumns, draftWarnings, parseDraft, type RuleTriggerView } from '../../../../src/modules/menus';

const draft = parseDraft({
  buttons: [
    { type: 'click', name: '帮助', key: 'HELP' },
    { name: '服务', subButtons: [{ type: 'scancode_waitmsg', name: '扫码', key: 'SCAN' }, { type: 'view', name: '官网', url: 'https://e.com' }] },
  ],
  conditionalMenus: [{ matchRule: { tagId: '2' }, buttons: [{ type: 'click', name: 'VIP', key: 'VIP' }] }],
});

const rule = (trigger: RuleTriggerView['trigger'], enabled = true): RuleTriggerView => ({ enabled, trigger });

describe('menu warnings: buttons without a rule', () => {
  it('when no rule answers a click or scancode key, then each such button is flagged at its key', () => {
    const warnings = draftWarnings(draft, answersFromRules([rule({ kind: 'click', key: 'HELP' })]));
    expect(warnings.filter((w) => w.code === 'button_without_rule').map((w) => w.field)).toEqual([
      'buttons[1].subButtons[0].key',
      'conditionalMenus[0].buttons[0].key',
    ]);
  });

  it('when an event rule names the button type (with its key, or none for every key), then the button counts as answered', () => {
    const answers = answersFromRules([rule({ kind: 'click', key: 'HELP' }), rule({ kind: 'click', key: 'VIP' }), rule({ kind: 'event', event: 'scancode_waitmsg' })]);
    expect(draftWarnings(draft, answers).filter((w) => w.code === 'button_without_rule')).toEqual([]);
    expect(answersFromRules([rule({ kind: 'event', event: 'scancode_waitmsg', key: 'OTHER' })])('scancode_waitmsg', 'SCAN')).toBe(false);
  });

  it('when the only rule for a key is disabled, then the button is still flagged', () => {
    expect(answersFromRules([rule({ kind: 'click', key: 'HELP' }, false)])('click', 'HELP')).toBe(false);
  });

  it('when no rule lookup is wired, then no button is flagged for rules', () => {
    expect(draftWarnings(draft, null).some((w) => w.code === 'button_without_rule')).toBe(false);
  });
});

describe('menu warnings: names phones cut off', () => {
  it('when a top-level name has 5 CJK characters (legal at 15 bytes), then it is flagged; 4 are not', () => {
    const warnings = draftWarnings(parseDraft({ buttons: [{ type: 'click', name: '今日新歌曲', key: 'K' }, { type: 'click', name: '今日歌曲', key: 'L' }] }), null);
    expect(warnings).toEqual([{ field: 'buttons[0].name', code: 'name_may_truncate', message: expect.stringContaining('about 4 Chinese characters') }]);
  });

  it('when a sub-button name has 8 CJK characters, then it is flagged; 7 are not', () => {
    const sub = (name: string) => parseDraft({ buttons: [{ name: 'P', subButtons: [{ type: 'click', name, key: 'K' }] }] });
    expect(draftWarnings(sub('一二三四五六七八'), null).map((w) => w.field)).toEqual(['buttons[0].subButtons[0].name']);
    expect(draftWarnings(sub('一二三四五六七'), null)).toEqual([]);
  });

  it('when measuring, then CJK and full-width characters take two columns and Latin one', () => {
    expect(displayColumns('About us')).toBe(8);
    expect(displayColumns('关于ＡB')).toBe(7);
  });
});
