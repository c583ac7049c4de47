import type { AccountType, EmulatorContext } from '../core/contract';
import type { MassLedger, MassRecord } from './mass-ledger';
import { PER_FOLLOWER_PER_MONTH } from './mass-ledger';
import { inboxContent, type MassMessage } from './mass-message';
import { MP_HELPER_OPENID } from './publishing-wire';

export interface MassJob {
  appId: string;
  accountType: AccountType;
  record: MassRecord;
  message: MassMessage;
  /** The audience as submitted: every follower, the tag's followers, or the openid list. */
  targets: string[];
}

/**
 * Runs a submitted send a moment after the API answered, as WeChat does: filters the audience,
 * puts the message on each remaining follower's phone and pushes MASSSENDJOBFINISH (§2.4).
 * TotalCount is the audience; FilterCount what remains after dropping unfollowers, blacklisted
 * users and (service accounts) followers already at 4 mass messages this month; every remaining
 * follower receives it, so SentCount = FilterCount and ErrorCount = 0.
 */
export async function runMassJob(emu: EmulatorContext, ledger: MassLedger, job: MassJob): Promise<void> {
  const { appId, record, message, targets } = job;
  const now = emu.nowSeconds();
  const followers = emu.followers(appId);
  const receiving = targets.filter((openid) => {
    const follower = followers.get(openid);
    if (!follower || !follower.subscribed || follower.blacklisted) return false;
    return job.accountType !== 'service' || ledger.receivedThisMonth(openid, now) < PER_FOLLOWER_PER_MONTH;
  });
  const content = inboxContent(message, record.articleUrls);
  for (const openid of receiving) {
    emu.deliver(appId, openid, { source: 'mass', msgType: record.msgtype, content });
    ledger.received(openid, now);
  }
  record.status = 'SEND_SUCCESS';
  await emu.pushEvent(appId, MP_HELPER_OPENID, {
    Event: 'MASSSENDJOBFINISH',
    MsgID: BigInt(record.msgId),
    Status: 'send success',
    TotalCount: targets.length,
    FilterCount: receiving.length,
    SentCount: receiving.length,
    ErrorCount: 0,
    ...(record.msgtype === 'mpnews' ? articleResults(record) : {}),
  });
}

/** mpnews only (§2.4): no reprint found (CheckState 1), and each article's permanent link. */
function articleResults(record: MassRecord): Record<string, unknown> {
  return {
    CopyrightCheckResult: { Count: 0, ResultList: {}, CheckState: 1 },
    ArticleUrlResult: {
      Count: record.articleUrls.length,
      ResultList: { item: record.articleUrls.map((url, i) => ({ ArticleIdx: i + 1, ArticleUrl: url })) },
    },
  };
}
