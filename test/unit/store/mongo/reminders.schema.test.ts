import { reminderSchema } from '../../../../src/store/mongo/reminders.repo';

describe('reminderSchema', () => {
  it('when the schema is read, then _id is the driver ObjectId (the identity is compound) in the reminders collection', () => {
    expect(reminderSchema.path('_id').instance).toBe('ObjectId');
    expect(reminderSchema.get('collection')).toBe('reminders');
    expect(reminderSchema.get('strict')).toBe('throw');
  });

  it('when the indexes are read, then (appId, kind, key) is unique and both list orders have an index', () => {
    expect(reminderSchema.indexes()).toEqual([
      [{ appId: 1, kind: 1, key: 1 }, expect.objectContaining({ unique: true })],
      [{ createdAt: -1, key: -1 }, expect.not.objectContaining({ unique: true })],
      [{ appId: 1, createdAt: -1, key: -1 }, expect.not.objectContaining({ unique: true })],
    ]);
  });
});
