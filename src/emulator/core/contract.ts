import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Clock } from '../../shared/clock';

/**
 * The contract between the emulator core (app, accounts, tokens, followers, webhook pushes, the
 * simulated follower, faults) and the API groups in src/emulator/groups/. Each group exports
 * `register(router, emu)` and keeps its own state in a per-account Map it owns.
 */
export type AccountType = 'subscription' | 'service';
export type EncryptionMode = 'plaintext' | 'compatible' | 'safe';

export interface EmulatorAccount {
  appId: string;
  secret: string;
  type: AccountType;
  verified: boolean;
  originalId: string;
  /** The account's WeChat ID (used as the kf_account suffix and by preview towxname). */
  wechatId: string;
  token: string;
  encodingAESKey: string | null;
  mode: EncryptionMode;
  /** Where callbacks go (our server's /wechat/:appId); null until configured. */
  webhookUrl: string | null;
}

export interface Follower {
  openid: string;
  nickname: string;
  subscribed: boolean;
  /** Unix seconds of the last follow. */
  subscribeTime: number;
  unsubscribeTime: number | null;
  /** WeChat's subscribe_scene, e.g. ADD_SCENE_SEARCH, ADD_SCENE_QR_CODE, ADD_SCENE_OTHERS. */
  subscribeScene: string;
  qrScene: number;
  qrSceneStr: string;
  remark: string;
  /** In the order applied (menus match on the last). */
  tagIds: number[];
  language: string;
  /** In the account's blacklist. */
  blacklisted: boolean;
  unionid?: string;
}

/** Something a follower does that WeChat reports to the account (and that opens windows, counts in datacube …). */
export type FanActivity =
  | { kind: 'message'; msgType: string; at: number }
  | { kind: 'subscribe'; at: number; sceneKey: string | null }
  | { kind: 'unsubscribe'; at: number }
  | { kind: 'scan'; at: number; sceneKey: string }
  | { kind: 'click'; at: number; menuType: string; key: string }
  | { kind: 'view'; at: number; url: string };

/** What the follower's phone shows in the chat with the account. */
export interface InboxItem {
  at: number;
  /** passive = the webhook's reply; custom = customer-service API; mass = a mass send; template; system = WeChat's own notice. */
  source: 'passive' | 'custom' | 'mass' | 'template' | 'system';
  msgType: string;
  /** The message as JSON: the API payload (custom/mass/template) or the parsed reply fields (passive). */
  content: unknown;
}

export interface EmulatorContext {
  clock: Clock;
  nowSeconds(): number;
  /** Every registered account. */
  accounts(): EmulatorAccount[];
  account(appId: string): EmulatorAccount | undefined;
  /** The account behind `?access_token=`; throws EmulatorError 41001/40001/40014/42001 as WeChat does. */
  authenticate(ctx: Context): EmulatorAccount;
  followers(appId: string): Map<string, Follower>;
  /** Creates (or refollows) a follower and records the activity; used by seeding and the simulated follower. */
  follow(appId: string, openid: string, options?: { scene?: string; qrScene?: number; qrSceneStr?: string; at?: number }): Follower;
  unfollow(appId: string, openid: string): void;
  /** Groups drop their per-account state here, so an account removed and added again starts empty. */
  onAccountRemoved(listener: (appId: string) => void): void;
  /** Groups subscribe to follower activity (the kf window opens on messages, datacube counts follows …). */
  onActivity(listener: (appId: string, openid: string, activity: FanActivity) => void): void;
  recordActivity(appId: string, openid: string, activity: FanActivity): void;
  /** Appends to the follower's phone. */
  deliver(appId: string, openid: string, item: Omit<InboxItem, 'at'> & { at?: number }): void;
  inbox(appId: string, openid: string): InboxItem[];
  /**
   * Pushes an event callback to the account's webhook as WeChat does (signed, encrypted in
   * compatible/safe mode), for MASSSENDJOBFINISH / PUBLISHJOBFINISH / TEMPLATESENDJOBFINISH.
   * `fields` are the XML elements after the common header (ToUserName/FromUserName/CreateTime/MsgType
   * are added); nested objects become nested elements, arrays repeat the element. Resolves when
   * the webhook answered (or gave up); never throws.
   */
  pushEvent(appId: string, fromUserName: string, fields: Record<string, unknown>): Promise<void>;
}

/** Thrown by route handlers; rendered as `{"errcode": N, "errmsg": "..."}` with HTTP 200, as WeChat does. */
export class EmulatorError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    /** Extra fields WeChat includes with some errors (45065 carries msg_id). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${errcode} ${errmsg}`);
  }
}

/** What each file in src/emulator/groups/ exports. */
export type RegisterGroup = (router: Router, emu: EmulatorContext) => void;
