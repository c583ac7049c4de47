import { startHarness, type Harness } from './menus-and-service-harness';

const KF = 'kf1@wxoa_test';
/** 2026-01-05 00:00 Beijing. */
const BEIJING_MIDNIGHT = Date.UTC(2026, 0, 4, 16) / 1000;

async function withRecords(count: number): Promise<Harness> {
  const h = startHarness();
  await h.post('/customservice/kfaccount/add', { kf_account: KF, nickname: 'kf' });
  for (let i = 0; i < count; i++) {
    h.fan(`o${i}`);
    await h.post('/cgi-bin/message/custom/send', { touser: `o${i}`, msgtype: 'text', text: { content: `m${i}` }, customservice: { kf_account: KF } });
  }
  return h;
}

const list = (h: Harness, body: Record<string, unknown>) => h.post('/customservice/msgrecord/getmsglist', body);

describe('msgrecord/getmsglist (§6.4)', () => {
  it('when messages were sent as an agent, then they are recorded with opercode 2002 and the agent as worker', async () => {
    const h = await withRecords(1);
    const now = h.emu.nowSeconds();
    expect(await list(h, { starttime: now - 10, endtime: now, msgid: 1, number: 10 })).toEqual({
      recordlist: [{ openid: 'o0', opercode: 2002, text: 'm0', time: now, worker: KF }],
      number: 1,
      msgid: 2,
    });
  });

  it('when messages were sent without customservice, then they are not in the records', async () => {
    const h = startHarness();
    h.fan('oA');
    await h.post('/cgi-bin/message/custom/send', { touser: 'oA', msgtype: 'text', text: { content: 'x' } });
    const now = h.emu.nowSeconds();
    expect(await list(h, { starttime: now - 10, endtime: now, msgid: 1, number: 10 })).toMatchObject({ number: 0, recordlist: [] });
  });

  it('when paging by the returned msgid, then every record comes exactly once and the last page is short', async () => {
    const h = await withRecords(5);
    const now = h.emu.nowSeconds();
    const texts: string[] = [];
    let msgid = 1;
    for (let guard = 0; guard < 10; guard++) {
      const page = await list(h, { starttime: now - 10, endtime: now, msgid, number: 2 });
      texts.push(...(page.recordlist as { text: string }[]).map((r) => r.text));
      if ((page.number as number) < 2) break;
      msgid = page.msgid as number;
    }
    expect(texts).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('when the window crosses a Beijing midnight, then it is 65417; inside one day it is fine', async () => {
    const h = await withRecords(0);
    expect(await list(h, { starttime: BEIJING_MIDNIGHT - 1, endtime: BEIJING_MIDNIGHT, msgid: 1, number: 10 })).toMatchObject({ errcode: 65417 });
    expect(await list(h, { starttime: BEIJING_MIDNIGHT, endtime: BEIJING_MIDNIGHT + 86_399, msgid: 1, number: 10 })).toMatchObject({ number: 0 });
  });

  it.each([
    ['number above 10000', { number: 10_001 }],
    ['number 0', { number: 0 }],
    ['msgid 0', { msgid: 0 }],
    ['endtime before starttime', { endtime: BEIJING_MIDNIGHT }],
    ['a string starttime', { starttime: String(BEIJING_MIDNIGHT + 5) }],
  ])('when the query has %s, then it is 65416', async (_c, override) => {
    const h = await withRecords(0);
    expect(await list(h, { starttime: BEIJING_MIDNIGHT + 5, endtime: BEIJING_MIDNIGHT + 50, msgid: 1, number: 10, ...override })).toMatchObject({ errcode: 65416 });
  });
});
