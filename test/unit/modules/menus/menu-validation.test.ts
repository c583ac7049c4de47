import { checkDraft, parseDraft } from '../../../../src/modules/menus';
import { caught } from '../../../helpers/accounts';

const click = (name: string, key = 'K') => ({ type: 'click', name, key });
const view = (name: string, url = 'https://example.com/') => ({ type: 'view', name, url });
const errorsOf = (input: unknown) => checkDraft(input).errors;
const fieldsOf = (input: unknown) => errorsOf(input).map((e) => e.field);
/** One problem expected at `field`; returns its message. */
function only(input: unknown, field: string): string {
  const errors = errorsOf(input);
  expect(errors.map((e) => e.field)).toEqual([field]);
  return errors[0]!.message;
}

describe('menu draft validation: counts and depth', () => {
  it('when a draft has 1 to 3 buttons with 1 to 5 sub-buttons each, then it is valid and comes back normalized', () => {
    const input = { buttons: [click('A'), { name: 'B', subButtons: [1, 2, 3, 4, 5].map((i) => click(`b${i}`, `K${i}`)) }, view('C')] };
    const { draft, errors } = checkDraft(input);
    expect(errors).toEqual([]);
    expect(draft).toEqual({ ...input, conditionalMenus: [] });
  });

  it('when there are 4 top-level buttons, then buttons says so with 40016', () => {
    expect(only({ buttons: [click('A'), click('B'), click('C'), click('D')] }, 'buttons')).toMatch(/has 4 buttons; WeChat allows 3 .*40016/);
  });

  it('when there are no buttons, then buttons is empty is the problem', () => {
    expect(only({ buttons: [] }, 'buttons')).toMatch(/is empty/);
  });

  it('when a sub-menu has 6 or 0 buttons, then its subButtons is pointed at with 40023', () => {
    const six = { name: 'P', subButtons: [1, 2, 3, 4, 5, 6].map((i) => click(`s${i}`)) };
    expect(only({ buttons: [six] }, 'buttons[0].subButtons')).toMatch(/has 6 buttons; WeChat allows 5 in a sub-menu \(40023\)/);
    expect(only({ buttons: [click('A'), { name: 'P', subButtons: [] }] }, 'buttons[1].subButtons')).toMatch(/is empty/);
  });

  it('when a sub-button has its own sub-buttons, then the second level is refused (40022)', () => {
    const input = { buttons: [{ name: 'P', subButtons: [{ name: 'Q', subButtons: [click('x')] }] }] };
    expect(only(input, 'buttons[0].subButtons[0].subButtons')).toMatch(/one level deep.*40022/);
  });

  it('when a button has both a type and sub-buttons, then its type is pointed at', () => {
    const input = { buttons: [{ type: 'click', key: 'K', name: 'P', subButtons: [click('x')] }] };
    expect(fieldsOf(input)).toEqual(['buttons[0].type', 'buttons[0].key']);
  });
});

describe('menu draft validation: byte lengths (UTF-8)', () => {
  it('when a top-level name is 5 CJK characters (15 bytes), then it is valid; 6 (18 bytes) is not', () => {
    expect(errorsOf({ buttons: [click('今日歌曲好')] })).toEqual([]);
    expect(only({ buttons: [click('今日歌曲好听')] }, 'buttons[0].name')).toBe('is 18 bytes; WeChat allows 16 at the top level (40018; a Chinese character is 3 bytes)');
  });

  it('when a sub-button name is 20 CJK characters (60 bytes), then it is valid; 21 is not, pointing at the sub-button', () => {
    const name = (n: number) => '菜'.repeat(n);
    expect(errorsOf({ buttons: [{ name: 'P', subButtons: [click(name(20))] }] })).toEqual([]);
    const input = { buttons: [click('A'), { name: 'P', subButtons: [click('a'), click('b'), click('c'), click(name(21))] }] };
    expect(only(input, 'buttons[1].subButtons[3].name')).toMatch(/^is 63 bytes; WeChat allows 60 in a sub-menu \(40025/);
  });

  it('when a parent name is 17 ASCII bytes, then the parent name is refused like any top-level name', () => {
    expect(only({ buttons: [{ name: 'abcdefghijklmnopq', subButtons: [click('x')] }] }, 'buttons[0].name')).toMatch(/17 bytes; WeChat allows 16/);
  });

  it('when a key is 129 bytes or a url 1025 bytes, then each is refused with its limit; 128 and 1024 pass', () => {
    const url = (n: number) => 'https://e.com/' + 'a'.repeat(n - 14);
    expect(errorsOf({ buttons: [click('A', 'k'.repeat(128)), view('B', url(1024))] })).toEqual([]);
    const errors = errorsOf({ buttons: [click('A', '键'.repeat(43)), { name: 'P', subButtons: [view('B', url(1025))] }] });
    expect(errors).toEqual([
      { field: 'buttons[0].key', message: 'is 129 bytes; WeChat allows 128 (40019)' },
      { field: 'buttons[1].subButtons[0].url', message: 'is 1025 bytes; WeChat allows 1024 (40027)' },
    ]);
  });

  it('when a name is blank or missing, then it is refused', () => {
    expect(only({ buttons: [click('  ')] }, 'buttons[0].name')).toBe('must not be blank');
    expect(only({ buttons: [{ type: 'click', key: 'K' }] }, 'buttons[0].name')).toBe('is required');
  });
});

describe("menu draft validation: each type's fields", () => {
  it.each([
    [{ type: 'click', name: 'a' }, ['key']],
    [{ type: 'scancode_waitmsg', name: 'a' }, ['key']],
    [{ type: 'location_select', name: 'a' }, ['key']],
    [{ type: 'view', name: 'a' }, ['url']],
    [{ type: 'miniprogram', name: 'a' }, ['url', 'appId', 'pagePath']],
    [{ type: 'miniprogram', name: 'a', url: 'https://e.com' }, ['appId', 'pagePath']],
    [{ type: 'media_id', name: 'a' }, ['mediaId']],
    [{ type: 'view_limited', name: 'a' }, ['mediaId']],
    [{ type: 'article_id', name: 'a' }, ['articleId']],
    [{ type: 'article_view_limited', name: 'a' }, ['articleId']],
  ])('when %j lacks its required fields, then exactly those are named', (button, missing) => {
    const errors = errorsOf({ buttons: [button] });
    expect(errors.map((e) => e.field)).toEqual(missing.map((f) => `buttons[0].${f}`));
    for (const e of errors) expect(e.message).toBe(`is required for a ${button.type} button`);
  });

  it('when a button has no type or an unknown one, then the type is pointed at with the list of types', () => {
    expect(only({ buttons: [{ name: 'a', key: 'K' }] }, 'buttons[0].type')).toMatch(/is required \(one of: click, .*article_view_limited\)/);
    expect(fieldsOf({ buttons: [{ type: 'text', name: 'a' }] })).toEqual(['buttons[0].type']);
  });

  it('when a button carries a field its type does not use, then that field is flagged', () => {
    expect(only({ buttons: [{ ...click('a'), url: 'https://e.com' }] }, 'buttons[0].url')).toBe('is not used by a click button');
    expect(only({ buttons: [{ ...click('a'), colour: 'red' }] }, 'buttons[0].colour')).toBe('is not a button field');
  });

  it('when a view url is not http(s), then it is refused before WeChat would', () => {
    expect(only({ buttons: [view('a', 'javascript:alert(1)')] }, 'buttons[0].url')).toMatch(/http:\/\/ or https:\/\//);
  });
});

describe('menu draft validation: conditional menus', () => {
  const defaultMenu = [click('A')];

  it('when a conditional menu matches a tag and a platform, then it is valid and the tag id becomes a string', () => {
    const { draft } = checkDraft({ buttons: defaultMenu, conditionalMenus: [{ matchRule: { tagId: 100, clientPlatformType: 'ios' }, buttons: [click('B')] }] });
    expect(draft?.conditionalMenus[0]?.matchRule).toEqual({ tagId: '100', clientPlatformType: 'ios' });
  });

  it('when a match rule uses sex or city, then each is refused citing 65320', () => {
    const input = { buttons: defaultMenu, conditionalMenus: [{ matchRule: { tagId: '1', sex: '1', city: '广州' }, buttons: [click('B')] }] };
    const errors = errorsOf(input);
    expect(errors.map((e) => e.field)).toEqual(['conditionalMenus[0].matchRule.sex', 'conditionalMenus[0].matchRule.city']);
    for (const e of errors) expect(e.message).toMatch(/retired.*65320/);
  });

  it('when a match rule is empty or missing, then it is refused citing 65304', () => {
    expect(only({ buttons: defaultMenu, conditionalMenus: [{ matchRule: {}, buttons: [click('B')] }] }, 'conditionalMenus[0].matchRule')).toMatch(/65304/);
    expect(only({ buttons: defaultMenu, conditionalMenus: [{ buttons: [click('B')] }] }, 'conditionalMenus[0].matchRule')).toMatch(/65304/);
  });

  it('when the platform is not ios/android/others, then it is refused', () => {
    expect(only({ buttons: defaultMenu, conditionalMenus: [{ matchRule: { clientPlatformType: 'windows' }, buttons: [click('B')] }] }, 'conditionalMenus[0].matchRule.clientPlatformType')).toBe(
      'must be one of: ios, android, others',
    );
  });

  it('when conditional menus exist without a default menu, then buttons is refused citing 65303', () => {
    expect(only({ conditionalMenus: [{ matchRule: { tagId: '1' }, buttons: [click('B')] }] }, 'buttons')).toMatch(/need a default menu.*65303/);
    expect(only({ buttons: [], conditionalMenus: [{ matchRule: { tagId: '1' }, buttons: [click('B')] }] }, 'buttons')).toMatch(/65303/);
  });

  it('when conditional menus link to 4 domains, then they are refused citing 65316; the default menu does not count', () => {
    const menu = (tag: string, hosts: string[]) => ({ matchRule: { tagId: tag }, buttons: hosts.map((h, i) => view(`v${i}`, `https://${h}/x`)) });
    const ok = { buttons: [view('d', 'https://d.com')], conditionalMenus: [menu('1', ['a.com', 'b.com']), menu('2', ['c.com', 'A.com'])] };
    expect(errorsOf(ok)).toEqual([]);
    const tooMany = { ...ok, conditionalMenus: [...ok.conditionalMenus, menu('3', ['e.com'])] };
    expect(only(tooMany, 'conditionalMenus')).toBe('send followers to 4 domains (a.com, b.com, c.com, e.com); WeChat allows 3 across all conditional menus (65316)');
  });
});

describe('menu draft validation: every problem at once', () => {
  it('when a draft breaks many rules, then all are reported together, each pointing at its field', () => {
    const input = {
      buttons: [
        click('今日歌曲好听吗', ''),
        { name: 'P', subButtons: [view('ok'), { type: 'miniprogram', name: 'm', url: 'https://e.com' }, { name: 'Q', subButtons: [] }] },
        { type: 'bogus', name: 'x' },
        click('D'),
      ],
      conditionalMenus: [{ matchRule: { language: 'zh_CN' }, buttons: [{ type: 'media_id', name: 'n' }] }],
      extra: true,
    };
    expect(fieldsOf(input)).toEqual([
      'extra',
      'buttons',
      'buttons[0].name',
      'buttons[0].key',
      'buttons[1].subButtons[1].appId',
      'buttons[1].subButtons[1].pagePath',
      'buttons[1].subButtons[2].subButtons',
      'buttons[2].type',
      'conditionalMenus[0].matchRule.language',
      'conditionalMenus[0].buttons[0].mediaId',
    ]);
  });

  it('when parseDraft meets an invalid draft, then it throws a 400 ValidationError carrying every problem', async () => {
    const err = await caught(() => parseDraft({ buttons: [click(''), view('v', '')] }));
    expect(err.status).toBe(400);
    expect(err.code).toBe('validation_failed');
    expect(err.details).toEqual([
      { field: 'buttons[0].name', message: 'must not be blank' },
      { field: 'buttons[1].url', message: 'is required for a view button' },
    ]);
  });

  it('when the input is not an object, then (input) is the problem', () => {
    expect(fieldsOf([click('a')])).toEqual(['(input)']);
  });
});
