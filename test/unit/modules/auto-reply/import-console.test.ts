import { autoReplyInfoFromWire } from '../../../../src/wechat-api/menu-autoreply';
import { consoleAutoReplyInfo } from '../../../fixtures/console-autoreply-info';
import { caught } from '../../../helpers/accounts';
import { APP_ID, makeService } from './service-helpers';

const consoleRules = async () => autoReplyInfoFromWire(consoleAutoReplyInfo);

describe('import of the MP console rules', () => {
  it('when converted, then keyword modes, reply modes and replies map as the console means them', async () => {
    const { service } = await makeService({ consoleRules });
    const res = await service.importFromConsole(APP_ID, { dryRun: true, mode: 'append' });
    expect(res.dryRun).toBe(true);
    expect(res.rules.map((r) => [r.name, r.trigger, r.replyMode, r.enabled])).toEqual([
      ['autoreply-news', { kind: 'keyword', keywords: [{ text: 'news测试', mode: 'contains' }] }, 'all', true],
      ['autoreply-voice', { kind: 'keyword', keywords: [{ text: 'voice测试', mode: 'contains' }] }, 'random', true],
      ['autoreply-text', { kind: 'keyword', keywords: [{ text: '1', mode: 'contains' }, { text: '你好', mode: 'exact' }] }, 'random', true],
      ['console rule 5', { kind: 'keyword', keywords: [{ text: '卡片', mode: 'exact' }] }, 'all', true],
      ['关注回复 (from the MP console)', { kind: 'subscribe' }, 'all', true],
      ['收到消息回复 (from the MP console)', { kind: 'default' }, 'all', true],
    ]);
    expect(res.rules[0]!.replies).toEqual([
      { type: 'news', articles: [{ title: "it's news", description: "it's digest", picUrl: 'http://mmbiz.qpic.cn/cover1.jpg', url: 'http://mp.weixin.qq.com/s?__biz=1' }] },
    ]);
    expect(res.rules[1]!.replies).toEqual([{ type: 'voice', mediaId: 'NESsxgHEvAcg3egJTtYj4uG1PTL6iPhratdWKDLAXYErhN6oEEfMdVyblWtBY5vp' }]);
    expect(res.rules[2]!.replies).toEqual([{ type: 'text', content: 'hello!text!' }, { type: 'image', mediaId: 'IMG_MEDIA_ID' }]);
    expect(res.rules[4]!.replies).toEqual([{ type: 'text', content: 'Thanks for your attention!' }]);
  });

  it('when something cannot be mapped, then it is reported with where it was and why, never dropped silently', async () => {
    const { service } = await makeService({ consoleRules });
    const { skipped } = await service.importFromConsole(APP_ID, { dryRun: true, mode: 'append' });
    expect(skipped.map((s) => [s.source, s.ruleName])).toEqual([
      ['keywordRules[0].replies[0]', 'autoreply-news'],
      ['keywordRules[2].replies[2]', 'autoreply-text'],
      ['keywordRules[3].replies[0]', 'autoreply-video'],
      ['keywordRules[3]', 'autoreply-video'],
      ['keywordRules[4].replies[1]', 'console rule 5'],
    ]);
    expect(skipped[0]!.reason).toMatch(/2 articles.*only the first/);
    expect(skipped[1]!.reason).toMatch(/needs a media_id/);
    expect(skipped[3]!.reason).toMatch(/rule was not imported/);
    expect(skipped[4]!.reason).toMatch(/"miniprogrampage" has no equivalent/);
  });

  it('when the console switches are off, then the imported rules are disabled', async () => {
    const off = { ...consoleAutoReplyInfo, is_add_friend_reply_open: 0, is_autoreply_open: 0 };
    const { service } = await makeService({ consoleRules: async () => autoReplyInfoFromWire(off) });
    const { rules } = await service.importFromConsole(APP_ID, { dryRun: true, mode: 'append' });
    expect(rules.every((r) => !r.enabled)).toBe(true);
  });

  it('when not a dry run, then the converted rules are saved and answer messages as in the console', async () => {
    const { service } = await makeService({ consoleRules });
    const res = await service.importFromConsole(APP_ID, { dryRun: false, mode: 'replace' });
    expect(res).toMatchObject({ dryRun: false, created: 6, total: 6 });
    expect((await service.list(APP_ID)).map((r) => r.name)).toHaveLength(6);
    // 全匹配: "你好" alone matches, "你好吗" does not (it contains no "1" either, so the default answers).
    expect((await service.test(APP_ID, { message: { type: 'text', content: '你好' } })).matched?.name).toBe('autoreply-text');
    expect((await service.test(APP_ID, { message: { type: 'text', content: '你好吗' } })).matched).toMatchObject({ default: true });
    expect((await service.test(APP_ID, { message: { type: 'event', event: 'subscribe' } })).passiveReplyXml).toContain('Thanks for your attention!');
  });

  it('when the account has no AppSecret (no API client), then it is a 409 that says so', async () => {
    const { service } = await makeService({ consoleRules: async () => null });
    expect(await caught(service.importFromConsole(APP_ID, { dryRun: true, mode: 'append' }))).toMatchObject({ status: 409, code: 'app_secret_missing' });
  });
});
