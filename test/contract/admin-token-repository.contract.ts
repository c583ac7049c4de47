import type { AdminTokenRepository, StoredAdminToken } from '../../src/modules/admin-access';
import { ConflictError } from '../../src/shared/errors';

/**
 * What every AdminTokenRepository adapter must do, run by one runner per adapter (not a `*.test.ts`:
 * jest runs it only through them). Every admin request is let in by findByHash, so each adapter gets
 * the very same checks. (A role unknown to this build granting nothing needs a raw write; each
 * runner checks it beside the contract.)
 */

const token = (over: Partial<StoredAdminToken> = {}): StoredAdminToken => ({
  id: 't1', name: 'ops', tokenHash: 'a'.repeat(64), role: 'admin', createdAt: '2026-01-01T00:00:00.000Z', ...over,
});

const second = (): StoredAdminToken => token({ id: 't2', name: 'ci', tokenHash: 'b'.repeat(64), createdAt: '2026-01-02T00:00:00.000Z' });

export function describeAdminTokenRepositoryContract(
  name: string,
  make: () => Promise<{ repo: AdminTokenRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (AdminTokenRepository contract)`, () => {
    let repo: AdminTokenRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, close } = await make());
    });
    afterEach(async () => close());

    it('when no token is stored, then count is 0 and no hash is found', async () => {
      expect(await repo.count()).toBe(0);
      expect(await repo.findByHash('a'.repeat(64))).toBeNull();
    });

    it('when tokens are inserted, then each is found by its own hash, field for field, and counted', async () => {
      await repo.insert(token());
      expect(await repo.count()).toBe(1);
      await repo.insert(second());
      expect(await repo.findByHash('a'.repeat(64))).toEqual(token());
      expect(await repo.findByHash('b'.repeat(64))).toEqual(second());
      expect(await repo.findByHash('c'.repeat(64))).toBeNull();
      expect(await repo.count()).toBe(2);
    });

    it('when a caller changes what it inserted or found, then the stored token does not change', async () => {
      const t = token();
      await repo.insert(t);
      t.name = 'changed after insert';
      (await repo.findByHash(t.tokenHash))!.name = 'changed after find';
      expect(await repo.findByHash(t.tokenHash)).toEqual(token());
    });

    it('when the same hash is inserted again under another id, then it is a conflict and the first token stays', async () => {
      await repo.insert(token());
      await expect(repo.insert(token({ id: 't2', name: 'thief' }))).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.findByHash('a'.repeat(64))).toEqual(token());
      expect(await repo.count()).toBe(1);
    });

    it('when the same id is inserted again with another hash, then it is a conflict and the new hash finds nothing', async () => {
      await repo.insert(token());
      await expect(repo.insert(token({ tokenHash: 'b'.repeat(64) }))).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.findByHash('b'.repeat(64))).toBeNull();
      expect(await repo.count()).toBe(1);
    });

    it('when tokens are listed, then every one comes back oldest first, whatever the insert order, and a role is kept', async () => {
      await repo.insert(second());
      await repo.insert(token({ role: 'agent', name: 'alice' }));
      expect(await repo.list()).toEqual([token({ role: 'agent', name: 'alice' }), second()]);
    });

    it('when a token is removed, then its hash finds nothing, it is not listed, and removing it again says so', async () => {
      await repo.insert(token());
      await repo.insert(second());
      expect(await repo.remove('t1')).toBe(true);
      expect(await repo.findByHash('a'.repeat(64))).toBeNull();
      expect((await repo.list()).map((t) => t.id)).toEqual(['t2']);
      expect(await repo.remove('t1')).toBe(false);
      expect(await repo.count()).toBe(1);
    });
  });
}
