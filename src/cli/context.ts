import type { Config } from '../../config';
import type { Logger } from '../shared/logger';
import { systemClock } from '../shared/clock';
import { AccountService, createSecretBox } from '../modules/accounts';
import { loadOrCreateMasterKey } from '../store/master-key';
import { openSqliteStore } from '../store/sqlite';

/** What operator commands need: services over the same store and master key the server uses. */
export async function openCliContext(config: Config, logger: Logger) {
  const store = openSqliteStore({ dataDir: config.dataDir });
  const masterKey = loadOrCreateMasterKey({ configured: config.masterKey, dataDir: config.dataDir, logger });
  const accounts = new AccountService({ repo: store.accounts, secrets: createSecretBox(masterKey), clock: systemClock });
  return { accounts, close: () => store.close() };
}
