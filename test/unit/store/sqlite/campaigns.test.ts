import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Campaign } from '../../../../src/modules/broadcast';
import { openSqliteStore } from '../../../../src/store/sqlite';
import { describeCampaignRepositoryContract } from '../../../contract/campaign-repository.contract';

describeCampaignRepositoryContract('SqliteCampaignRepository', async () => {
  const store = openSqliteStore({ file: ':memory:' });
  return { repo: store.campaigns, close: () => store.close() };
});

describe('SqliteCampaignRepository on a file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-campaigns-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when the store is closed and opened again, then the campaign is still there', async () => {
    const c: Campaign = {
      id: 'c1', appId: 'wx1234567890abcdef', name: 'kept', content: { type: 'text', content: 'hi' }, audience: { kind: 'all' },
      state: 'scheduled', clientMsgId: 'wxoa-c1', preview: null, confirmation: null, sendTime: { at: '2026-03-05T12:00:00.000Z' },
      dueAt: '2026-03-05T12:00:00.000Z', attempts: 0, leaseUntil: null, firstAttemptAt: null, msgId: null, msgDataId: null,
      sentAt: null, reason: null, results: null, createdBy: 'admin', createdAt: '2026-03-01T00:00:00.000Z', updatedAt: '2026-03-01T00:00:00.000Z',
    };
    const first = openSqliteStore({ dataDir: dir });
    await first.campaigns.insert(c);
    await first.close();

    const second = openSqliteStore({ dataDir: dir });
    try {
      expect(await second.campaigns.get('c1')).toEqual(c);
      expect((await second.campaigns.due('2026-03-05T12:00:00.000Z', 10)).map((x) => x.id)).toEqual(['c1']);
    } finally {
      await second.close();
    }
  });
});
