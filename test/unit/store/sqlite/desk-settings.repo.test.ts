import { MemoryDeskSettingsRepository } from '../../../../src/modules/customer-service/memory-agents';
import { openDatabase } from '../../../../src/store/sqlite/database';
import { SqliteDeskSettingsRepository } from '../../../../src/store/sqlite/desk-settings.repo';
import { describeDeskSettingsRepositoryContract } from '../../../contract/desk-settings-repository.contract';

describeDeskSettingsRepositoryContract('SqliteDeskSettingsRepository', async () => {
  const db = openDatabase(':memory:');
  return { repo: new SqliteDeskSettingsRepository(db), close: async () => { db.close(); } };
});

describeDeskSettingsRepositoryContract('MemoryDeskSettingsRepository', async () => ({ repo: new MemoryDeskSettingsRepository(), close: async () => {} }));
