import { openSqliteStore } from '../../../../src/store/sqlite';
import { describeMenuDraftRepositoryContract } from '../../../contract/menu-draft-repository.contract';

// Every behaviour of the SQLite drafts table is in the contract, shared with the MongoDB adapter.
describeMenuDraftRepositoryContract('SqliteMenuDraftRepository', async () => {
  const store = openSqliteStore({ file: ':memory:' });
  return { repo: store.menuDrafts, close: () => store.close() };
});
