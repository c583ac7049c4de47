import type { Logger } from '../../shared/logger';
import type { HandlerMap } from '../webhook';
import type { CampaignSender } from './campaign-sender';

/**
 * MASSSENDJOBFINISH (docs/wechat-protocol.md §2.4) brings a send's delivery counts: they go onto the
 * campaign with that msg_id. The webhook answers `success` (no reply to an event of this kind).
 */
export function broadcastHandlers(sender: CampaignSender, logger: Logger): HandlerMap {
  return {
    'event:MASSSENDJOBFINISH': async (message, { account, now }) => {
      if (message.kind !== 'event:MASSSENDJOBFINISH') return null;
      const known = await sender.recordResults(account.appId, message.msgId ?? '', {
        status: message.status, totalCount: message.totalCount, filterCount: message.filterCount, sentCount: message.sentCount,
        errorCount: message.errorCount, copyrightCheckState: message.copyrightCheck?.checkState ?? null, finishedAt: now.toISOString(),
      });
      if (!known) logger.info({ appId: account.appId, msgId: message.msgId }, 'MASSSENDJOBFINISH for a send wxoa did not make (the MP console?)');
      return null;
    },
  };
}
