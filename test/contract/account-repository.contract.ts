import type { AccountRepository, StoredAccount } from '../../src/modules/accounts';
import { ConflictError, NotFoundError } from '../../src/shared/errors';

/**
 * What every AccountRepository adapter must do, run by one runner per adapter (not a `*.test.ts`:
 * jest runs it only through them). Accounts are the root of everything else, so each adapter gets
 * the very same checks.
 */

const APP = 'wx1234567890abcdef';
const OTHER_APP = 'wx0000000000000000';

const stored = (over: Partial<StoredAccount> = {}): StoredAccount => ({
  appId: APP, originalId: 'gh_0123456789ab', name: '测试', type: 'service', verified: true,
  encryptionMode: 'safe', timeZone: 'Asia/Shanghai', certificationExpiresAt: '2027-01-31',
  pushSchedule: { slots: ['09:30', '12:00', '21:15'], warnAfterDays: 2, alertAfterDays: 5 },
  sealedSecrets: 'v1.sealed', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...over,
});

/** The other account with every nullable field null and the other enum values. */
const sparse = (): StoredAccount => stored({
  appId: OTHER_APP, originalId: null, verified: false, type: 'subscription', encryptionMode: 'plaintext',
  timeZone: 'Europe/Berlin', certificationExpiresAt: null, sealedSecrets: 'v1.other',
  pushSchedule: { slots: ['11:00', '15:00', '20:00'], warnAfterDays: 3, alertAfterDays: 7 },
});

export function describeAccountRepositoryContract(
  name: string,
  make: () => Promise<{ repo: AccountRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (AccountRepository contract)`, () => {
    let repo: AccountRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, close } = await make());
    });
    afterEach(async () => close());

    describe('insert, get and list', () => {
      it('when accounts are inserted, then get and list return them field for field, list in appId order', async () => {
        await repo.insert(stored());
        await repo.insert(sparse());
        expect(await repo.get(APP)).toEqual(stored());
        expect(await repo.get(OTHER_APP)).toEqual(sparse());
        expect(await repo.list()).toEqual([sparse(), stored()]);
      });

      it('when nothing is stored, then get is null and list is empty', async () => {
        expect(await repo.get(APP)).toBeNull();
        expect(await repo.list()).toEqual([]);
      });

      it('when a caller changes what it inserted or read, then the stored account does not change', async () => {
        const a = stored();
        await repo.insert(a);
        a.name = 'changed after insert';
        const got = await repo.get(APP);
        got!.name = 'changed after get';
        (await repo.list())[0]!.name = 'changed after list';
        expect(await repo.get(APP)).toEqual(stored());
      });

      it('when the appId exists, then insert is a conflict and the first account stays', async () => {
        await repo.insert(stored());
        await expect(repo.insert(stored({ name: 'other', sealedSecrets: 'v1.thief' }))).rejects.toBeInstanceOf(ConflictError);
        expect(await repo.get(APP)).toEqual(stored());
        expect(await repo.list()).toHaveLength(1);
      });
    });

    describe('update', () => {
      it('when an account is updated, then the new values replace the old but createdAt stays', async () => {
        await repo.insert(stored());
        await repo.insert(sparse());
        const changed = sparse();
        await repo.update({
          ...changed, appId: APP, name: 'new', createdAt: '2030-01-01', updatedAt: '2026-02-01T00:00:00.000Z',
        });
        expect(await repo.get(APP)).toEqual({
          ...changed, appId: APP, name: 'new', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z',
        });
        expect(await repo.get(OTHER_APP)).toEqual(sparse());
      });

      it('when nullable fields become set again, then they read back set', async () => {
        await repo.insert(sparse());
        await repo.update(stored({ appId: OTHER_APP, createdAt: sparse().createdAt }));
        expect(await repo.get(OTHER_APP)).toEqual(stored({ appId: OTHER_APP }));
      });

      it('when the appId is missing, then update is not found and nothing is created', async () => {
        await expect(repo.update(stored())).rejects.toBeInstanceOf(NotFoundError);
        expect(await repo.get(APP)).toBeNull();
        expect(await repo.list()).toEqual([]);
      });
    });

    describe('remove', () => {
      it('when an account is removed, then remove says so once, it is gone, and the others stay', async () => {
        await repo.insert(stored());
        await repo.insert(sparse());
        expect(await repo.remove(APP)).toBe(true);
        expect(await repo.remove(APP)).toBe(false);
        expect(await repo.get(APP)).toBeNull();
        expect(await repo.list()).toEqual([sparse()]);
      });

      it('when the appId is unknown, then remove answers false', async () => {
        expect(await repo.remove(APP)).toBe(false);
      });

      it('when a removed appId is inserted again, then the new account is stored', async () => {
        await repo.insert(stored());
        await repo.remove(APP);
        await repo.insert(stored({ name: 'again' }));
        expect(await repo.get(APP)).toEqual(stored({ name: 'again' }));
      });
    });
  });
}
