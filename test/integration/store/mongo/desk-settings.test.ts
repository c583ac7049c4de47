import { MongoDeskSettingsRepository } from '../../../../src/store/mongo/desk-settings.repo';
import { describeDeskSettingsRepositoryContract } from '../../../contract/desk-settings-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeDeskSettingsRepositoryContract('MongoDeskSettingsRepository', () => mongo.openRepo((connection) => new MongoDeskSettingsRepository(connection)));

describe('MongoDeskSettingsRepository documents', () => {
  it('when settings are saved, then the document has the appId as _id, groups embedded without _id, and no appId or __v field', async () => {
    const { connection, close } = await mongo.open();
    try {
      await new MongoDeskSettingsRepository(connection).save({
        appId: 'wx1', enabled: true, mode: 'desk', strategy: 'skills', skillGroups: [{ name: 'g', keywords: ['k'], tagIds: [], menuKeys: [] }],
        handoffKeywords: [], handoffReply: null, slaMinutes: 60, warnFraction: 0.5, businessHours: null, closeAfterMinutes: 60,
        notifyUrl: null, notifySecret: null, cannedReplies: [], updatedAt: '2026-03-01T00:00:00.000Z',
      });
      const doc = await connection.collection('desk_settings').findOne({ _id: 'wx1' as never });
      expect(doc).toMatchObject({ _id: 'wx1', strategy: 'skills', skillGroups: [{ name: 'g', keywords: ['k'], tagIds: [], menuKeys: [] }] });
      expect(doc).not.toHaveProperty('appId');
      expect(doc).not.toHaveProperty('__v');
      expect(doc?.skillGroups[0]).not.toHaveProperty('_id');
    } finally {
      await close();
    }
  });
});
