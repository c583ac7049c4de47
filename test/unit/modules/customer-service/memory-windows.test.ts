import { MemoryServiceWindowRepository } from '../../../../src/modules/customer-service/memory-windows';
import { describeServiceWindowRepositoryContract } from '../../../contract/service-window-repository.contract';

// The in-memory fake the unit tests use must behave as the adapters do, or tests built on it prove nothing.
describeServiceWindowRepositoryContract('MemoryServiceWindowRepository', async () => ({ repo: new MemoryServiceWindowRepository(), close: async () => {} }));
