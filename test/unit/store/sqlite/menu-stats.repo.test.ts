import { openSqliteStore } from '../../../../src/store/sqlite';
import { describeMenuEventCounterContract } from '../../../contract/menu-event-counter.contract';

// The behaviour (local days, EventKey attribution, filters) is the contract's; nothing here is SQLite's own.
describeMenuEventCounterContract('SqliteMenuEventCounter', async () => {
  const store = openSqliteStore({ file: ':memory:' });
  return { repo: store.menuEvents, messages: store.messages, close: () => store.close() };
});
