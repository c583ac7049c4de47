import { menuDraftSchema } from '../../../../src/store/mongo/menu-drafts.repo';

describe('menuDraftSchema', () => {
  it('when the schema is read, then the appId is the _id, a string, in the menu_drafts collection', () => {
    expect(menuDraftSchema.path('_id').instance).toBe('String');
    expect(menuDraftSchema.path('appId')).toBeUndefined();
    expect(menuDraftSchema.get('collection')).toBe('menu_drafts');
    expect(menuDraftSchema.get('strict')).toBe('throw');
  });

  it('when the indexes are read, then there are none beyond _id (one draft per account, read by appId)', () => {
    expect(menuDraftSchema.indexes()).toEqual([]);
  });

  it('when empty objects are stored, then they are kept (a draft part is never minimized away)', () => {
    expect(menuDraftSchema.get('minimize')).toBe(false);
  });
});
