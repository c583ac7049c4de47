import { ManualClock } from '../../../../src/shared/clock';
import { silentLogger } from '../../../../src/shared/logger';
import { MessageLog, type LoggedMessage, type MessageRepository } from '../../../../src/modules/messages';

class FakeRepo implements MessageRepository {
  stored: LoggedMessage[] = [];
  batches = 0;
  failNext = 0;
  async insertMany(items: readonly LoggedMessage[]) {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('disk full');
    }
    this.batches += 1;
    this.stored.push(...items);
  }
  async list() {
    return { items: [...this.stored].reverse(), nextCursor: null };
  }
}

const entry = (n: number) => ({ appId: 'wx1', direction: 'in' as const, openid: `o${n}`, type: 'text', event: null, xml: `<xml><Content>${n}</Content></xml>` });

describe('MessageLog', () => {
  const setup = (maxBatch?: number) => {
    const repo = new FakeRepo();
    const log = new MessageLog({ repo, clock: new ManualClock(), logger: silentLogger, flushMs: 10_000, parseXml: (xml) => ({ parsed: xml }), maxBatch });
    return { repo, log };
  };

  it('when messages are recorded, then nothing is written until a flush, and then in one batch', async () => {
    const { repo, log } = setup();
    for (let i = 0; i < 5; i++) log.record(entry(i));
    expect(repo.stored).toHaveLength(0);
    await log.flush();
    expect(repo.batches).toBe(1);
    expect(repo.stored.map((m) => m.openid)).toEqual(['o0', 'o1', 'o2', 'o3', 'o4']);
    await log.close();
  });

  it('when ids are assigned within one millisecond, then they still sort in recording order', async () => {
    const { repo, log } = setup();
    for (let i = 0; i < 50; i++) log.record(entry(i));
    await log.close();
    const ids = repo.stored.map((m) => m.id);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(50);
  });

  it('when the store fails, then the batch is kept and written by the next flush', async () => {
    const { repo, log } = setup();
    repo.failNext = 1;
    log.record(entry(1));
    await log.flush();
    expect(repo.stored).toHaveLength(0);
    log.record(entry(2));
    await log.flush();
    expect(repo.stored.map((m) => m.openid)).toEqual(['o1', 'o2']);
    await log.close();
  });

  it('when the batch size is reached, then it flushes without waiting for the timer', async () => {
    const { repo, log } = setup(3);
    for (let i = 0; i < 3; i++) log.record(entry(i));
    await new Promise((r) => setImmediate(r));
    expect(repo.stored).toHaveLength(3);
    await log.close();
  });

  it('when the log is read, then each entry carries the raw map parsed from its XML', async () => {
    const { log } = setup();
    log.record({ appId: 'wx1', direction: 'out', openid: 'o1', type: 'text', event: null, xml: '<xml/>' });
    await log.flush();
    const page = await log.list({ appId: 'wx1', limit: 10 });
    expect(page.items[0]).toMatchObject({ openid: 'o1', raw: { parsed: '<xml/>' } });
    expect(page.items[0]).not.toHaveProperty('xml');
    await log.close();
  });
});

describe('MessageLog under a failing store', () => {
  it('when the store keeps failing, then memory stays bounded and the drop is reported', async () => {
    const repo = new FakeRepo();
    repo.failNext = Number.MAX_SAFE_INTEGER;
    const errors: unknown[] = [];
    const logger = { ...silentLogger, error: (obj: unknown) => errors.push(obj) } as unknown as typeof silentLogger;
    const log = new MessageLog({ repo, clock: new ManualClock(), logger, flushMs: 10_000, parseXml: () => ({}), maxBatch: 1_000_000 });
    for (let i = 0; i < 100_010; i++) log.record(entry(i));
    await log.flush();
    expect((log as unknown as { buffer: unknown[] }).buffer.length).toBe(100_000);
    expect(errors).toContainEqual({ dropped: 10 });
    repo.failNext = 0;
    await log.close();
    expect(repo.stored).toHaveLength(100_000);
  });
});
