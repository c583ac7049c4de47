import { openSqliteStore } from '../../../../src/store/sqlite';
import { describeAutoReplyRuleRepositoryContract } from '../../../contract/auto-reply-rule-repository.contract';

// Every behaviour of the SQLite rules table is in the contract, shared with the MongoDB adapter.
describeAutoReplyRuleRepositoryContract('SqliteAutoReplyRuleRepository', async () => {
  const store = openSqliteStore({ file: ':memory:' });
  return { repo: store.autoReplyRules, close: () => store.close() };
});
