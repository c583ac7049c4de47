import { ManualClock } from '../../../../src/shared/clock';
import { FollowerService, MemoryFollowerRepository } from '../../../../src/modules/followers';
import { NotFoundError } from '../../../../src/shared/errors';
import { FakeUsers } from './fake-users';

export const APP = 'wxfollowers0000001';
export const BUSY = new Error('system busy');

/** A FollowerService over the in-memory repository, a fake WeChat audience and a manual clock. */
export function harness(options: { pageSize?: number; hasAppSecret?: boolean } = {}) {
  const clock = new ManualClock(Date.UTC(2026, 2, 10, 4, 0, 0));
  const repo = new MemoryFollowerRepository();
  const wechat = new FakeUsers(options.pageSize);
  const pauses: number[] = [];
  const account = { appId: APP, hasAppSecret: options.hasAppSecret ?? true };
  const service = new FollowerService({
    repo, clock,
    platform: { forAccount: async (appId) => (appId === APP ? { users: wechat } : null), isTransient: (err) => err === BUSY },
    accounts: {
      get: async (appId) => {
        if (appId !== APP) throw new NotFoundError(`no account ${appId}`);
        return account;
      },
      list: async () => [account],
    },
    sleep: async (ms) => void pauses.push(ms),
    retryDelayMs: 10,
  });
  return { clock, repo, wechat, service, pauses };
}
