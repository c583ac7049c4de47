import { MemoryDedupStore, OnceGate, type DedupStore } from '../../../../src/modules/webhook';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('OnceGate', () => {
  it('when three callers race on one key, then the work runs once and all get its body', async () => {
    const gate = new OnceGate(new MemoryDedupStore(), 60, 1000);
    let runs = 0;
    const work = async () => {
      runs += 1;
      await tick(30);
      return `body ${runs}`;
    };
    const results = await Promise.all([gate.run('k', work, 'success'), gate.run('k', work, 'success'), gate.run('k', work, 'success')]);
    expect(runs).toBe(1);
    expect(results.map((r) => r.body)).toEqual(['body 1', 'body 1', 'body 1']);
    expect(results.map((r) => r.duplicate)).toEqual([false, true, true]);
  });

  it('when a caller comes after the work finished, then it gets the stored body without running it', async () => {
    const gate = new OnceGate(new MemoryDedupStore(), 60, 1000);
    await gate.run('k', async () => 'first', 'success');
    const again = await gate.run('k', async () => 'second', 'success');
    expect(again).toEqual({ body: 'first', duplicate: true });
  });

  it('when another instance holds the claim and finishes, then this one polls and returns its body', async () => {
    const shared = new MemoryDedupStore();
    const elsewhere = new OnceGate(shared, 60, 1000);
    const here = new OnceGate(shared, 60, 1000, 5);
    const first = elsewhere.run('k', async () => (await tick(40), 'theirs'), 'success');
    await tick(5);
    const mine = await here.run('k', async () => 'mine', 'success');
    expect(mine).toEqual({ body: 'theirs', duplicate: true });
    await first;
  });

  it('when the first instance never finishes, then a duplicate answers the fallback after the wait', async () => {
    const stuck: DedupStore = { claim: async () => false, complete: async () => {}, result: async () => null };
    const gate = new OnceGate(stuck, 60, 50, 5);
    const started = Date.now();
    expect(await gate.run('k', async () => 'never', 'success')).toEqual({ body: 'success', duplicate: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('when different keys arrive, then each runs its own work', async () => {
    const gate = new OnceGate(new MemoryDedupStore(), 60, 1000);
    const bodies = await Promise.all(['a', 'b'].map((k) => gate.run(k, async () => k, 'success')));
    expect(bodies.map((b) => b.body)).toEqual(['a', 'b']);
  });
});
