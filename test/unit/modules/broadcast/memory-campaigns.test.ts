import { MemoryCampaignRepository } from '../../../../src/modules/broadcast/memory-campaigns';
import { describeCampaignRepositoryContract } from '../../../contract/campaign-repository.contract';

// The unit-test fake must behave as the SQLite adapter does, or tests built on it prove nothing.
describeCampaignRepositoryContract('MemoryCampaignRepository', async () => ({
  repo: new MemoryCampaignRepository(),
  close: async () => {},
}));
