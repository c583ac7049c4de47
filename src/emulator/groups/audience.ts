import type Router from '@koa/router';
import type { EmulatorContext, RegisterGroup } from '../core/contract';
import { registerBlacklist } from './blacklist';
import { registerCallbackIp } from './callback-ip';
import { registerDatacube } from './datacube';
import { AudienceLedger } from './datacube-ledger';
import { registerTagMembers } from './tags-members';
import { registerTags } from './tags';
import { TagBook } from './tags-store';
import { registerUsers } from './users';

/**
 * The audience and analytics groups: users, tags, blacklist (§8), datacube (§9) and WeChat's IP
 * lists. Followers are the core's; the tag definitions and the datacube ledger are this group's,
 * one per emulator, shared by the routes that need them.
 */
export const registerAudience: RegisterGroup = (router: Router, emu: EmulatorContext) => {
  const tags = new TagBook();
  const ledger = new AudienceLedger(emu);
  forgetRemovedAccounts(emu, (appId) => {
    tags.forget(appId);
    ledger.forget(appId);
  });
  registerUsers(router, emu);
  registerTags(router, emu, tags);
  registerTagMembers(router, emu, tags);
  registerBlacklist(router, emu);
  registerDatacube(router, emu, ledger);
  registerCallbackIp(router, emu);
};

/** An account removed and added again must not inherit old tags and statistics. */
function forgetRemovedAccounts(emu: EmulatorContext, forget: (appId: string) => void): void {
  emu.onAccountRemoved(forget);
}
