import type { SlaEvent } from '../../src/modules/customer-service/customer-service';
import type { SlaEventRepository } from '../../src/modules/customer-service/customer-service.ports';

/**
 * What every SlaEventRepository adapter must do. `record` is the once-only claim the SLA sweep
 * relies on: of any number of sweepers, now or after a restart, exactly one gets true for a mark.
 */

const APP = 'wx1234567890abcdef';
const OTHER_APP = 'wx0000000000000000';

const at = (day: number, hour = 0, minute = 0): string => new Date(Date.UTC(2026, 2, day, hour, minute)).toISOString();

const event = (id: string, over: Partial<SlaEvent> = {}): SlaEvent => ({
  id, appId: APP, conversationId: 'c1', kind: 'warning', waitingSince: at(1), dueAt: at(2), agentId: null, firedAt: at(1, 20), ...over,
});

export function describeSlaEventRepositoryContract(
  name: string,
  make: () => Promise<{ repo: SlaEventRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (SlaEventRepository contract)`, () => {
    let repo: SlaEventRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, close } = await make());
    });
    afterEach(async () => close());

    it('when a mark is recorded, then true is answered and list returns it field for field', async () => {
      const e = event('e1', { kind: 'breach', agentId: 'alice' });
      expect(await repo.record(e)).toBe(true);
      expect(await repo.list(APP, at(1), at(3))).toStrictEqual([e]);
    });

    it('when the same mark (conversation, kind, waiting message) is recorded again, then false is answered and the first stays', async () => {
      await repo.record(event('e1'));
      expect(await repo.record(event('e2', { firedAt: at(1, 21), agentId: 'bob' }))).toBe(false);
      expect((await repo.list(APP, at(1), at(3))).map((e) => [e.id, e.agentId])).toEqual([['e1', null]]);
    });

    it('when the kind, the waiting message or the conversation differs, then each is a mark of its own', async () => {
      await repo.record(event('e1'));
      expect(await repo.record(event('e2', { kind: 'breach' }))).toBe(true);
      expect(await repo.record(event('e3', { waitingSince: at(1, 5) }))).toBe(true);
      expect(await repo.record(event('e4', { conversationId: 'c2' }))).toBe(true);
      expect((await repo.list(APP, at(1), at(3))).map((e) => e.id).sort()).toEqual(['e1', 'e2', 'e3', 'e4']);
    });

    it('when five sweepers race for one mark, then exactly one gets true', async () => {
      const results = await Promise.all([1, 2, 3, 4, 5].map((n) => repo.record(event(`e${n}`))));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await repo.list(APP, at(1), at(3))).toHaveLength(1);
    });

    it('when marks are listed, then only the account\'s with firedAt in [since, until) come, oldest first', async () => {
      await repo.record(event('late', { conversationId: 'c1', firedAt: at(3) }));
      await repo.record(event('first', { conversationId: 'c2', firedAt: at(1) }));
      await repo.record(event('middle', { conversationId: 'c3', firedAt: at(2) }));
      await repo.record(event('other', { conversationId: 'c4', appId: OTHER_APP, firedAt: at(2) }));
      expect((await repo.list(APP, at(1), at(3))).map((e) => e.id)).toEqual(['first', 'middle']);
      expect((await repo.list(APP, at(1, 0, 1), at(4))).map((e) => e.id)).toEqual(['middle', 'late']);
      expect((await repo.list(OTHER_APP, at(1), at(4))).map((e) => e.id)).toEqual(['other']);
    });
  });
}
