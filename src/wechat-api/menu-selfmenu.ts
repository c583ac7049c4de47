import { assignPresent, type WireButton } from './menu-wire';

/**
 * get_current_selfmenu_info reflects whatever is live, including menus made in the MP console.
 * Those use extra button types (text, img, photo, video, voice, news) carrying a `value` or a
 * `news_info.list`, and wrap sub-menus as `sub_button.list` — all flattened here into one shape.
 */
export interface MaterialNewsItem {
  title: string;
  author: string;
  digest: string;
  showCover: boolean;
  coverUrl: string;
  contentUrl: string;
  sourceUrl: string;
}

export interface SelfMenuButton {
  name: string;
  /** API types (click, view, miniprogram …) or console types (text, img, photo, video, voice, news); absent on a parent. */
  type?: string;
  key?: string;
  url?: string;
  appId?: string;
  pagePath?: string;
  mediaId?: string;
  articleId?: string;
  /** Console types: the text itself (text), a media id (img, voice, news) or a video URL (video). */
  value?: string;
  /** Console `news` buttons: the articles of the material. */
  news?: MaterialNewsItem[];
  subButtons?: SelfMenuButton[];
}

export interface SelfMenuInfo {
  isMenuOpen: boolean;
  buttons: SelfMenuButton[];
}

export interface WireNewsItem {
  title?: string;
  author?: string;
  digest?: string;
  show_cover?: number | string;
  cover_url?: string;
  content_url?: string;
  source_url?: string;
}

/** menu/get's button fields, plus what only get_current_selfmenu_info reports (console-made buttons). */
export interface WireSelfMenuButton extends Omit<WireButton, 'sub_button'> {
  value?: string;
  news_info?: { list?: WireNewsItem[] };
  /** `{list: […]}` in this endpoint; tolerate a bare array as menu/get uses. */
  sub_button?: { list?: WireSelfMenuButton[] } | WireSelfMenuButton[];
}

export interface WireSelfMenuInfo {
  is_menu_open?: number | string;
  selfmenu_info?: { button?: WireSelfMenuButton[] };
}

export const newsItemFromWire = (n: WireNewsItem): MaterialNewsItem => ({
  title: n.title ?? '',
  author: n.author ?? '',
  digest: n.digest ?? '',
  showCover: Number(n.show_cover ?? 0) === 1,
  coverUrl: n.cover_url ?? '',
  contentUrl: n.content_url ?? '',
  sourceUrl: n.source_url ?? '',
});

function selfMenuButtonFromWire(w: WireSelfMenuButton): SelfMenuButton {
  const b: SelfMenuButton = { name: w.name ?? '' };
  const subs = Array.isArray(w.sub_button) ? w.sub_button : w.sub_button?.list;
  if (subs && subs.length > 0) {
    b.subButtons = subs.map(selfMenuButtonFromWire);
    return b;
  }
  assignPresent(b, [
    ['type', w.type],
    ['key', w.key],
    ['url', w.url],
    ['appId', w.appid],
    ['pagePath', w.pagepath],
    ['mediaId', w.media_id],
    ['articleId', w.article_id],
    ['value', w.value],
  ]);
  if (w.news_info) b.news = (w.news_info.list ?? []).map(newsItemFromWire);
  return b;
}

export const selfMenuInfoFromWire = (w: WireSelfMenuInfo): SelfMenuInfo => ({
  isMenuOpen: Number(w.is_menu_open ?? 0) === 1,
  buttons: (w.selfmenu_info?.button ?? []).map(selfMenuButtonFromWire),
});
