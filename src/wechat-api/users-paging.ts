/**
 * The two shapes shared by the user-management endpoints: openid lists that page with a cursor
 * (user/get, user/tag/get, getblacklist) and batch calls with a per-call size limit.
 */

/** One page as WeChat sends it. `total` is absent on user/tag/get; `data` is absent past the end. */
export interface RawOpenidPage {
  total?: number;
  count?: number;
  data?: { openid?: string[] };
  next_openid?: string;
}

export interface OpenidPage {
  /** Everyone in the list (user/get and getblacklist only). */
  total?: number;
  openids: string[];
  /** Where the next page starts; keep it to resume a sync later. */
  nextOpenid: string;
}

/**
 * Pages through an openid list until it is exhausted.
 *
 * The stop rule is the one of protocol doc §8/§12: user/get returns a `next_openid` even after
 * the last openid, so a non-empty cursor does not mean there is more. Stop on a page whose count
 * is 0 or whose data is empty or absent (wechatpy user.py; foxinmy/weixin4j#82). An empty
 * cursor also stops us, because sending it back would restart from the first follower, and so
 * does a cursor that did not move, which would loop for ever.
 */
export async function* openidPages(
  fetchPage: (cursor: string | undefined) => Promise<RawOpenidPage>,
  start?: string,
): AsyncGenerator<OpenidPage, void, undefined> {
  let cursor = start || undefined;
  for (;;) {
    const raw = await fetchPage(cursor);
    const openids = raw.data?.openid ?? [];
    if (raw.count === 0 || openids.length === 0) return;
    const nextOpenid = raw.next_openid ?? '';
    yield { ...(raw.total === undefined ? {} : { total: raw.total }), openids, nextOpenid };
    if (nextOpenid === '' || nextOpenid === cursor) return;
    cursor = nextOpenid;
  }
}

/** Flattens pages to openids. */
export async function* openidsOf(pages: AsyncIterable<OpenidPage>): AsyncGenerator<string, void, undefined> {
  for await (const page of pages) yield* page.openids;
}

/** Collects an async iterable into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** Splits `items` into consecutive slices of at most `size`, in order. */
export function inChunks<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
