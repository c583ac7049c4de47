import { leadSchema } from '../../../../src/store/mongo/leads.repo';

describe('leadSchema', () => {
  it('when the schema is read, then the lead id is the _id, a string, in the leads collection, and strange fields are refused', () => {
    expect(leadSchema.path('_id').instance).toBe('String');
    expect(leadSchema.path('id')).toBeUndefined();
    expect(leadSchema.get('collection')).toBe('leads');
    expect(leadSchema.get('strict')).toBe('throw');
    expect(leadSchema.get('versionKey')).toBe(false);
  });

  it('when the indexes are read, then the contact is unique per follower and the list order has an index', () => {
    expect(leadSchema.indexes()).toEqual([
      [{ appId: 1, openid: 1, kind: 1, value: 1 }, expect.objectContaining({ unique: true })], // insert: once per contact
      [{ appId: 1, at: -1, _id: -1 }, expect.not.objectContaining({ unique: true })], // list, CSV export
    ]);
  });
});
