import type { MessageBase } from './messages';

/** Event pushes (MsgType `event`, §2.3), keyed by `event:<Event exactly as on the wire>`. */

export interface SubscribeEvent extends MessageBase {
  kind: 'event:subscribe';
  /** The QR scene with the `qrscene_` prefix stripped; null for a plain follow or a product scan (`scanbarcode|…`, kept in eventKey). */
  scene: string | null;
  ticket: string | null;
}

export interface UnsubscribeEvent extends MessageBase {
  kind: 'event:unsubscribe';
}

/** An existing follower scanned a parametric QR: EventKey is the bare scene. */
export interface ScanEvent extends MessageBase {
  kind: 'event:SCAN';
  scene: string | null;
  ticket: string | null;
}

export interface LocationEvent extends MessageBase {
  kind: 'event:LOCATION';
  latitude: number | null;
  longitude: number | null;
  precision: number | null;
}

/** EventKey is the button key. */
export interface ClickEvent extends MessageBase {
  kind: 'event:CLICK';
}

/** VIEW: EventKey is the URL; view_miniprogram: EventKey is the page path. MenuId names the (conditional) menu. */
export interface ViewEvent extends MessageBase {
  kind: 'event:VIEW' | 'event:view_miniprogram';
  menuId: string | null;
}

export interface ScanCodeEvent extends MessageBase {
  kind: 'event:scancode_push' | 'event:scancode_waitmsg';
  scanType: string;
  scanResult: string;
}

export interface PicEvent extends MessageBase {
  kind: 'event:pic_sysphoto' | 'event:pic_photo_or_album' | 'event:pic_weixin';
  count: number | null;
  picMd5Sums: string[];
}

export interface LocationSelectEvent extends MessageBase {
  kind: 'event:location_select';
  locationX: number | null;
  locationY: number | null;
  scale: number | null;
  label: string;
  poiname: string | null;
}

export interface CopyrightCheckItem {
  articleIdx: number | null;
  userDeclareState: number | null;
  auditState: number | null;
  originalArticleUrl: string;
  originalArticleType: number | null;
  canReprint: number | null;
  needReplaceContent: number | null;
  needShowReprintSource: number | null;
}

/** §2.4. Counts are approximate: the push comes when the job is about to finish. msgId is the MsgID. */
export interface MassSendJobFinishEvent extends MessageBase {
  kind: 'event:MASSSENDJOBFINISH';
  /** `send success`, `send fail` or `err(N)`. */
  status: string;
  totalCount: number | null;
  filterCount: number | null;
  sentCount: number | null;
  errorCount: number | null;
  /** mpnews only. */
  copyrightCheck: { count: number | null; checkState: number | null; items: CopyrightCheckItem[] } | null;
  articleUrls: { articleIdx: number | null; articleUrl: string }[];
}

/** msgId is the MsgID returned by the template send. */
export interface TemplateSendJobFinishEvent extends MessageBase {
  kind: 'event:TEMPLATESENDJOBFINISH';
  /** `success`, `failed:user block`, `failed: system failed` (sic), … */
  status: string;
}

export interface PublishJobFinishEvent extends MessageBase {
  kind: 'event:PUBLISHJOBFINISH';
  publishId: string;
  /** 0 success, 1 publishing, 2 originality failed, 3 failed, 4 rejected, 5 deleted, 6 banned. */
  publishStatus: number | null;
  articleId: string | null;
  articleDetail: { count: number | null; items: { idx: number | null; articleUrl: string }[] } | null;
  failIdx: number[];
}

export interface KfSessionEvent extends MessageBase {
  kind: 'event:kf_create_session' | 'event:kf_close_session';
  kfAccount: string;
}

export interface KfSwitchSessionEvent extends MessageBase {
  kind: 'event:kf_switch_session';
  fromKfAccount: string;
  toKfAccount: string;
}

export interface SubscribeMsgPopupEvent extends MessageBase {
  kind: 'event:subscribe_msg_popup_event';
  list: { templateId: string; subscribeStatusString: string; popupScene: string | null }[];
}

export interface SubscribeMsgChangeEvent extends MessageBase {
  kind: 'event:subscribe_msg_change_event';
  list: { templateId: string; subscribeStatusString: string }[];
}

export interface SubscribeMsgSentEvent extends MessageBase {
  kind: 'event:subscribe_msg_sent_event';
  list: { templateId: string; msgId: string | null; errorCode: number | null; errorStatus: string }[];
}

export type InboundEvent =
  | SubscribeEvent
  | UnsubscribeEvent
  | ScanEvent
  | LocationEvent
  | ClickEvent
  | ViewEvent
  | ScanCodeEvent
  | PicEvent
  | LocationSelectEvent
  | MassSendJobFinishEvent
  | TemplateSendJobFinishEvent
  | PublishJobFinishEvent
  | KfSessionEvent
  | KfSwitchSessionEvent
  | SubscribeMsgPopupEvent
  | SubscribeMsgChangeEvent
  | SubscribeMsgSentEvent;
