import { parseDraft } from '../../../../src/modules/menus';
import { openDatabase, type SqliteDatabase } from '../../../../src/store/sqlite/database';
import { SqliteMenuDraftRepository } from '../../../../src/store/sqlite/menu-drafts.repo';

const draft = parseDraft({
  buttons: [{ type: 'click', name: '帮助', key: 'HELP' }],
  conditionalMenus: [{ matchRule: { tagId: '2', clientPlatformType: 'android' }, buttons: [{ type: 'view', name: 'v', url: 'https://e.com' }] }],
});

describe('SqliteMenuDraftRepository', () => {
  let db: SqliteDatabase;
  let repo: SqliteMenuDraftRepository;
  beforeEach(() => {
    db = openDatabase(':memory:');
    repo = new SqliteMenuDraftRepository(db);
  });
  afterEach(() => db.close());

  it('when nothing was saved for an account, then get answers null', async () => {
    expect(await repo.get('wx1234567890abcdef')).toBeNull();
  });

  it('when a draft is saved and saved again, then get returns the latest, field for field, per account', async () => {
    await repo.save({ appId: 'wxa', draft, publishedAt: null, updatedAt: '2026-01-01T00:00:00.000Z' });
    const next = { ...draft, buttons: [{ type: 'click' as const, name: 'x', key: 'X' }] };
    await repo.save({ appId: 'wxa', draft: next, publishedAt: '2026-01-02T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' });
    await repo.save({ appId: 'wxb', draft, publishedAt: null, updatedAt: '2026-01-03T00:00:00.000Z' });
    expect(await repo.get('wxa')).toEqual({ appId: 'wxa', draft: next, publishedAt: '2026-01-02T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' });
    expect((await repo.get('wxb'))?.draft).toEqual(draft);
  });
});
