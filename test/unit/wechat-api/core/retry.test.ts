import { backoffDelay, retryPolicy, withRetry } from '../../../../src/wechat-api/retry';

/** A policy whose sleeps are recorded instead of waited and whose jitter is a fixed fraction. */
function recording(random = 1 - Number.EPSILON, overrides = {}) {
  const sleeps: number[] = [];
  const policy = retryPolicy({ sleep: async (ms) => void sleeps.push(ms), random: () => random, ...overrides });
  return { policy, sleeps };
}

class Busy extends Error {}
const onlyBusy = (err: unknown) => err instanceof Busy;

describe('backoffDelay', () => {
  it('when random is at its top, then delays double from the base up to the cap', () => {
    const { policy } = recording();
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy))).toEqual([199, 399, 799, 1599, 3199, 4999, 4999]);
  });

  it('when random varies, then each delay is that fraction of the ceiling (full jitter)', () => {
    const { policy } = recording(0.25);
    expect([0, 1, 2, 10].map((n) => backoffDelay(n, policy))).toEqual([50, 100, 200, 1250]);
    expect(backoffDelay(3, { ...policy, random: () => 0 })).toBe(0);
  });
});

describe('withRetry', () => {
  it('when the work fails transiently twice, then it is retried with growing waits and its result returned', async () => {
    const { policy, sleeps } = recording(0.5);
    let calls = 0;
    const result = await withRetry(async () => {
      calls += 1;
      if (calls < 3) throw new Busy();
      return 'ok';
    }, onlyBusy, policy);
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([100, 200]);
  });

  it('when the failure is permanent, then it is thrown at once without waiting', async () => {
    const { policy, sleeps } = recording();
    const permanent = new Error('48001');
    let calls = 0;
    await expect(withRetry(async () => {
      calls += 1;
      throw permanent;
    }, onlyBusy, policy)).rejects.toBe(permanent);
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('when every attempt fails transiently, then it gives up after the configured retries with the last error', async () => {
    const { policy, sleeps } = recording(0.5, { retries: 3 });
    const errors: Busy[] = [];
    const failed = await withRetry(async () => {
      const e = new Busy();
      errors.push(e);
      throw e;
    }, onlyBusy, policy).catch((e: unknown) => e);
    expect(errors).toHaveLength(4);
    expect(failed).toBe(errors[3]);
    expect(sleeps).toHaveLength(3);
  });

  it('when retries is 0, then a transient failure is not retried', async () => {
    const { policy } = recording(0.5, { retries: 0 });
    let calls = 0;
    await expect(withRetry(async () => {
      calls += 1;
      throw new Busy();
    }, onlyBusy, policy)).rejects.toBeInstanceOf(Busy);
    expect(calls).toBe(1);
  });

  it('when a retry happens, then the observer hears its number and delay', async () => {
    const { policy } = recording(0.5);
    const seen: Array<[number, number]> = [];
    let calls = 0;
    await withRetry(async () => {
      if (++calls === 1) throw new Busy();
      return 1;
    }, onlyBusy, policy, (e) => seen.push([e.retry, e.delayMs]));
    expect(seen).toEqual([[1, 100]]);
  });
});
