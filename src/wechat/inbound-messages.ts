import { num, optText, text } from './fields';
import type { MessageBase, NormalMessage, VariantFields } from './messages';

type Raw = Record<string, unknown>;
type Build = (raw: Raw, head: MessageBase) => VariantFields<NormalMessage>;

/** Normal messages (MsgType ≠ event, §2.2), keyed by MsgType. */
export const messageBuilders: ReadonlyMap<string, Build> = new Map<string, Build>([
  [
    'text',
    (raw) => ({
      kind: 'text',
      content: text(raw.Content),
      msgDataId: optText(raw.MsgDataId),
      idx: num(raw.Idx),
      // The msgmenu tap element is lower-case on the wire.
      bizMsgMenuId: optText(raw.bizmsgmenuid),
    }),
  ],
  [
    'image',
    (raw) => ({
      kind: 'image',
      picUrl: text(raw.PicUrl),
      mediaId: text(raw.MediaId),
      msgDataId: optText(raw.MsgDataId),
      idx: num(raw.Idx),
    }),
  ],
  [
    'voice',
    (raw) => ({
      kind: 'voice',
      mediaId: text(raw.MediaId),
      format: text(raw.Format),
      recognition: optText(raw.Recognition),
      mediaId16K: optText(raw.MediaId16K),
    }),
  ],
  ['video', (raw) => ({ kind: 'video', mediaId: text(raw.MediaId), thumbMediaId: text(raw.ThumbMediaId) })],
  ['shortvideo', (raw) => ({ kind: 'shortvideo', mediaId: text(raw.MediaId), thumbMediaId: text(raw.ThumbMediaId) })],
  [
    'location',
    (raw) => ({
      kind: 'location',
      locationX: num(raw.Location_X),
      locationY: num(raw.Location_Y),
      scale: num(raw.Scale),
      label: text(raw.Label),
    }),
  ],
  [
    'link',
    (raw) => ({ kind: 'link', title: text(raw.Title), description: text(raw.Description), url: text(raw.Url) }),
  ],
  [
    'miniprogrampage',
    (raw) => ({
      kind: 'miniprogrampage',
      title: text(raw.Title),
      appId: text(raw.AppId),
      pagePath: text(raw.PagePath),
      thumbUrl: optText(raw.ThumbUrl),
      thumbMediaId: optText(raw.ThumbMediaId),
    }),
  ],
]);
