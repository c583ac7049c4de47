import { MemoryFollowerRepository } from '../../../../src/modules/followers';
import { openSqliteStore } from '../../../../src/store/sqlite';
import { describeFollowerRepositoryContract } from '../../../contract/follower-repository.contract';

describeFollowerRepositoryContract('SqliteFollowerRepository', async () => {
  const store = openSqliteStore({ file: ':memory:' });
  return { repo: store.followers, close: () => store.close() };
});

// The in-memory fake the unit tests use must behave as the adapters do, or tests built on it prove nothing.
describeFollowerRepositoryContract('MemoryFollowerRepository', async () => ({
  repo: new MemoryFollowerRepository(),
  close: async () => {},
}));
