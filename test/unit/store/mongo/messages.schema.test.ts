import mongoose from 'mongoose';
import { messageSchema } from '../../../../src/store/mongo/messages.repo';

describe('messageSchema (no server)', () => {
  it('when the schema is built, then _id is the message id (a string) and the collection is messages', () => {
    expect(messageSchema.path('_id').instance).toBe('String');
    expect(messageSchema.get('collection')).toBe('messages');
    expect(messageSchema.get('versionKey')).toBe(false);
  });

  it('when the indexes are listed, then list (by account, by follower, by time) and the menu counts each have one', () => {
    expect(messageSchema.indexes()).toEqual([
      [{ appId: 1, _id: -1 }, expect.any(Object)],
      [{ appId: 1, openid: 1, _id: -1 }, expect.any(Object)],
      [{ appId: 1, createdAt: 1 }, expect.any(Object)],
    ]);
  });

  it('when a document is built, then a field the schema lacks is refused and the reply and event key default to null', () => {
    const Model = mongoose.model('MessageSchemaTest', messageSchema);
    const doc = new Model({ _id: 'm1', appId: 'wx1', direction: 'in', openid: 'o', type: 'text', event: null, createdAt: '2026-03-01T00:00:00.000Z', xml: '<xml/>' });
    expect(doc.toObject()).toMatchObject({ replyType: null, replyXml: null, eventKey: null });
    expect(() => new Model({ _id: 'm2', unknownField: 1 })).toThrow(/unknownField/);
    mongoose.deleteModel('MessageSchemaTest');
  });
});
