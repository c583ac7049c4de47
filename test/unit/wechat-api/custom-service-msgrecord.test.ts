import type { ApiCaller } from '../../../src/wechat-api/caller';
import { KfApi } from '../../../src/wechat-api/kf-accounts';
import { splitByBeijingDay } from '../../../src/wechat-api/kf-msgrecord';

/** 2026-01-01 00:00 Beijing = 2025-12-31 16:00 UTC. */
const DAY1 = Date.UTC(2025, 11, 31, 16) / 1000;
const DAY = 86_400;

interface Req {
  starttime: number;
  endtime: number;
  msgid: number;
  number: number;
}

/** Serves `total` records per day window, `msgid` counting from 1, answering the next msgid. */
function pagedPlatform(total: number) {
  const requests: Req[] = [];
  const api: ApiCaller = {
    get: () => Promise.reject(new Error('not used')),
    post: async <T>(_path: string, body?: unknown) => {
      const req = body as Req;
      requests.push(req);
      const from = req.msgid - 1;
      const slice = Array.from({ length: Math.max(0, Math.min(req.number, total - from)) }, (_, i) => ({
        openid: 'O',
        opercode: 2002,
        text: `m${from + i + 1}`,
        time: req.starttime,
        worker: 'a@test',
      }));
      return { recordlist: slice, number: slice.length, msgid: req.msgid + slice.length } as T;
    },
    upload: () => Promise.reject(new Error('not used')),
    download: () => Promise.reject(new Error('not used')),
  };
  return { kf: new KfApi(api), requests };
}

describe('splitByBeijingDay', () => {
  it('when a window stays inside one Beijing day, then it is kept whole', () => {
    expect(splitByBeijingDay(DAY1 + 10, DAY1 + 500)).toEqual([[DAY1 + 10, DAY1 + 500]]);
  });

  it('when a window crosses two Beijing midnights, then it is cut at each, with no second lost or repeated', () => {
    expect(splitByBeijingDay(DAY1 + 3600, DAY1 + 2 * DAY + 60)).toEqual([
      [DAY1 + 3600, DAY1 + DAY - 1],
      [DAY1 + DAY, DAY1 + 2 * DAY - 1],
      [DAY1 + 2 * DAY, DAY1 + 2 * DAY + 60],
    ]);
  });
});

describe('KfApi.msgRecord paging', () => {
  it('when a day holds 2.5 pages, then it asks until a page comes back short, following the returned msgid', async () => {
    const { kf, requests } = pagedPlatform(5);
    const records = await kf.msgRecord(DAY1, DAY1 + 100, { pageSize: 2 });
    expect(records.map((r) => r.text)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(requests.map((r) => [r.msgid, r.number])).toEqual([
      [1, 2],
      [3, 2],
      [5, 2],
    ]);
    expect(records[0]).toEqual({ openid: 'O', operCode: 2002, text: 'm1', time: DAY1, worker: 'a@test' });
  });

  it('when a day holds exactly one full page, then one more (empty) page ends it', async () => {
    const { kf, requests } = pagedPlatform(2);
    expect(await kf.msgRecord(DAY1, DAY1 + 100, { pageSize: 2 })).toHaveLength(2);
    expect(requests).toHaveLength(2);
  });

  it('when the window spans two days, then each day is read from msgid 1 in its own window', async () => {
    const { kf, requests } = pagedPlatform(1);
    const records = await kf.msgRecord(DAY1 + DAY - 10, DAY1 + DAY + 10);
    expect(records).toHaveLength(2);
    expect(requests).toEqual([
      { starttime: DAY1 + DAY - 10, endtime: DAY1 + DAY - 1, msgid: 1, number: 10000 },
      { starttime: DAY1 + DAY, endtime: DAY1 + DAY + 10, msgid: 1, number: 10000 },
    ]);
  });

  it('when a page size above 10000 is asked for, then it is capped at the platform maximum', async () => {
    const { kf, requests } = pagedPlatform(0);
    await kf.msgRecord(DAY1, DAY1 + 1, { pageSize: 50_000 });
    expect(requests[0]?.number).toBe(10000);
  });
});
