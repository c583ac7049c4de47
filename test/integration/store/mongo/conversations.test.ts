import type { Connection } from 'mongoose';
import type { Conversation } from '../../../../src/modules/customer-service/customer-service';
import { ensureIndexes } from '../../../../src/store/mongo/connection';
import { CONVERSATION_MODEL, MongoConversationRepository, THREAD_ENTRY_MODEL } from '../../../../src/store/mongo/conversations.repo';
import { describeConversationRepositoryContract } from '../../../contract/conversation-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeConversationRepositoryContract('MongoConversationRepository', () => mongo.openRepo((connection) => new MongoConversationRepository(connection)));

const conversation = (id: string, over: Partial<Conversation> = {}): Conversation => ({
  id, appId: 'wx1234567890abcdef', openid: 'o1', state: 'waiting', mode: 'desk', reason: 'no_rule', agentId: null, kfAccount: null,
  skillGroup: null, openedAt: '2026-03-01T00:00:00.000Z', assignedAt: null, waitingSince: '2026-03-01T00:00:00.000Z',
  dueAt: '2026-03-02T00:00:00.000Z', warnAt: '2026-03-01T19:12:00.000Z', firstResponseAt: null, lastFollowerAt: '2026-03-01T00:00:00.000Z',
  lastAgentAt: null, closedAt: null, closedBy: null, breaches: 0, updatedAt: '2026-03-01T00:00:00.000Z', ...over,
});

describe('MongoConversationRepository documents', () => {
  let connection: Connection;
  let close: () => Promise<void>;
  let repo: MongoConversationRepository;
  beforeEach(async () => {
    ({ connection, close } = await mongo.open());
    repo = new MongoConversationRepository(connection);
    await ensureIndexes(connection);
  });
  afterEach(async () => close());

  it('when a conversation is inserted and later closed, then its document has the id as _id and keeps open and lastActivityAt in step', async () => {
    await repo.insert(conversation('c1'));
    expect(await connection.collection('conversations').findOne({ _id: 'c1' as never })).toMatchObject({ _id: 'c1', open: true, lastActivityAt: '2026-03-01T00:00:00.000Z' });
    await repo.update('c1', '2026-03-01T00:00:00.000Z', { state: 'closed', lastAgentAt: '2026-03-01T05:00:00.000Z', updatedAt: '2026-03-01T05:00:00.000Z' });
    const doc = await connection.collection('conversations').findOne({ _id: 'c1' as never });
    expect(doc).toMatchObject({ open: false, lastActivityAt: '2026-03-01T05:00:00.000Z', state: 'closed' });
    expect(doc).not.toHaveProperty('id');
    expect(doc).not.toHaveProperty('__v');
  });

  it('when a patch names a field the conversation does not have, then it is refused and nothing changes', async () => {
    await repo.insert(conversation('c1'));
    const patch = { state: 'assigned', stray: 1, updatedAt: '2026-03-01T01:00:00.000Z' } as unknown as Partial<Conversation>;
    await expect(repo.update('c1', '2026-03-01T00:00:00.000Z', patch)).rejects.toThrow(/stray/);
    expect((await repo.get('c1'))?.state).toBe('waiting');
  });

  it('when the indexes are built, then each collection has its unique and query indexes', async () => {
    const conversations = await connection.models[CONVERSATION_MODEL]!.collection.indexes();
    expect(conversations.find((i) => i.unique)).toMatchObject({ key: { appId: 1, openid: 1 }, partialFilterExpression: { open: true } });
    const entries = await connection.models[THREAD_ENTRY_MODEL]!.collection.indexes();
    expect(entries.find((i) => i.unique)).toMatchObject({ key: { conversationId: 1, msgId: 1 }, partialFilterExpression: { msgId: { $type: 'string' } } });
  });
});
