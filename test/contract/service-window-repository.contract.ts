import type { ServiceWindow } from '../../src/modules/customer-service/customer-service';
import type { ServiceWindowRepository } from '../../src/modules/customer-service/customer-service.ports';

/**
 * What every ServiceWindowRepository adapter must do, run by one runner per adapter. The
 * customer-service sender trusts `take` to hand out no more messages than the window holds, also
 * to concurrent senders, so each adapter gets the very same checks, races included.
 */

const APP = 'wx1234567890abcdef';
const OTHER_APP = 'wx0000000000000000';
const FAN = 'oFan000000000000000000000001';
const OTHER_FAN = 'oFan000000000000000000000002';

/** 2026-03-10 <hour>:<minute>:<second> UTC, in the domain's one format. */
const at = (hour: number, minute = 0, second = 0): string => new Date(Date.UTC(2026, 2, 10, hour, minute, second)).toISOString();

/** A message window opened at 04:00, 5 messages until 48 h later. */
const window = (over: Partial<ServiceWindow> = {}): ServiceWindow => ({
  appId: APP, openid: FAN, trigger: 'message', openedAt: at(4), expiresAt: '2026-03-12T04:00:00.000Z', limit: 5, used: 0, ...over,
});

export function describeServiceWindowRepositoryContract(
  name: string,
  make: () => Promise<{ repo: ServiceWindowRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (ServiceWindowRepository contract)`, () => {
    let repo: ServiceWindowRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, close } = await make());
    });
    afterEach(async () => close());

    const takeTimes = async (n: number, now = at(5)): Promise<(number | null)[]> => {
      const used: (number | null)[] = [];
      for (let i = 0; i < n; i += 1) used.push((await repo.take(APP, FAN, now))?.used ?? null);
      return used;
    };

    it('when a window is opened, then get returns it field for field, a copy the caller cannot change', async () => {
      const w = window({ trigger: 'menu', expiresAt: at(4, 1), limit: 3, used: 1 });
      await repo.open(w);
      w.used = 3;
      const got = await repo.get(APP, FAN);
      expect(got).toEqual({ appId: APP, openid: FAN, trigger: 'menu', openedAt: at(4), expiresAt: at(4, 1), limit: 3, used: 1 });
      got!.used = 3;
      expect((await repo.get(APP, FAN))!.used).toBe(1);
    });

    it('when no window was opened for the follower, then get and take answer null', async () => {
      await repo.open(window({ openid: OTHER_FAN }));
      await repo.open(window({ appId: OTHER_APP }));
      expect(await repo.get(APP, 'oUnknown')).toBeNull();
      expect(await repo.take(APP, 'oUnknown', at(5))).toBeNull();
      expect(await repo.take('wxunknown', FAN, at(5))).toBeNull();
    });

    it('when a 5-message window is taken 6 times, then the takes return it with used 1 to 5 and the 6th is refused', async () => {
      await repo.open(window());
      expect(await repo.take(APP, FAN, at(5))).toEqual(window({ used: 1 }));
      expect(await takeTimes(5)).toEqual([2, 3, 4, 5, null]);
      expect((await repo.get(APP, FAN))!.used).toBe(5);
    });

    it('when takes are for one follower, then other followers and accounts keep their own windows', async () => {
      await repo.open(window());
      await repo.open(window({ openid: OTHER_FAN, limit: 3 }));
      await repo.open(window({ appId: OTHER_APP }));
      await takeTimes(5);
      expect(await repo.take(APP, OTHER_FAN, at(5))).toMatchObject({ openid: OTHER_FAN, used: 1, limit: 3 });
      expect(await repo.take(OTHER_APP, FAN, at(5))).toMatchObject({ appId: OTHER_APP, used: 1 });
    });

    it('when the window has expired, then take is refused from its end on and nothing is counted', async () => {
      await repo.open(window({ trigger: 'follow', expiresAt: at(4, 1), limit: 3 }));
      expect(await repo.take(APP, FAN, at(4, 1))).toBeNull();
      expect(await repo.take(APP, FAN, at(4, 2))).toBeNull();
      expect((await repo.get(APP, FAN))!.used).toBe(0);
      expect(await repo.take(APP, FAN, '2026-03-10T04:00:59.999Z')).toMatchObject({ used: 1 });
    });

    it('when a new window is opened over a used-up one, then it replaces it whole and takes start again', async () => {
      await repo.open(window());
      await takeTimes(5);
      const menu = window({ trigger: 'menu', openedAt: at(6), expiresAt: at(6, 1), limit: 3 });
      await repo.open(menu);
      expect(await repo.get(APP, FAN)).toEqual(menu);
      expect(await takeTimes(4, at(6, 0, 30))).toEqual([1, 2, 3, null]);
    });

    it('when the same window is opened again with other counts (WeChat said it is used up), then it is stored as given', async () => {
      await repo.open(window());
      await takeTimes(2);
      await repo.open(window({ used: 5 }));
      expect(await repo.get(APP, FAN)).toEqual(window({ used: 5 }));
      expect(await repo.take(APP, FAN, at(5))).toBeNull();
    });

    it('when an older window arrives after a newer one (callbacks out of order), then the newer stays', async () => {
      const newer = window({ openedAt: at(5), expiresAt: '2026-03-12T05:00:00.000Z' });
      await repo.open(newer);
      await repo.take(APP, FAN, at(5, 1));
      await repo.open(window({ trigger: 'menu', openedAt: at(4, 59), expiresAt: at(5), limit: 3 }));
      expect(await repo.get(APP, FAN)).toEqual({ ...newer, used: 1 });
    });

    it('when 10 takes race on a 5-message window, then exactly 5 succeed, each with its own count', async () => {
      await repo.open(window());
      const results = await Promise.all(Array.from({ length: 10 }, () => repo.take(APP, FAN, at(5))));
      const used = results.filter((r) => r !== null).map((r) => r!.used).sort();
      expect(used).toEqual([1, 2, 3, 4, 5]);
      expect((await repo.get(APP, FAN))!.used).toBe(5);
    });

    it('when a taken message is given back for the same window, then it can be taken again', async () => {
      await repo.open(window());
      await takeTimes(5);
      await repo.giveBack(APP, FAN, at(4));
      expect((await repo.get(APP, FAN))!.used).toBe(4);
      expect(await repo.take(APP, FAN, at(5))).toMatchObject({ used: 5 });
    });

    it('when a message is given back for a window that was replaced, then the new window is untouched', async () => {
      await repo.open(window());
      await takeTimes(1);
      await repo.open(window({ openedAt: at(5), expiresAt: '2026-03-12T05:00:00.000Z' }));
      await takeTimes(2, at(5, 1));
      await repo.giveBack(APP, FAN, at(4));
      expect((await repo.get(APP, FAN))!.used).toBe(2);
    });

    it('when nothing was taken, then giveBack leaves used at 0 (never below), and an unknown follower is no error', async () => {
      await repo.open(window());
      await repo.giveBack(APP, FAN, at(4));
      expect((await repo.get(APP, FAN))!.used).toBe(0);
      await expect(repo.giveBack(APP, 'oUnknown', at(4))).resolves.toBeUndefined();
      expect(await repo.get(APP, 'oUnknown')).toBeNull();
    });
  });
}
