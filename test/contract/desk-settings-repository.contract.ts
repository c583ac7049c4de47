import type { DeskSettings } from '../../src/modules/customer-service/customer-service';
import type { DeskSettingsRepository } from '../../src/modules/customer-service/customer-service.ports';

/**
 * What every DeskSettingsRepository adapter must do, run by one runner per adapter (the file is not
 * a `*.test.ts`, so jest runs it only through them).
 */

const APP = 'wx1234567890abcdef';
const OTHER_APP = 'wx0000000000000000';

const plain = (appId = APP, over: Partial<DeskSettings> = {}): DeskSettings => ({
  appId, enabled: true, mode: 'desk', strategy: 'least_loaded', skillGroups: [], handoffKeywords: [], handoffReply: null,
  slaMinutes: 1440, warnFraction: 0.8, businessHours: null, closeAfterMinutes: 1440, notifyUrl: null, notifySecret: null, cannedReplies: [],
  updatedAt: '2026-03-01T00:00:00.000Z', ...over,
});

/** Settings with every optional part filled, so a round trip shows each field survives. */
const full = (): DeskSettings => plain(APP, {
  enabled: false, mode: 'native', strategy: 'skills',
  skillGroups: [
    { name: '售后', keywords: ['退款', 'refund'], tagIds: [0, 101], menuKeys: ['MENU_AFTER_SALES'] },
    { name: 'billing', keywords: [], tagIds: [7], menuKeys: [] },
  ],
  handoffKeywords: ['人工', '客服'], handoffReply: '正在为您转接人工客服，请稍候。', slaMinutes: 90, warnFraction: 0.85,
  businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:30' }, closeAfterMinutes: 43_200,
  notifyUrl: 'https://client.example.com/hooks/wxoa?x=1', notifySecret: 'a-secret-of-16+chars',
  cannedReplies: [{ id: 'hours', title: '营业时间', text: '每天 9:00–21:00' }, { id: 'refund', title: '退款', text: '请提供订单号' }],
  updatedAt: '2026-03-02T08:00:00.000Z',
});

export function describeDeskSettingsRepositoryContract(
  name: string,
  make: () => Promise<{ repo: DeskSettingsRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (DeskSettingsRepository contract)`, () => {
    let repo: DeskSettingsRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, close } = await make());
    });
    afterEach(async () => close());

    it('when an account has no settings, then get returns null', async () => {
      await repo.save(plain(OTHER_APP));
      expect(await repo.get(APP)).toBeNull();
    });

    it('when settings are saved, then get returns them field for field, a copy the caller cannot change', async () => {
      const s = full();
      await repo.save(s);
      s.skillGroups[0]!.keywords.push('changed after save');
      const got = await repo.get(APP);
      expect(got).toStrictEqual(full());
      got!.businessHours!.days.push(6);
      expect((await repo.get(APP))?.businessHours?.days).toEqual([1, 2, 3, 4, 5]);
    });

    it('when settings with empty lists and null fields are saved, then they come back exactly so', async () => {
      await repo.save(plain());
      expect(await repo.get(APP)).toStrictEqual(plain());
    });

    it('when settings are saved again, then they are replaced whole: emptied lists and nulled parts stay empty and null', async () => {
      await repo.save(full());
      const next = plain(APP, { strategy: 'round_robin', updatedAt: '2026-03-03T00:00:00.000Z' });
      await repo.save(next);
      expect(await repo.get(APP)).toStrictEqual(next);
    });

    it("when two accounts have settings, then each reads its own and saving one leaves the other's", async () => {
      await repo.save(full());
      await repo.save(plain(OTHER_APP, { slaMinutes: 5 }));
      await repo.save(plain(OTHER_APP, { slaMinutes: 6 }));
      expect(await repo.get(APP)).toStrictEqual(full());
      expect((await repo.get(OTHER_APP))?.slaMinutes).toBe(6);
    });

    it('when two saves of one account race, then one of them is stored whole, never a mix', async () => {
      const a = plain(APP, { slaMinutes: 10, handoffKeywords: ['a'] });
      const b = plain(APP, { slaMinutes: 20, handoffKeywords: ['b'] });
      await Promise.all([repo.save(a), repo.save(b)]);
      expect([a, b]).toContainEqual(await repo.get(APP));
    });
  });
}
