import type { Emulator } from './context';
import type { EmulatorAccount, FanActivity } from './contract';
import { ControlError } from './errors';
import type { SimulatedAction } from './follower-input';
import { inboundShape, nextMsgId, splitScene } from './follower-xml';
import { verifyReply } from './reply-check';
import { renderCallback } from './xml-build';

/** WeChat's own notice when the account's webhook is late or answers garbage (§3). */
export const SERVICE_UNAVAILABLE = '该公众号暂时无法提供服务，请稍后再试';

export interface SimulationResult {
  /** True when WeChat accepted the webhook's answer (a reply, `success` or empty); false when the phone shows the notice. */
  delivered: boolean;
  attempts: number;
  /** The passive reply's fields as the phone received them (decrypted). */
  reply?: Record<string, unknown>;
  error?: string;
  /** The plaintext callback XML (the same on every attempt). */
  xml: string;
  msgId?: string;
  createTime: number;
}

/**
 * One thing a follower does on their phone, end to end: the follow state changes first (the
 * platform knows before the webhook hears of it), then the callback goes out with WeChat's retries,
 * then the answer is judged and what the phone shows lands in the inbox.
 */
export async function simulate(emu: Emulator, account: EmulatorAccount, openid: string, requested: SimulatedAction): Promise<SimulationResult> {
  if (account.webhookUrl === null) throw new ControlError(409, 'no_webhook', `account ${account.appId} has no webhookUrl`);
  const action = applyFollowState(emu, account.appId, openid, requested);
  const createTime = emu.nowSeconds();
  const msgId = nextMsgId(createTime);
  const shape = inboundShape(action, msgId);
  const isEvent = shape.msgType === 'event';
  const xml = renderCallback({ toUserName: account.originalId, fromUserName: openid, createTime, msgType: shape.msgType }, shape.fields);
  const activity = activityOf(action, shape.msgType, createTime);
  if (activity) emu.recordActivity(account.appId, openid, activity);

  const outcome = (await emu.sendCallback(account, openid, xml))!;
  const base = { xml, createTime, attempts: outcome.attempts, ...(isEvent ? {} : { msgId }) };
  // An unfollower's phone shows nothing from the account, whatever the webhook answered.
  const silent = action.type === 'unsubscribe';
  const last = outcome.last;
  if (last.kind !== 'answered') {
    const error = last.kind === 'timeout'
      ? `the webhook did not answer within ${emu.webhookTimeoutMs} ms (${outcome.attempts} attempts)`
      : `the webhook could not be reached: ${last.error}`;
    if (!silent) emu.deliver(account.appId, openid, { source: 'system', msgType: 'text', content: SERVICE_UNAVAILABLE });
    return { ...base, delivered: false, error };
  }
  const verdict = verifyReply(account, openid, isEvent, last.status, last.body);
  if (verdict.kind === 'invalid') {
    if (!silent) emu.deliver(account.appId, openid, { source: 'system', msgType: 'text', content: SERVICE_UNAVAILABLE });
    return { ...base, delivered: false, error: verdict.reason };
  }
  if (verdict.kind === 'none') return { ...base, delivered: true };
  // A transfer hands the message to the customer-service system; the phone shows nothing from it.
  if (!silent && verdict.msgType !== 'transfer_customer_service') {
    emu.deliver(account.appId, openid, { source: 'passive', msgType: verdict.msgType, content: verdict.fields });
  }
  return { ...base, delivered: true, reply: verdict.fields };
}

/**
 * Only followers can message an account. Scanning a parametric QR without following leads to the
 * follow page, so it arrives as a subscribe with qrscene_; following twice is impossible.
 */
function applyFollowState(emu: Emulator, appId: string, openid: string, action: SimulatedAction): SimulatedAction {
  const follows = emu.followers(appId).get(openid)?.subscribed === true;
  if (action.type === 'scan' && !follows) return applyFollowState(emu, appId, openid, { type: 'subscribe', scene: action.scene, ticket: action.ticket });
  if (action.type === 'subscribe') {
    if (follows) throw new ControlError(409, 'already_following', `${openid} already follows ${appId}; a QR scan by a follower is {type:'scan'}`);
    emu.follow(appId, openid, action.scene === undefined ? {} : splitScene(action.scene));
    return action;
  }
  if (!follows) throw new ControlError(409, 'not_following', `${openid} does not follow ${appId}; send {type:'subscribe'} first`);
  if (action.type === 'unsubscribe') emu.unfollow(appId, openid);
  return action;
}

/** The activity groups hear of (follow/unfollow are recorded by follow()/unfollow() themselves). */
function activityOf(action: SimulatedAction, msgType: string, at: number): FanActivity | null {
  switch (action.type) {
    case 'subscribe':
    case 'unsubscribe':
    case 'location_event':
      return null;
    case 'scan':
      return { kind: 'scan', at, sceneKey: action.scene };
    case 'click':
      return { kind: 'click', at, menuType: 'click', key: action.key };
    case 'scancode_push':
    case 'scancode_waitmsg':
      return { kind: 'click', at, menuType: action.type, key: action.key };
    case 'view':
      return { kind: 'view', at, url: action.url };
    default:
      return { kind: 'message', msgType, at };
  }
}
