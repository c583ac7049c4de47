import type { Reminder, ReminderRepository } from '../../src/modules/housekeeping';

/**
 * What every ReminderRepository adapter must do, run by one runner per adapter (not a `*.test.ts`:
 * jest runs it only through them). `add` is how the team gets each reminder once, however many
 * instances run the daily check, so its answer must be exact.
 */

const APP = 'wx1234567890abcdef';
const OTHER_APP = 'wx0000000000000000';

/** 2026-03-<day> <hour>:00 UTC, in the domain's one format (toISOString). */
const at = (day: number, hour = 0): string => new Date(Date.UTC(2026, 2, day, hour)).toISOString();

const reminder = (key: string, over: Partial<Reminder> = {}): Reminder => ({
  appId: APP, kind: 'certification_expiring', key, message: `certification expires (${key})`, createdAt: at(1), ...over,
});

const keys = (rs: Reminder[]): string[] => rs.map((r) => `${r.appId === APP ? '' : 'other:'}${r.key}`);

export function describeReminderRepositoryContract(
  name: string,
  make: () => Promise<{ repo: ReminderRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (ReminderRepository contract)`, () => {
    let repo: ReminderRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, close } = await make());
    });
    afterEach(async () => close());

    describe('add', () => {
      it('when a reminder is added, then add answers true and list returns it field for field', async () => {
        expect(await repo.add(reminder('2026-12-31:30'))).toBe(true);
        expect(await repo.list({ limit: 10 })).toEqual([reminder('2026-12-31:30')]);
      });

      it('when the same appId, kind and key is added again, then add answers false and the first reminder stays', async () => {
        await repo.add(reminder('2026-12-31:30'));
        expect(await repo.add(reminder('2026-12-31:30', { message: 'again', createdAt: at(2) }))).toBe(false);
        expect(await repo.list({ limit: 10 })).toEqual([reminder('2026-12-31:30')]);
      });

      it('when only the key or the account differs, then it is another reminder', async () => {
        expect(await repo.add(reminder('2026-12-31:30'))).toBe(true);
        expect(await repo.add(reminder('2026-12-31:7'))).toBe(true);
        expect(await repo.add(reminder('2026-12-31:30', { appId: OTHER_APP }))).toBe(true);
        expect(await repo.list({ limit: 10 })).toHaveLength(3);
      });

      it('when several instances add the same reminder at once, then exactly one add answers true', async () => {
        const answers = await Promise.all([1, 2, 3, 4, 5].map((i) => repo.add(reminder('2026-12-31:7', { message: `instance ${i}` }))));
        expect(answers.filter(Boolean)).toHaveLength(1);
        const stored = await repo.list({ limit: 10 });
        expect(stored).toHaveLength(1);
        expect(stored[0]!.message).toBe(`instance ${answers.indexOf(true) + 1}`);
      });

      it('when a caller changes what it added or read, then the stored reminder does not change', async () => {
        const r = reminder('k');
        await repo.add(r);
        r.message = 'changed after add';
        (await repo.list({ limit: 1 }))[0]!.message = 'changed after list';
        expect(await repo.list({ limit: 1 })).toEqual([reminder('k')]);
      });
    });

    describe('list', () => {
      beforeEach(async () => {
        await repo.add(reminder('a', { createdAt: at(2) }));
        await repo.add(reminder('b', { createdAt: at(2) }));
        await repo.add(reminder('old', { createdAt: at(1) }));
        await repo.add(reminder('new', { createdAt: at(3) }));
        await repo.add(reminder('mid', { appId: OTHER_APP, createdAt: at(2, 12) }));
      });

      it('when listed, then reminders of every account come newest first, the greater key first on a tie', async () => {
        expect(keys(await repo.list({ limit: 10 }))).toEqual(['new', 'other:mid', 'b', 'a', 'old']);
      });

      it('when an account is given, then only its reminders come, in the same order', async () => {
        expect(keys(await repo.list({ appId: APP, limit: 10 }))).toEqual(['new', 'b', 'a', 'old']);
        expect(keys(await repo.list({ appId: OTHER_APP, limit: 10 }))).toEqual(['other:mid']);
        expect(await repo.list({ appId: 'wx_unknown', limit: 10 })).toEqual([]);
      });

      it('when a limit is given, then only that many of the newest come', async () => {
        expect(keys(await repo.list({ limit: 2 }))).toEqual(['new', 'other:mid']);
        expect(keys(await repo.list({ appId: APP, limit: 3 }))).toEqual(['new', 'b', 'a']);
        expect(keys(await repo.list({ limit: 1 }))).toEqual(['new']);
      });
    });

    it('when nothing was added, then list is empty', async () => {
      expect(await repo.list({ limit: 10 })).toEqual([]);
    });
  });
}
