import { serviceWindowSchema } from '../../../../src/store/mongo/service-windows.repo';

describe('serviceWindowSchema (no server)', () => {
  it('when the schema is built, then the collection is service_windows and left (limit − used) is stored beside used', () => {
    expect(serviceWindowSchema.get('collection')).toBe('service_windows');
    expect(serviceWindowSchema.path('left').instance).toBe('Number');
    expect(serviceWindowSchema.path('used').instance).toBe('Number');
  });

  it('when the indexes are listed, then one window per (account, follower) is a unique key, and the only index', () => {
    expect(serviceWindowSchema.indexes()).toEqual([[{ appId: 1, openid: 1 }, expect.objectContaining({ unique: true })]]);
  });
});
