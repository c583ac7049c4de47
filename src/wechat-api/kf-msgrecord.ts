import type { ApiCaller } from './caller';
import type { KfMessageRecord } from './kf-types';

/**
 * msgrecord/getmsglist refuses a window that crosses a day (Beijing time, the platform's) and
 * pages by msgid. These helpers turn any window into legal per-day windows and read each one
 * to the end: a page shorter than the requested size is the last.
 * @see https://developers.weixin.qq.com/doc/offiaccount/Customer_Service/Obtain_chat_transcript.html
 */
export const MSGRECORD_MAX_PAGE = 10_000;
const BEIJING_OFFSET = 8 * 3600;
const DAY = 86_400;

/** [start, end] in unix seconds (inclusive) cut at Beijing midnights. */
export function splitByBeijingDay(start: number, end: number): [number, number][] {
  const windows: [number, number][] = [];
  let from = start;
  while (from <= end) {
    const nextMidnight = (Math.floor((from + BEIJING_OFFSET) / DAY) + 1) * DAY - BEIJING_OFFSET;
    const to = Math.min(end, nextMidnight - 1);
    windows.push([from, to]);
    from = to + 1;
  }
  return windows;
}

interface WireRecordPage {
  recordlist?: { openid?: string; opercode?: number | string; text?: string; time?: number | string; worker?: string }[];
  number?: number | string;
  msgid?: number | string;
}

const PATH = '/customservice/msgrecord/getmsglist';

/** Reads one day's window page by page. */
export async function readDayWindow(api: ApiCaller, start: number, end: number, pageSize: number): Promise<KfMessageRecord[]> {
  const records: KfMessageRecord[] = [];
  let msgid = 1;
  for (;;) {
    const page = await api.post<WireRecordPage>(PATH, { starttime: start, endtime: end, msgid, number: pageSize });
    for (const r of page.recordlist ?? []) {
      records.push({
        openid: r.openid ?? '',
        operCode: Number(r.opercode ?? 0),
        text: r.text ?? '',
        time: Number(r.time ?? 0),
        worker: r.worker ?? '',
      });
    }
    const returned = Number(page.number ?? page.recordlist?.length ?? 0);
    const next = Number(page.msgid ?? 0);
    // The platform's returned msgid is where the next page starts; stop on a short page, or if it would not advance.
    if (returned < pageSize || !(next > msgid)) return records;
    msgid = next;
  }
}
