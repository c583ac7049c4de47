import { adminTokenSchema } from '../../../../src/store/mongo/admin-tokens.repo';

describe('adminTokenSchema', () => {
  it('when the schema is read, then the token id is the _id, a string, in the admin_tokens collection', () => {
    expect(adminTokenSchema.path('_id').instance).toBe('String');
    expect(adminTokenSchema.path('id')).toBeUndefined();
    expect(adminTokenSchema.get('collection')).toBe('admin_tokens');
    expect(adminTokenSchema.get('strict')).toBe('throw');
  });

  it('when the indexes are read, then the hash is unique (findByHash, and no hash names two tokens)', () => {
    expect(adminTokenSchema.indexes()).toEqual([[{ tokenHash: 1 }, expect.objectContaining({ unique: true })]]);
  });
});
