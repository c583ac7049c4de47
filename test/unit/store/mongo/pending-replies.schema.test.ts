import { pendingReplySchema } from '../../../../src/store/mongo/pending-replies.repo';

describe('pendingReplySchema (no server)', () => {
  it('when the schema is built, then _id is the reply id (a string), the collection pending_replies and status defaults to pending', () => {
    expect(pendingReplySchema.path('_id').instance).toBe('String');
    expect(pendingReplySchema.get('collection')).toBe('pending_replies');
    expect((pendingReplySchema.path('status') as unknown as { defaultValue: unknown }).defaultValue).toBe('pending');
  });

  it('when the indexes are listed, then listPending has its (account, status, id) index', () => {
    expect(pendingReplySchema.indexes()).toEqual([[{ appId: 1, status: 1, _id: 1 }, expect.any(Object)]]);
  });
});

describe('pendingReplySchema outcome (no server)', () => {
  it('when the schema is built, then markDone\'s outcomeReason and doneAt are nullable strings', () => {
    for (const field of ['outcomeReason', 'doneAt']) {
      expect(pendingReplySchema.path(field).instance).toBe('String');
      expect((pendingReplySchema.path(field) as unknown as { defaultValue: unknown }).defaultValue).toBeNull();
    }
  });
});
