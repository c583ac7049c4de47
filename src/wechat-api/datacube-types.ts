/**
 * Datacube rows in camelCase (protocol doc §9 lists the snake_case originals). Dates stay
 * 'YYYY-MM-DD' strings in Asia/Shanghai, as WeChat gives them; hours are HHMM integers (1200).
 */

export interface UserSummaryRow {
  refDate: string;
  /** Where the follows came from: 0 other, 1 search, 17 card share, 30 QR code, … (any integer). */
  userSource: number;
  newUser: number;
  cancelUser: number;
}

export interface UserCumulateRow {
  refDate: string;
  cumulateUser: number;
  userSource?: number;
}

export interface ReadCounters {
  intPageReadUser: number;
  intPageReadCount: number;
  oriPageReadUser: number;
  oriPageReadCount: number;
  shareUser: number;
  shareCount: number;
  addToFavUser: number;
  addToFavCount: number;
}

export interface ArticleSummaryRow extends ReadCounters {
  refDate: string;
  /** msg_data_id_index, e.g. "10000050_1"; a string like every WeChat id. */
  msgId: string;
  title: string;
}

export interface ArticleTotalRow {
  refDate: string;
  msgId: string;
  title: string;
  details: (ReadCounters & { statDate: string; targetUser: number })[];
}

export interface UserReadRow extends ReadCounters {
  refDate: string;
  userSource?: number;
}

export interface UserReadHourRow extends ReadCounters {
  refDate: string;
  refHour: number;
  /** Read source: 0 conversation, 1 friends, 2 Moments, 3 Tencent Weibo, 4 history page, 5 other. */
  userSource: number;
}

export interface UserShareRow {
  refDate: string;
  /** 1 forwarded to a friend, 2 Moments, 3 Tencent Weibo, 255 other. */
  shareScene: number;
  shareCount: number;
  shareUser: number;
}

export interface UserShareHourRow extends UserShareRow {
  refHour: number;
}

export interface UpstreamMsgRow {
  refDate: string;
  /** 1 text, 2 image, 3 voice, 4 video, 6 third-party app / link. */
  msgType: number;
  msgUser: number;
  msgCount: number;
}

export interface UpstreamMsgHourRow extends UpstreamMsgRow {
  refHour: number;
}

export interface UpstreamMsgDistRow {
  refDate: string;
  /** Messages per user: 1 = 1–5, 2 = 6–10, 3 = more than 10 (0 = none). */
  countInterval: number;
  msgUser: number;
}

export interface InterfaceSummaryRow {
  refDate: string;
  callbackCount: number;
  failCount: number;
  /** Milliseconds. */
  totalTimeCost: number;
  /** Milliseconds. */
  maxTimeCost: number;
}

export interface InterfaceSummaryHourRow extends InterfaceSummaryRow {
  refHour: number;
}

/** Field names that do not follow from the snake_case rule. */
const RENAMED: Record<string, string> = {
  msgid: 'msgId',
  // wechatpy's fixture spells the official max_time_cost this way (protocol doc §9); accept both.
  max_time_count: 'maxTimeCost',
};

/** snake_case keys → camelCase, recursively; the row interfaces above describe the result. */
export function camelize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelize);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[RENAMED[key] ?? key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())] = camelize(inner);
  }
  return out;
}
