import { accountSchema } from '../../../../src/store/mongo/accounts.repo';

describe('accountSchema', () => {
  it('when the schema is read, then the appId is the _id, a string, and the collection is accounts', () => {
    expect(accountSchema.path('_id').instance).toBe('String');
    expect(accountSchema.get('collection')).toBe('accounts');
    expect(accountSchema.path('appId')).toBeUndefined();
  });

  it('when the indexes are read, then there are none beyond _id (every query goes by appId or lists all)', () => {
    expect(accountSchema.indexes()).toEqual([]);
  });

  it('when a document carries a field the schema lacks, then it is refused, not dropped', () => {
    expect(accountSchema.get('strict')).toBe('throw');
    expect(accountSchema.get('versionKey')).toBe(false);
  });
});
