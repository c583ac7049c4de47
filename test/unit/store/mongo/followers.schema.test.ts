import { followerSchema } from '../../../../src/store/mongo/followers.repo';

describe('followerSchema (no server)', () => {
  it('when the schema is built, then the collection is followers and one follower is unique per (account, openid)', () => {
    expect(followerSchema.get('collection')).toBe('followers');
    expect(followerSchema.indexes()).toContainEqual([{ appId: 1, openid: 1 }, expect.objectContaining({ unique: true })]);
  });

  it('when the indexes are listed, then channels (follow and unfollow times) and lastSyncedAt each have theirs', () => {
    expect(followerSchema.indexes()).toEqual([
      [{ appId: 1, openid: 1 }, expect.objectContaining({ unique: true })],
      [{ appId: 1, subscribeTime: 1 }, expect.any(Object)],
      [{ appId: 1, unsubscribedAt: 1 }, expect.any(Object)],
      [{ appId: 1, lastSyncedAt: 1 }, expect.any(Object)],
    ]);
  });

  it('when the schema is built, then tag ids are numbers and the QR scene id a number', () => {
    expect(followerSchema.path('tagIds').instance).toBe('Array');
    expect(followerSchema.path('qrScene').instance).toBe('Number');
    expect(followerSchema.path('syncRun').instance).toBe('String');
  });
});
