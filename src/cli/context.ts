import type { Config } from '../../config';
import type { Logger } from '../shared/logger';
import { systemClock } from '../shared/clock';
import Redis from 'ioredis';
import { AccountService, createSecretBox } from '../modules/accounts';
import { AutoReplyService, compileRules, MemoryRuleChangeBus, RulesCache } from '../modules/auto-reply';
import { RedisRuleChangeBus } from '../store/redis/rule-change-bus';
import { loadOrCreateMasterKey } from '../store/master-key';
import { openStore } from '../store/open-store';

/** What operator commands need: services over the same store and master key the server uses. */
export async function openCliContext(config: Config, logger: Logger) {
  const store = await openStore(config);
  const masterKey = loadOrCreateMasterKey({ configured: config.masterKey, dataDir: config.dataDir, logger });
  const accounts = new AccountService({ repo: store.accounts, secrets: createSecretBox(masterKey), clock: systemClock });
  return { accounts, store, close: () => store.close() };
}

/**
 * The rules commands: the auto-reply service over the same store. With REDIS_URL set, changes are
 * published on the rule-change channel so running servers drop their compiled rules at once;
 * without Redis no message reaches a running server, which notices the change in the store within
 * RULES_REVALIDATE_MS (RulesCache.revalidate). The CLI itself never compiles stale rules: it starts
 * with an empty cache.
 */
export async function openRulesContext(config: Config, logger: Logger) {
  const base = await openCliContext(config, logger);
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 }) : null;
  if (redis) await redis.connect();
  const publish = redis ? new RedisRuleChangeBus(redis, null, { logger }) : new MemoryRuleChangeBus();
  const cache = await RulesCache.start({ repo: base.store.autoReplyRules, bus: new MemoryRuleChangeBus(), compile: compileRules });
  const autoReplies = new AutoReplyService({
    repo: base.store.autoReplyRules, bus: publish, cache, clock: systemClock, logger,
    account: (appId) => base.accounts.getWithSecrets(appId),
  });
  return {
    autoReplies,
    /** Whether running servers hear this command's changes. */
    broadcasts: redis !== null,
    async close() {
      redis?.disconnect();
      await base.close();
    },
  };
}
