import { daysOf, formatDay } from './datacube-dates';
import { seeded, upTo } from './datacube-seed';

/**
 * Article, read and share figures (getarticle*, getuserread*, getusershare*). The emulator does not
 * see anyone read, so these are synthetic: deterministic from appId + date, and bounded by the
 * followers the account had that day, so an account without followers has no data at all.
 */
export interface ArticleSource {
  appId: string;
  /** Followers at the end of a day (from the follows the emulator saw). */
  audienceAt(day: number): number;
  yesterday: number;
}

type Row = Record<string, unknown>;
/** Days an article keeps gathering reads in getarticletotal's details. */
const ARTICLE_LIFE_DAYS = 7;

function counters(random: () => number, audience: number): Row {
  const readers = upTo(random, audience * 0.3);
  const original = upTo(random, readers * 0.1);
  const sharers = upTo(random, readers * 0.1);
  const favs = upTo(random, readers * 0.05);
  return {
    int_page_read_user: readers, int_page_read_count: readers + upTo(random, readers * 0.5),
    ori_page_read_user: original, ori_page_read_count: original + upTo(random, original * 0.3),
    share_user: sharers, share_count: sharers + upTo(random, sharers * 0.5),
    add_to_fav_user: favs, add_to_fav_count: favs + upTo(random, favs * 0.2),
  };
}

const COUNTER_KEYS = Object.keys(counters(() => 0, 0));
const added = (a: Row, b: Row): Row => Object.fromEntries(COUNTER_KEYS.map((k) => [k, Number(a[k] ?? 0) + Number(b[k] ?? 0)]));

/** The articles sent on `day`: none without followers, otherwise 0–2, ids as msg_data_id_index. */
function articlesOn(src: ArticleSource, day: number): { msgid: string; title: string }[] {
  if (src.audienceAt(day) <= 0) return [];
  const random = seeded(src.appId, 'articles', day);
  const count = upTo(random, 2);
  const dataId = 2_200_000_000 + upTo(random, 99_999_999);
  return Array.from({ length: count }, (_, i) => ({ msgid: `${dataId}_${i + 1}`, title: `Article ${i + 1} of ${formatDay(day)}` }));
}

/** An article's own figures on `statDay`: fewer each day after it was sent. */
function articleDay(src: ArticleSource, sentDay: number, msgid: string, statDay: number): Row {
  const audience = src.audienceAt(sentDay) / 2 ** (statDay - sentDay);
  return counters(seeded(src.appId, msgid, statDay), audience);
}

export function articleSummary(src: ArticleSource, begin: number, end: number): Row[] {
  return daysOf(begin, end).flatMap((day) =>
    articlesOn(src, day).map((a) => ({ ref_date: formatDay(day), msgid: a.msgid, title: a.title, ...articleDay(src, day, a.msgid, day) })));
}

/** Each article sent in the range with cumulative figures per day since, up to yesterday. */
export function articleTotal(src: ArticleSource, begin: number, end: number): Row[] {
  return daysOf(begin, end).flatMap((day) =>
    articlesOn(src, day).map((a) => {
      let total: Row = {};
      const details: Row[] = [];
      for (let stat = day; stat < day + ARTICLE_LIFE_DAYS && stat <= src.yesterday; stat++) {
        total = added(total, articleDay(src, day, a.msgid, stat));
        details.push({ stat_date: formatDay(stat), target_user: src.audienceAt(day), ...total });
      }
      return { ref_date: formatDay(day), msgid: a.msgid, title: a.title, details };
    }));
}

/** All reads of a day: the sum over the articles still being read. */
export function userRead(src: ArticleSource, begin: number, end: number): Row[] {
  return daysOf(begin, end).flatMap((day) => {
    let total: Row | null = null;
    for (let sent = day - ARTICLE_LIFE_DAYS + 1; sent <= day; sent++) {
      for (const a of articlesOn(src, sent)) total = added(total ?? {}, articleDay(src, sent, a.msgid, day));
    }
    if (!total) return [];
    // Readers of several articles are partly the same people: never more than the followers.
    total.int_page_read_user = Math.min(Number(total.int_page_read_user), src.audienceAt(day));
    return [{ ref_date: formatDay(day), ...total }];
  });
}

/** Reads per hour and read source (0 conversation, 1 friends, 2 Moments, 4 history page, 5 other). */
export function userReadHour(src: ArticleSource, begin: number, end: number): Row[] {
  return perHour(src, begin, end, [0, 1, 2, 4, 5], 'read', (random, audience, source) => {
    const row = counters(random, audience / 48);
    return Number(row.int_page_read_count) > 0 ? { user_source: source, ...row } : null;
  });
}

/** Shares per day and scene (1 friend, 2 Moments, 255 other). */
export function userShare(src: ArticleSource, begin: number, end: number): Row[] {
  return daysOf(begin, end).flatMap((day) =>
    [1, 2, 255].flatMap((scene) => share(seeded(src.appId, 'share', day, scene), src.audienceAt(day) / 50, { ref_date: formatDay(day), share_scene: scene })));
}

export function userShareHour(src: ArticleSource, begin: number, end: number): Row[] {
  return perHour(src, begin, end, [1, 2, 255], 'share', (random, audience, scene) => share(random, audience / 500, { share_scene: scene })[0] ?? null);
}

function share(random: () => number, max: number, head: Row): Row[] {
  const users = upTo(random, max);
  return users > 0 ? [{ ...head, share_count: users + upTo(random, users), share_user: users }] : [];
}

function perHour(src: ArticleSource, begin: number, end: number, keys: number[], kind: string, make: (random: () => number, audience: number, key: number) => Row | null): Row[] {
  const rows: Row[] = [];
  for (const day of daysOf(begin, end)) {
    const audience = src.audienceAt(day);
    for (let hour = 0; hour < 24; hour++) {
      for (const key of keys) {
        const row = make(seeded(src.appId, kind, day, hour, key), audience, key);
        if (row) rows.push({ ref_date: formatDay(day), ref_hour: hour * 100, ...row });
      }
    }
  }
  return rows;
}
