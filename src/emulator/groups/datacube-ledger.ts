import type { EmulatorContext, FanActivity, Follower } from '../core/contract';

/** A follow (+1) or unfollow (−1), with the getusersummary user_source of a follow (0 for unfollows). */
export interface FollowEvent {
  at: number;
  delta: 1 | -1;
  source: number;
}

export interface MessageEvent {
  at: number;
  openid: string;
  msgType: string;
}

interface AccountLedger {
  follows: FollowEvent[];
  messages: MessageEvent[];
  /** Times of callbacks pushed to the account's webhook (every activity while one is configured). */
  callbacks: number[];
  subscribed: Set<string>;
  /** Openids whose history this ledger knows (from activity or from reconciling the followers). */
  seen: Set<string>;
}

/**
 * subscribe_scene → getusersummary user_source (§9): 0 other, 1 search, 17 card share, 30 QR code,
 * 43 article menu (legacy), 57 name in an article, 100 ads, 161 reprint, 200 Channels, 201 live.
 * Paid follows have been counted under 0 since 2023-06.
 */
const SOURCE_OF_SCENE: Record<string, number> = {
  ADD_SCENE_SEARCH: 1,
  ADD_SCENE_PROFILE_CARD: 17,
  ADD_SCENE_QR_CODE: 30,
  ADD_SCENE_PROFILE_ITEM: 43,
  ADD_SCENE_PROFILE_LINK: 57,
  ADD_SCENE_WECHAT_ADVERTISEMENT: 100,
  ADD_SCENE_REPRINT: 161,
  ADD_SCENE_CHANNELS: 200,
  ADD_SCENE_LIVESTREAM: 201,
};
export const sourceOfScene = (scene: string): number => SOURCE_OF_SCENE[scene] ?? 0;

/**
 * What datacube counts: every follow, unfollow and message the emulator has seen, per account.
 * Repeated follows of someone already following (or unfollows of a non-follower) are ignored, so
 * the running sum is always the follower count. Followers the core holds that never went
 * through an activity (state set up directly) are added from their subscribe/unsubscribe times
 * the first time the account is read.
 */
export class AudienceLedger {
  private readonly byAccount = new Map<string, AccountLedger>();

  constructor(private readonly emu: EmulatorContext) {
    emu.onActivity((appId, openid, activity) => this.record(appId, openid, activity));
  }

  follows(appId: string): readonly FollowEvent[] {
    return this.reconciled(appId).follows;
  }

  messages(appId: string): readonly MessageEvent[] {
    return this.of(appId).messages;
  }

  callbacks(appId: string): readonly number[] {
    return this.of(appId).callbacks;
  }

  forget(appId: string): void {
    this.byAccount.delete(appId);
  }

  private record(appId: string, openid: string, activity: FanActivity): void {
    const ledger = this.of(appId);
    if (this.emu.account(appId)?.webhookUrl) ledger.callbacks.push(activity.at);
    if (activity.kind === 'message') ledger.messages.push({ at: activity.at, openid, msgType: activity.msgType });
    if (activity.kind !== 'subscribe' && activity.kind !== 'unsubscribe') return;
    const follower = this.emu.followers(appId).get(openid);
    if (!ledger.seen.has(openid)) {
      ledger.seen.add(openid);
      // Following since before we listened: their follow is history we must not lose.
      if (activity.kind === 'unsubscribe' && follower) this.add(ledger, openid, 1, follower.subscribeTime, sourceOfScene(follower.subscribeScene));
    }
    if (activity.kind === 'unsubscribe') return this.add(ledger, openid, -1, activity.at, 0);
    // A follow by scanning a parametric QR code carries its scene key; that is source 30 whatever the scene field says.
    this.add(ledger, openid, 1, activity.at, activity.sceneKey !== null ? 30 : sourceOfScene(follower?.subscribeScene ?? ''));
  }

  private add(ledger: AccountLedger, openid: string, delta: 1 | -1, at: number, source: number): void {
    if ((delta === 1) === ledger.subscribed.has(openid)) return;
    if (delta === 1) ledger.subscribed.add(openid);
    else ledger.subscribed.delete(openid);
    ledger.follows.push({ at, delta, source });
  }

  private reconciled(appId: string): AccountLedger {
    const ledger = this.of(appId);
    for (const follower of this.emu.followers(appId).values()) {
      if (ledger.seen.has(follower.openid)) continue;
      ledger.seen.add(follower.openid);
      this.addHistory(ledger, follower);
    }
    return ledger;
  }

  private addHistory(ledger: AccountLedger, follower: Follower): void {
    this.add(ledger, follower.openid, 1, follower.subscribeTime, sourceOfScene(follower.subscribeScene));
    if (!follower.subscribed) this.add(ledger, follower.openid, -1, follower.unsubscribeTime ?? follower.subscribeTime, 0);
  }

  private of(appId: string): AccountLedger {
    let ledger = this.byAccount.get(appId);
    if (!ledger) {
      ledger = { follows: [], messages: [], callbacks: [], subscribed: new Set(), seen: new Set() };
      this.byAccount.set(appId, ledger);
    }
    return ledger;
  }
}
