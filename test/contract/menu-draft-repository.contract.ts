import type { MenuDraft, MenuDraftRepository, StoredMenuDraft } from '../../src/modules/menus';
import { parseDraft } from '../../src/modules/menus';

/**
 * What every MenuDraftRepository adapter must do, run by one runner per adapter (not a `*.test.ts`:
 * jest runs it only through them). The draft is what gets published to WeChat, so it must come back
 * exactly as saved.
 */

const APP = 'wx1234567890abcdef';
const OTHER_APP = 'wx0000000000000000';

const at = (day: number): string => new Date(Date.UTC(2026, 0, day)).toISOString();

/** A draft with every kind of button, a parent, and conditional menus, through the domain's own parser. */
const full = (): MenuDraft => parseDraft({
  buttons: [
    { type: 'click', name: '帮助', key: 'HELP' },
    { name: '更多', subButtons: [
      { type: 'view', name: '官网', url: 'https://e.com' },
      { type: 'miniprogram', name: '小程序', url: 'https://e.com/mp', appId: 'wxmini', pagePath: 'pages/index' },
      { type: 'scancode_waitmsg', name: '扫码', key: 'SCAN' },
      { type: 'media_id', name: '素材', mediaId: 'MEDIA' },
      { type: 'article_id', name: '文章', articleId: 'ARTICLE' },
    ] },
    { type: 'location_select', name: '位置', key: 'LOC' },
  ],
  conditionalMenus: [
    { matchRule: { tagId: '2', clientPlatformType: 'android' }, buttons: [{ type: 'view', name: 'v', url: 'https://e.com' }] },
    { matchRule: { tagId: '3' }, buttons: [{ type: 'click', name: 'c', key: 'C' }] },
  ],
});

const small = (): MenuDraft => parseDraft({ buttons: [{ type: 'click', name: 'x', key: 'X' }], conditionalMenus: [] });

const stored = (over: Partial<StoredMenuDraft> = {}): StoredMenuDraft => ({
  appId: APP, draft: full(), publishedAt: at(2), updatedAt: at(3), ...over,
});

export function describeMenuDraftRepositoryContract(
  name: string,
  make: () => Promise<{ repo: MenuDraftRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (MenuDraftRepository contract)`, () => {
    let repo: MenuDraftRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, close } = await make());
    });
    afterEach(async () => close());

    it('when nothing was saved for an account, then get answers null', async () => {
      await repo.save(stored({ appId: OTHER_APP }));
      expect(await repo.get(APP)).toBeNull();
    });

    it('when a draft is saved, then get returns it field for field, every kind of button included', async () => {
      await repo.save(stored());
      expect(await repo.get(APP)).toEqual(stored());
    });

    it('when a draft is saved and saved again, then get returns the latest, field for field, per account', async () => {
      await repo.save({ appId: APP, draft: full(), publishedAt: null, updatedAt: at(1) });
      await repo.save({ appId: APP, draft: small(), publishedAt: at(2), updatedAt: at(2) });
      await repo.save({ appId: OTHER_APP, draft: full(), publishedAt: null, updatedAt: at(3) });
      expect(await repo.get(APP)).toEqual({ appId: APP, draft: small(), publishedAt: at(2), updatedAt: at(2) });
      expect(await repo.get(OTHER_APP)).toEqual({ appId: OTHER_APP, draft: full(), publishedAt: null, updatedAt: at(3) });
    });

    it('when a save gives publishedAt null after a published one, then publishedAt is null as given', async () => {
      await repo.save(stored());
      await repo.save(stored({ publishedAt: null, updatedAt: at(4) }));
      expect(await repo.get(APP)).toEqual(stored({ publishedAt: null, updatedAt: at(4) }));
    });

    it('when the draft is empty, then it reads back empty, its lists kept', async () => {
      const empty: MenuDraft = { buttons: [], conditionalMenus: [] };
      await repo.save(stored({ draft: empty }));
      expect((await repo.get(APP))?.draft).toStrictEqual(empty);
    });

    it('when an optional part is undefined, then it reads back absent, never null (toEqual tells null from absent)', async () => {
      const draft: MenuDraft = { buttons: [], conditionalMenus: [{ matchRule: { tagId: '2', clientPlatformType: undefined }, buttons: [] }] };
      await repo.save(stored({ draft }));
      expect((await repo.get(APP))?.draft.conditionalMenus[0]?.matchRule).toEqual({ tagId: '2' });
    });

    it('when a caller changes what it saved or read, then the stored draft does not change', async () => {
      const d = stored();
      await repo.save(d);
      d.draft.buttons.length = 0;
      d.publishedAt = null;
      const got = await repo.get(APP);
      got!.draft.conditionalMenus.length = 0;
      got!.updatedAt = 'changed after get';
      expect(await repo.get(APP)).toEqual(stored());
    });
  });
}
