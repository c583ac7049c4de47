import { conversationSchema, threadEntrySchema } from '../../../../src/store/mongo/conversations.repo';
import { slaEventSchema } from '../../../../src/store/mongo/sla-events.repo';

describe('conversationSchema', () => {
  it('when the schema is read, then the conversation id is the _id, a string, and the collection is conversations', () => {
    expect(conversationSchema.path('_id').instance).toBe('String');
    expect(conversationSchema.path('id')).toBeUndefined();
    expect(conversationSchema.get('collection')).toBe('conversations');
    expect([conversationSchema.get('strict'), conversationSchema.get('versionKey')]).toEqual(['throw', false]);
  });

  it('when the indexes are read, then one open conversation per follower is unique through the open flag, and each query has one', () => {
    expect(conversationSchema.indexes()).toEqual([
      [{ appId: 1, openid: 1 }, { unique: true, partialFilterExpression: { open: true } }], // insert, findOpen
      [{ appId: 1, openedAt: -1 }, {}], // list by account
      [{ agentId: 1, openedAt: -1 }, {}], // list by agent, loads
      [{ open: 1, warnAt: 1 }, {}], // slaDue
      [{ open: 1, lastActivityAt: 1 }, {}], // idleSince
    ]);
  });
});

describe('threadEntrySchema', () => {
  it('when the indexes are read, then a MsgId is unique within a thread only where there is one, and the thread is ordered by time', () => {
    expect(threadEntrySchema.get('collection')).toBe('conversation_entries');
    expect(threadEntrySchema.path('_id').instance).toBe('String');
    expect(threadEntrySchema.indexes().map(([key, options]) => [key, options.unique ?? false, options.partialFilterExpression ?? null])).toEqual([
      [{ conversationId: 1, msgId: 1 }, true, { msgId: { $type: 'string' } }],
      [{ conversationId: 1, at: 1, _id: 1 }, false, null],
    ]);
  });
});

describe('slaEventSchema', () => {
  it('when the indexes are read, then (conversation, kind, waiting message) is unique and an account\'s marks are ordered by time', () => {
    expect(slaEventSchema.get('collection')).toBe('sla_events');
    expect(slaEventSchema.path('_id').instance).toBe('String');
    expect(slaEventSchema.indexes().map(([key, options]) => [key, options.unique ?? false])).toEqual([
      [{ conversationId: 1, kind: 1, waitingSince: 1 }, true],
      [{ appId: 1, firedAt: 1 }, false],
    ]);
  });
});
