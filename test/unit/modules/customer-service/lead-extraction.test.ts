import fc from 'fast-check';
import { findContacts, type FoundContact } from '../../../../src/modules/customer-service/lead-extraction';

const mobile = (value: string): FoundContact => ({ kind: 'mobile', value });
const landline = (value: string): FoundContact => ({ kind: 'landline', value });
const email = (value: string): FoundContact => ({ kind: 'email', value });
const wechat = (value: string): FoundContact => ({ kind: 'wechat_id', value });
const qq = (value: string): FoundContact => ({ kind: 'qq', value });

describe('findContacts', () => {
  const found: Array<[string, string, FoundContact[]]> = [
    ['a bare mobile', '我的手机13800138000，谢谢', [mobile('13800138000')]],
    ['a mobile in 3-4-4 groups with spaces', '电话：138 0013 8000', [mobile('13800138000')]],
    ['a mobile in 3-4-4 groups with dashes', '打138-0013-8000找我', [mobile('13800138000')]],
    ['a mobile after +86 and a space', '+86 139 1234 5678', [mobile('13912345678')]],
    ['a mobile glued to +86', '+8615012345678', [mobile('15012345678')]],
    ['a mobile after 0086-', '0086-18612345678', [mobile('18612345678')]],
    ['a mobile glued to 86', '号码8617712345678', [mobile('17712345678')]],
    ['a mobile after (+86)', '(+86)19912345678', [mobile('19912345678')]],
    ['a mobile in full-width digits', '手机１３８００１３８０００', [mobile('13800138000')]],
    ['a full-width +86 and spaces', '＋８６　１３８　００１３　８０００', [mobile('13800138000')]],
    ['two mobiles separated by a comma', '13800138000,13900139000', [mobile('13800138000'), mobile('13900139000')]],
    ['a Beijing landline with a dash', '座机010-12345678', [landline('01012345678')]],
    ['a Shenzhen landline in spaced groups', '0755 8888 9999', [landline('075588889999')]],
    ['a landline with its area code in brackets, 7 digits', '(021)6543210', [landline('0216543210')]],
    ['an e-mail, lower-cased', '邮箱 Zhang.San@Example.COM 谢谢', [email('zhang.san@example.com')]],
    ['a full-width e-mail', 'ｌｅｅ＠ｑｑ．ｃｏｍ', [email('lee@qq.com')]],
    ['a WeChat ID after 微信：', '微信：zhang_san88', [wechat('zhang_san88')]],
    ['a WeChat ID after 微信号 and a space', '微信号 abc-123456', [wechat('abc-123456')]],
    ['a WeChat ID after vx:', 'vx: Li_Si_2026', [wechat('Li_Si_2026')]],
    ['a WeChat ID glued to V信', '加我V信wangwu666', [wechat('wangwu666')]],
    ['a WeChat ID after wx and a space', 'wx zhaoliu_9', [wechat('zhaoliu_9')]],
    ['a WeChat ID after 微信是', '我微信是 hello_world1', [wechat('hello_world1')]],
    ['a QQ number after QQ：', 'QQ：12345678', [qq('12345678')]],
    ['a QQ number after 扣扣', '扣扣 987654321', [qq('987654321')]],
    ['a 5-digit QQ number after qq号', 'qq号10001', [qq('10001')]],
    ['an 11-digit number the follower calls QQ: a QQ number only', 'QQ 13800138000', [qq('13800138000')]],
    ['a mobile used as the e-mail name: the e-mail only', '13800138000@163.com', [email('13800138000@163.com')]],
    ['several kinds, in order of appearance', '邮箱a@b.cn 微信 hello_world1 手机 13800138000', [email('a@b.cn'), wechat('hello_world1'), mobile('13800138000')]],
    ['one mobile written twice in two ways: once', '13800138000 或 138-0013-8000', [mobile('13800138000')]],
  ];

  const nothing: Array<[string, string]> = [
    ['an order number longer than 11 digits', '订单号 202611271234567'],
    ['a mobile-like run inside a longer digit run', '订单号 13800138000123'],
    ['a mobile-like run after a leading digit', '单号12138001380001'],
    ['an amount', '金额 13800.00 元'],
    ['a mobile-like run with decimals', '共13800138000.50元'],
    ['a price after a currency sign', '价格¥13800138000'],
    ['a date and a time', '2026-11-27 14:30 到店'],
    ['a compact date and time', '20261127 1380'],
    ['11 digits not starting 1[3-9]', '12345678901'],
    ['10 digits', '1380013800'],
    ['12 digits', '138001380001'],
    ['digit groups of a bank card', '卡号 6222 0213 8001 3800 0'],
    ['a mobile-like run joined to more digits by a dash', '编号 2026-13800138000'],
    ['a WeChat ID too short', '微信 abc12'],
    ['a WeChat ID starting with a digit', '微信 1abcdef'],
    ['a WeChat ID longer than 20 characters', '微信 abcdefghijklmnopqrstu'],
    ['wx glued to letters (wxid_…)', 'wxid_abcdefgh'],
    ['a QQ group, not a QQ number', 'QQ群 123456'],
    ['a QQ number too short', 'QQ 1234'],
    ['a QQ number starting with 0', 'QQ 012345'],
    ['an unfinished e-mail', '邮箱是 abc@'],
    ['a version number', '版本 v1.3.8'],
  ];

  it.each(found)('when the text has %s, then that contact is found', (_what, text, expected) => {
    expect(findContacts(text)).toEqual(expected);
  });

  it.each(nothing)('when the text has %s, then nothing is found', (_what, text) => {
    expect(findContacts(text)).toEqual([]);
  });

  it('when a long message is a run that almost matches, then it is scanned in linear time, not quadratic', () => {
    const runs = ['a'.repeat(20_000), '1'.repeat(20_000), 'QQ'.repeat(10_000), `x@${'a-'.repeat(10_000)}`, `a@${'a.'.repeat(10_000)}`];
    for (const text of runs) {
      const started = process.hrtime.bigint();
      expect(findContacts(text)).toEqual([]);
      expect([text.slice(0, 4), Number(process.hrtime.bigint() - started) / 1e6 < 100]).toEqual([text.slice(0, 4), true]);
    }
  });

  // CJK text without 扣 (扣扣 would introduce a QQ number) around a generated number.
  const cjk = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).filter((c) => c !== 0x6263).map((c) => String.fromCharCode(c)), maxLength: 12 });
  const validMobile = fc.tuple(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/)).map(([second, rest]) => `1${second}${rest}`);
  const written = (digits: string, style: number): string => {
    const groups = `${digits.slice(0, 3)}|${digits.slice(3, 7)}|${digits.slice(7)}`;
    const fullWidth = (s: string): string => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    return [digits, groups.replace(/\|/g, ' '), groups.replace(/\|/g, '-'), `+86${digits}`, `0086 ${digits}`, fullWidth(digits)][style]!;
  };

  it('when any valid mobile, written any accepted way, sits in random CJK text, then it is found exactly once', () => {
    fc.assert(fc.property(cjk, validMobile, fc.integer({ min: 0, max: 5 }), cjk, (before, digits, style, after) => {
      expect(findContacts(`${before}${written(digits, style)}${after}`)).toEqual([mobile(digits)]);
    }), { numRuns: 500 });
  });

  it('when the same mobile appears twice, written two ways, then it is found once', () => {
    fc.assert(fc.property(cjk, validMobile, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), (between, digits, a, b) => {
      expect(findContacts(`${written(digits, a)}${between}。${written(digits, b)}`)).toEqual([mobile(digits)]);
    }));
  });
});
