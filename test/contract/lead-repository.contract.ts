import type { Lead } from '../../src/modules/customer-service/customer-service';
import type { LeadRepository } from '../../src/modules/customer-service/customer-service.ports';

/**
 * What every LeadRepository adapter must do, run by one runner per adapter (the file is not a
 * `*.test.ts`, so jest runs it only through them). Lead capture trusts `insert`'s answer to forward
 * each contact to the client once, so every adapter gets the very same checks.
 */

const APP = 'wx1234567890abcdef';
const OTHER_APP = 'wx0000000000000000';

/** 2026-03-<day> <hour>:<minute> UTC, in the domain's one format (toISOString). */
const at = (day: number, hour = 0, minute = 0): string => new Date(Date.UTC(2026, 2, day, hour, minute)).toISOString();

const lead = (id: string, over: Partial<Lead> = {}): Lead => ({
  id, appId: APP, openid: 'o-follower-1', kind: 'mobile', value: '13800138000', text: '我的电话 13800138000',
  at: at(1), channel: null, msgId: null, forwardedAt: null, ...over,
});

const ids = (leads: Lead[]): string[] => leads.map((l) => l.id);

export function describeLeadRepositoryContract(
  name: string,
  make: () => Promise<{ repo: LeadRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (LeadRepository contract)`, () => {
    let repo: LeadRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, close } = await make());
    });
    afterEach(async () => close());

    const insertAll = async (...leads: Lead[]): Promise<void> => {
      for (const l of leads) expect([l.id, await repo.insert(l)]).toEqual([l.id, true]);
    };

    describe('insert', () => {
      it('when a lead with every field set is inserted, then it answers true and list returns it field for field, a copy the caller cannot change', async () => {
        const full = lead('l1', { kind: 'email', value: 'a@b.cn', text: '邮箱 A@b.cn, "quoted"', channel: 'qr-booth-7', msgId: '24012345678901234567', forwardedAt: at(1, 0, 1) });
        expect(await repo.insert(full)).toBe(true);
        full.value = 'changed after insert';
        const [got] = await repo.list(APP, { limit: 10 });
        expect(got).toStrictEqual(lead('l1', { kind: 'email', value: 'a@b.cn', text: '邮箱 A@b.cn, "quoted"', channel: 'qr-booth-7', msgId: '24012345678901234567', forwardedAt: at(1, 0, 1) }));
        got!.value = 'changed after list';
        expect((await repo.list(APP, { limit: 10 }))[0]!.value).toBe('a@b.cn');
      });

      it('when the nullable fields are null, then they come back null', async () => {
        await insertAll(lead('l1'));
        expect(await repo.list(APP, { limit: 10 })).toStrictEqual([lead('l1')]);
      });

      it('when the follower leaves the same contact again, then insert answers false and the first lead stays', async () => {
        await insertAll(lead('l1', { text: 'first' }));
        expect(await repo.insert(lead('l2', { text: 'second', at: at(2) }))).toBe(false);
        expect((await repo.list(APP, { limit: 10 })).map((l) => [l.id, l.text])).toEqual([['l1', 'first']]);
      });

      it('when the same value comes from another follower, as another kind or in another account, then each is a new lead', async () => {
        await insertAll(
          lead('l1'),
          lead('l2', { openid: 'o-follower-2' }),
          lead('l3', { kind: 'qq' }),
          lead('l4', { appId: OTHER_APP }),
          lead('l5', { value: '13900139000' }),
        );
        expect(ids(await repo.list(APP, { limit: 10 })).sort()).toEqual(['l1', 'l2', 'l3', 'l5']);
        expect(ids(await repo.list(OTHER_APP, { limit: 10 }))).toEqual(['l4']);
      });

      it('when the id is taken, then insert answers false and the first lead stays', async () => {
        await insertAll(lead('l1'));
        expect(await repo.insert(lead('l1', { value: '13900139000' }))).toBe(false);
        expect((await repo.list(APP, { limit: 10 })).map((l) => l.value)).toEqual(['13800138000']);
      });

      it('when two captures of one contact race, then exactly one insert answers true and one lead is stored', async () => {
        const answers = await Promise.all([1, 2, 3, 4].map((n) => repo.insert(lead(`l${n}`, { text: `try ${n}` }))));
        expect(answers.filter(Boolean)).toHaveLength(1);
        const stored = await repo.list(APP, { limit: 10 });
        expect(stored.map((l) => l.id)).toEqual([`l${answers.indexOf(true) + 1}`]);
      });
    });

    describe('list', () => {
      beforeEach(() => insertAll(
        lead('a', { at: at(1), value: '1' }),
        lead('b', { at: at(2), value: '2' }),
        lead('c', { at: at(2), value: '3' }),
        lead('d', { at: at(3), value: '4' }),
        lead('other-app', { appId: OTHER_APP, at: at(2) }),
      ));

      it('when no range is given, then the account\'s leads come newest first, one instant\'s by id descending', async () => {
        expect(ids(await repo.list(APP, { limit: 10 }))).toEqual(['d', 'c', 'b', 'a']);
      });

      it('when since and until are given, then leads at since are in and leads at until are out', async () => {
        expect(ids(await repo.list(APP, { since: at(2), until: at(3), limit: 10 }))).toEqual(['c', 'b']);
      });

      it('when only since or only until is given, then the range is open on the other side', async () => {
        expect(ids(await repo.list(APP, { since: at(2), limit: 10 }))).toEqual(['d', 'c', 'b']);
        expect(ids(await repo.list(APP, { until: at(2), limit: 10 }))).toEqual(['a']);
      });

      it('when a limit is given, then at most that many of the newest come', async () => {
        expect(ids(await repo.list(APP, { limit: 2 }))).toEqual(['d', 'c']);
      });

      it('when the limit is 0, then nothing comes (not everything)', async () => {
        expect(await repo.list(APP, { limit: 0 })).toEqual([]);
      });

      it('when the account has no leads, then the list is empty', async () => {
        expect(await repo.list('wx-unknown', { limit: 10 })).toEqual([]);
      });
    });

    describe('markForwarded', () => {
      it('when a lead is marked forwarded, then it carries that time and the others are untouched', async () => {
        await insertAll(lead('l1'), lead('l2', { value: '13900139000' }));
        await repo.markForwarded('l1', at(1, 0, 5));
        const byId = Object.fromEntries((await repo.list(APP, { limit: 10 })).map((l) => [l.id, l.forwardedAt]));
        expect(byId).toEqual({ l1: at(1, 0, 5), l2: null });
      });

      it('when it is marked again, then the latest time is kept', async () => {
        await insertAll(lead('l1'));
        await repo.markForwarded('l1', at(1, 0, 5));
        await repo.markForwarded('l1', at(1, 0, 9));
        expect((await repo.list(APP, { limit: 10 }))[0]!.forwardedAt).toBe(at(1, 0, 9));
      });

      it('when the id is unknown, then nothing happens and nothing is thrown', async () => {
        await insertAll(lead('l1'));
        await expect(repo.markForwarded('nope', at(2))).resolves.toBeUndefined();
        expect(await repo.list(APP, { limit: 10 })).toStrictEqual([lead('l1')]);
      });
    });
  });
}
