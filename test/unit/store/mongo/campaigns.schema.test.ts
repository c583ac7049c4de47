import { campaignSchema } from '../../../../src/store/mongo/campaigns.repo';

describe('campaignSchema', () => {
  it('when the schema is read, then the campaign id is the _id, a string, and the collection is campaigns', () => {
    expect(campaignSchema.path('_id').instance).toBe('String');
    expect(campaignSchema.path('id')).toBeUndefined();
    expect(campaignSchema.get('collection')).toBe('campaigns');
  });

  it('when the indexes are read, then each query of the adapter has one', () => {
    expect(campaignSchema.indexes().map(([key]) => key)).toEqual([
      { appId: 1, dueAt: 1 }, // list, countQuotaSends
      { state: 1, dueAt: 1 }, // due, nextWakeAt (scheduled)
      { state: 1, leaseUntil: 1 }, // due, nextWakeAt (sending with a lease)
      { appId: 1, msgId: 1 }, // findByMsgId (MASSSENDJOBFINISH)
      { appId: 1, state: 1, sentAt: -1 }, // lastSentAt
    ]);
  });

  it('when a document carries a field the schema lacks, then it is refused, not dropped, at the top and inside the fixed-shape parts', () => {
    expect(campaignSchema.get('strict')).toBe('throw');
    expect(campaignSchema.get('versionKey')).toBe(false);
    for (const part of ['preview', 'confirmation', 'results']) {
      const sub = (campaignSchema.path(part) as unknown as { schema: typeof campaignSchema }).schema;
      expect([part, sub.get('strict'), sub.get('_id')]).toEqual([part, 'throw', false]);
    }
  });

  it('when the parts are read, then the union-shaped ones are embedded as Mixed', () => {
    for (const part of ['content', 'audience', 'sendTime']) expect([part, campaignSchema.path(part).instance]).toEqual([part, 'Mixed']);
  });
});
