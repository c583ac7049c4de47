import type { CopyrightCheckItem, InboundEvent, KfSessionEvent, PicEvent, ScanCodeEvent, ViewEvent } from './events';
import { group, many, num, optText, records, text } from './fields';
import type { MessageBase, VariantFields } from './messages';

type Raw = Record<string, unknown>;
type Build = (raw: Raw, head: MessageBase) => VariantFields<InboundEvent>;

/** A new follower who scanned a parametric QR arrives as subscribe with EventKey `qrscene_<scene>` (§10). */
const QR_PREFIX = 'qrscene_';

function copyrightItem(item: Raw): CopyrightCheckItem {
  return {
    articleIdx: num(item.ArticleIdx),
    userDeclareState: num(item.UserDeclareState),
    auditState: num(item.AuditState),
    originalArticleUrl: text(item.OriginalArticleUrl),
    originalArticleType: num(item.OriginalArticleType),
    canReprint: num(item.CanReprint),
    needReplaceContent: num(item.NeedReplaceContent),
    needShowReprintSource: num(item.NeedShowReprintSource),
  };
}

const massSendJobFinish: Build = (raw) => {
  const check = raw.CopyrightCheckResult === undefined ? null : group(raw.CopyrightCheckResult);
  return {
    kind: 'event:MASSSENDJOBFINISH',
    status: text(raw.Status),
    totalCount: num(raw.TotalCount),
    filterCount: num(raw.FilterCount),
    sentCount: num(raw.SentCount),
    errorCount: num(raw.ErrorCount),
    copyrightCheck: check && {
      count: num(check.Count),
      checkState: num(check.CheckState),
      items: records(group(check.ResultList).item).map(copyrightItem),
    },
    articleUrls: records(group(group(raw.ArticleUrlResult).ResultList).item).map((item) => ({
      articleIdx: num(item.ArticleIdx),
      articleUrl: text(item.ArticleUrl),
    })),
  };
};

/** Note the lower_snake element names inside PublishEventInfo. */
const publishJobFinish: Build = (raw) => {
  const info = group(raw.PublishEventInfo);
  const detail = info.article_detail === undefined ? null : group(info.article_detail);
  return {
    kind: 'event:PUBLISHJOBFINISH',
    publishId: text(info.publish_id),
    publishStatus: num(info.publish_status),
    articleId: optText(info.article_id),
    articleDetail: detail && {
      count: num(detail.count),
      items: records(detail.item).map((item) => ({ idx: num(item.idx), articleUrl: text(item.article_url) })),
    },
    failIdx: many(info.fail_idx).map(num).filter((idx): idx is number => idx !== null),
  };
};

/** Subscription-notification events carry `List` entries inside a wrapper named after the event. */
const subscribeMsgList = (raw: Raw, wrapper: string): Raw[] => records(group(raw[wrapper]).List);

const scanCode = (kind: ScanCodeEvent['kind']): Build => (raw) => {
  const info = group(raw.ScanCodeInfo);
  return { kind, scanType: text(info.ScanType), scanResult: text(info.ScanResult) };
};

const pictures = (kind: PicEvent['kind']): Build => (raw) => {
  const info = group(raw.SendPicsInfo);
  const sums = records(group(info.PicList).item).map((item) => text(item.PicMd5Sum));
  return { kind, count: num(info.Count), picMd5Sums: sums.filter((sum) => sum !== '') };
};

const view = (kind: ViewEvent['kind']): Build => (raw) => ({ kind, menuId: optText(raw.MenuId) });

const kfSession = (kind: KfSessionEvent['kind']): Build => (raw) => ({ kind, kfAccount: text(raw.KfAccount) });

/** Event builders keyed by Event exactly as on the wire (case matters: SCAN but subscribe, §12). */
export const eventBuilders: ReadonlyMap<string, Build> = new Map<string, Build>([
  ['subscribe', (raw, head) => {
    const scene = head.eventKey?.startsWith(QR_PREFIX) ? head.eventKey.slice(QR_PREFIX.length) : null;
    return { kind: 'event:subscribe', scene, ticket: optText(raw.Ticket) };
  }],
  ['unsubscribe', () => ({ kind: 'event:unsubscribe' })],
  ['SCAN', (raw, head) => ({ kind: 'event:SCAN', scene: head.eventKey, ticket: optText(raw.Ticket) })],
  ['LOCATION', (raw) => ({
    kind: 'event:LOCATION', latitude: num(raw.Latitude), longitude: num(raw.Longitude), precision: num(raw.Precision),
  })],
  ['CLICK', () => ({ kind: 'event:CLICK' })],
  ['VIEW', view('event:VIEW')],
  ['view_miniprogram', view('event:view_miniprogram')],
  ['scancode_push', scanCode('event:scancode_push')],
  ['scancode_waitmsg', scanCode('event:scancode_waitmsg')],
  ['pic_sysphoto', pictures('event:pic_sysphoto')],
  ['pic_photo_or_album', pictures('event:pic_photo_or_album')],
  ['pic_weixin', pictures('event:pic_weixin')],
  ['location_select', (raw) => {
    const info = group(raw.SendLocationInfo);
    return {
      kind: 'event:location_select', locationX: num(info.Location_X), locationY: num(info.Location_Y),
      scale: num(info.Scale), label: text(info.Label), poiname: optText(info.Poiname),
    };
  }],
  ['MASSSENDJOBFINISH', massSendJobFinish],
  ['TEMPLATESENDJOBFINISH', (raw) => ({ kind: 'event:TEMPLATESENDJOBFINISH', status: text(raw.Status) })],
  ['PUBLISHJOBFINISH', publishJobFinish],
  ['kf_create_session', kfSession('event:kf_create_session')],
  ['kf_close_session', kfSession('event:kf_close_session')],
  ['kf_switch_session', (raw) => ({
    kind: 'event:kf_switch_session', fromKfAccount: text(raw.FromKfAccount), toKfAccount: text(raw.ToKfAccount),
  })],
  ['subscribe_msg_popup_event', (raw) => ({
    kind: 'event:subscribe_msg_popup_event',
    list: subscribeMsgList(raw, 'SubscribeMsgPopupEvent').map((item) => ({
      templateId: text(item.TemplateId), subscribeStatusString: text(item.SubscribeStatusString), popupScene: optText(item.PopupScene),
    })),
  })],
  ['subscribe_msg_change_event', (raw) => ({
    kind: 'event:subscribe_msg_change_event',
    list: subscribeMsgList(raw, 'SubscribeMsgChangeEvent').map((item) => ({
      templateId: text(item.TemplateId), subscribeStatusString: text(item.SubscribeStatusString),
    })),
  })],
  ['subscribe_msg_sent_event', (raw) => ({
    kind: 'event:subscribe_msg_sent_event',
    list: subscribeMsgList(raw, 'SubscribeMsgSentEvent').map((item) => ({
      templateId: text(item.TemplateId), msgId: optText(item.MsgID ?? item.MsgId), errorCode: num(item.ErrorCode), errorStatus: text(item.ErrorStatus),
    })),
  })],
]);
