import type { Connection } from 'mongoose';
import { clientMsgIdFor, type Campaign } from '../../../../src/modules/broadcast';
import { CAMPAIGN_MODEL, MongoCampaignRepository } from '../../../../src/store/mongo/campaigns.repo';
import { ensureIndexes } from '../../../../src/store/mongo/connection';
import { describeCampaignRepositoryContract } from '../../../contract/campaign-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeCampaignRepositoryContract('MongoCampaignRepository', () => mongo.openRepo((connection) => new MongoCampaignRepository(connection)));

const campaign = (id: string, over: Partial<Campaign> = {}): Campaign => ({
  id, appId: 'wx1234567890abcdef', name: `campaign ${id}`, content: { type: 'text', content: 'hello' }, audience: { kind: 'all' },
  state: 'scheduled', clientMsgId: clientMsgIdFor(id), preview: null, confirmation: null, sendTime: { at: '2026-03-05T12:00:00.000Z' },
  dueAt: '2026-03-05T12:00:00.000Z', attempts: 0, leaseUntil: null, firstAttemptAt: null, msgId: null, msgDataId: null, sentAt: null,
  reason: null, results: null, createdBy: 'admin', createdAt: '2026-03-01T00:00:00.000Z', updatedAt: '2026-03-01T00:00:00.000Z', ...over,
});

describe('MongoCampaignRepository documents', () => {
  let connection: Connection;
  let close: () => Promise<void>;
  let repo: MongoCampaignRepository;
  beforeEach(async () => {
    ({ connection, close } = await mongo.open());
    repo = new MongoCampaignRepository(connection);
    await ensureIndexes(connection);
  });
  afterEach(async () => close());

  it('when a campaign is inserted, then its document has the campaign id as _id, the parts embedded, and no id or __v field', async () => {
    await repo.insert(campaign('c1', { preview: { sentAt: '2026-03-02T00:00:00.000Z', openids: ['o1'], wechatIds: [] } }));
    const doc = await connection.collection('campaigns').findOne({ _id: 'c1' as never });
    expect(doc).toMatchObject({
      _id: 'c1', state: 'scheduled', dueAt: '2026-03-05T12:00:00.000Z',
      content: { type: 'text', content: 'hello' }, audience: { kind: 'all' },
      preview: { sentAt: '2026-03-02T00:00:00.000Z', openids: ['o1'], wechatIds: [] }, sendTime: { at: '2026-03-05T12:00:00.000Z' },
    });
    expect(doc).not.toHaveProperty('id');
    expect(doc).not.toHaveProperty('__v');
    expect(doc?.preview).not.toHaveProperty('_id');
  });

  it('when a patch names a field the campaign does not have, then it is refused and nothing changes', async () => {
    await repo.insert(campaign('c1'));
    const patch = { state: 'sending', stray: 1 } as unknown as Partial<Campaign>;
    await expect(repo.transition('c1', 'scheduled', patch)).rejects.toThrow(/stray/);
    expect((await repo.get('c1'))?.state).toBe('scheduled');
  });

  it('when the indexes are built, then the campaigns collection has each query index', async () => {
    const keys = (await connection.models[CAMPAIGN_MODEL]!.collection.indexes()).map((i) => i.key);
    expect(keys).toEqual(expect.arrayContaining([
      { _id: 1 }, { appId: 1, dueAt: 1 }, { state: 1, dueAt: 1 }, { state: 1, leaseUntil: 1 }, { appId: 1, msgId: 1 }, { appId: 1, state: 1, sentAt: -1 },
    ]));
  });
});
