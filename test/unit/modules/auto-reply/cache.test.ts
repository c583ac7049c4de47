import type { AutoReplyRule, CompiledRules } from '../../../../src/modules/auto-reply';
import { ALL_ACCOUNTS, compileRules, MemoryAutoReplyRuleRepository, MemoryCooldownStore, MemoryRuleChangeBus, RulesCache } from '../../../../src/modules/auto-reply';
import { ManualClock } from '../../../../src/shared/clock';

const A = 'wx1234567890abcdef';
const B = 'wxfedcba0987654321';

const rule = (id: string, appId = A): AutoReplyRule => ({
  id, appId, name: id, trigger: { kind: 'click', key: id }, replies: [{ type: 'text', content: id }], replyMode: 'all',
  priority: 0, enabled: true, activeWindows: [], cooldownMinutes: 0, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
});

/** A compile that records what it was given, so tests see when and from what the cache rebuilt. */
function setup() {
  const repo = new MemoryAutoReplyRuleRepository();
  const bus = new MemoryRuleChangeBus();
  const builds: string[][] = [];
  const compile = (rules: readonly AutoReplyRule[]): CompiledRules => {
    builds.push(rules.map((r) => r.id));
    return { size: rules.length, match: () => null, defaultRule: () => null };
  };
  return { repo, bus, builds, start: () => RulesCache.start({ repo, bus, compile }) };
}

describe('RulesCache', () => {
  it('when an account is asked for twice, then its rules are compiled once (lazily, on first use)', async () => {
    const { repo, builds, start } = setup();
    await repo.save(rule('r1'));
    const cache = await start();
    expect(builds).toEqual([]);
    expect(cache.peek(A)).toBeUndefined();
    const first = await cache.compiledFor(A);
    expect(await cache.compiledFor(A)).toBe(first);
    expect(cache.peek(A)).toBe(first);
    expect(builds).toEqual([['r1']]);
  });

  it('when many messages arrive at once before the first build, then they share one build', async () => {
    const { repo, builds, start } = setup();
    await repo.save(rule('r1'));
    const cache = await start();
    const all = await Promise.all([cache.compiledFor(A), cache.compiledFor(A), cache.compiledFor(A)]);
    expect(new Set(all).size).toBe(1);
    expect(builds).toHaveLength(1);
  });

  it("when the bus says an account changed, then only that account's copy is dropped and the next use sees the new rules", async () => {
    const { repo, bus, builds, start } = setup();
    await repo.save(rule('r1'));
    await repo.save(rule('b1', B));
    const cache = await start();
    await cache.compiledFor(A);
    const b = await cache.compiledFor(B);
    await repo.save(rule('r2'));
    await bus.publish(A);
    expect(cache.peek(A)).toBeUndefined();
    expect(cache.peek(B)).toBe(b);
    expect((await cache.compiledFor(A)).size).toBe(2);
    expect(builds).toEqual([['r1'], ['b1'], ['r1', 'r2']]);
  });

  it('when a change lands while a build is still reading the store, then the stale build is not kept', async () => {
    const { repo, bus, start } = setup();
    await repo.save(rule('r1'));
    const cache = await start();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const list = repo.listByAccount.bind(repo);
    const before = await list(A);
    // The first read returns the old rules, but only after the change below has happened.
    let reads = 0;
    repo.listByAccount = async (appId) => {
      if (reads++ > 0) return list(appId);
      await gate;
      return before;
    };
    const stale = cache.compiledFor(A);
    await repo.save(rule('r2'));
    await bus.publish(A);
    release();
    expect((await stale).size).toBe(1);
    expect(cache.peek(A)).toBeUndefined();
    expect((await cache.compiledFor(A)).size).toBe(2);
  });

  it('when the bus says every account (after a lost subscription), then every copy is dropped', async () => {
    const { repo, bus, start } = setup();
    await repo.save(rule('r1'));
    const cache = await start();
    await cache.compiledFor(A);
    await cache.compiledFor(B);
    expect(cache.size).toBe(2);
    await bus.publish(ALL_ACCOUNTS);
    expect(cache.size).toBe(0);
  });

  it('when a build fails, then the error reaches the caller and the next use tries again', async () => {
    const { repo, start } = setup();
    const cache = await start();
    const list = repo.listByAccount.bind(repo);
    repo.listByAccount = async () => {
      throw new Error('store down');
    };
    await expect(cache.compiledFor(A)).rejects.toThrow('store down');
    repo.listByAccount = list;
    expect((await cache.compiledFor(A)).size).toBe(0);
  });
});

describe('MemoryCooldownStore', () => {
  it('when the same follower asks again within the cool-down, then only the first take succeeds, and again once it has passed', async () => {
    const clock = new ManualClock();
    const store = new MemoryCooldownStore(clock);
    expect(await store.take('a:o1', 60)).toBe(true);
    expect(await store.take('a:o1', 60)).toBe(false);
    expect(await store.take('a:o2', 60)).toBe(true);
    clock.advance(59_999);
    expect(await store.take('a:o1', 60)).toBe(false);
    clock.advance(1);
    expect(await store.take('a:o1', 60)).toBe(true);
  });

  it('when the cool-down is 0, then every take succeeds', async () => {
    const store = new MemoryCooldownStore(new ManualClock());
    expect([await store.take('k', 0), await store.take('k', 0)]).toEqual([true, true]);
  });
});

describe('RulesCache.revalidate', () => {
  it('when the store changed behind the bus, then the stale copy is dropped; when it did not, it is kept', async () => {
    const repo = new MemoryAutoReplyRuleRepository();
    const cache = await RulesCache.start({ repo, bus: new MemoryRuleChangeBus(), compile: compileRules });
    await cache.compiledFor('wx1');
    await cache.revalidate();
    expect(cache.peek('wx1')).toBeDefined();
    await repo.save({
      id: 'r1', appId: 'wx1', name: 'n', trigger: { kind: 'default' }, replies: [{ type: 'text', content: 'x' }], replyMode: 'all',
      priority: 0, enabled: true, activeWindows: [], cooldownMinutes: 0, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await cache.revalidate();
    expect(cache.peek('wx1')).toBeUndefined();
    expect((await cache.compiledFor('wx1')).size).toBe(1);
  });
});
