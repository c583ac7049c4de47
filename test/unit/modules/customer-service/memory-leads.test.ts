import { MemoryLeadRepository } from '../../../../src/modules/customer-service/memory-leads';
import { describeLeadRepositoryContract } from '../../../contract/lead-repository.contract';

// The in-memory fake the unit tests use must behave as the adapters do, or tests built on it prove nothing.
describeLeadRepositoryContract('MemoryLeadRepository', async () => ({ repo: new MemoryLeadRepository(), close: async () => {} }));
