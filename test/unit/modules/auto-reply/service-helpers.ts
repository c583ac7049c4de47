import { MemoryAutoReplyRuleRepository, MemoryRuleChangeBus, RulesCache, compileRules, AutoReplyService, type AutoReplyServiceDeps } from '../../../../src/modules/auto-reply';
import { ManualClock } from '../../../../src/shared/clock';

export const APP_ID = 'wx1234567890abcdef';
export const OTHER_APP_ID = 'wxfedcba0987654321';

export const account = { appId: APP_ID, name: '测试公众号', originalId: 'gh_0123456789ab', timeZone: 'Asia/Shanghai' };

/** A keyword rule as an operator sends it. */
export function keywordRule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '价格',
    trigger: { kind: 'keyword', keywords: [{ text: '价格', mode: 'contains' }] },
    replies: [{ type: 'text', content: '¥99' }],
    ...overrides,
  };
}

/** The service over in-memory adapters, the real engine and validation, and a manual clock. */
export async function makeService(overrides: Partial<AutoReplyServiceDeps> = {}) {
  const repo = new MemoryAutoReplyRuleRepository();
  const bus = new MemoryRuleChangeBus();
  const published: string[] = [];
  await bus.subscribe((appId) => published.push(appId));
  const cache = await RulesCache.start({ repo, bus, compile: compileRules });
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 4, 0, 0)); // Monday 12:00 in Shanghai
  const accounts = new Map([[APP_ID, account], [OTHER_APP_ID, { ...account, appId: OTHER_APP_ID }]]);
  const service = new AutoReplyService({
    repo, bus, cache, clock, account: async (appId) => accounts.get(appId) ?? null, random: () => 0, ...overrides,
  });
  return { service, repo, bus, cache, clock, published };
}
