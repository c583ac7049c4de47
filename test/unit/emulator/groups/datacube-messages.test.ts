import { APP_ID, audienceEmulator } from './users-fake-emulator';

const shanghai = (date: string, hour = 12, minute = 0) => Date.parse(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`) / 1000;
const range = (begin: string, end: string) => ({ begin_date: begin, end_date: end });

function withMessages(messages: [openid: string, msgType: string, at: number][]) {
  const e = audienceEmulator();
  for (const [openid, msgType, at] of messages) e.emu.recordActivity(APP_ID, openid, { kind: 'message', msgType, at });
  return e;
}

describe('emulator getupstreammsg family', () => {
  it('when followers send texts, images and a location, then getupstreammsg counts users and messages per day and type, leaving the location out', async () => {
    const e = withMessages([
      ['a', 'text', shanghai('2026-03-03', 9)], ['a', 'text', shanghai('2026-03-03', 10)], ['b', 'text', shanghai('2026-03-03', 11)],
      ['b', 'image', shanghai('2026-03-03', 11)], ['c', 'location', shanghai('2026-03-03', 11)], ['c', 'voice', shanghai('2026-03-04', 8)],
    ]);
    expect((await e.post('/datacube/getupstreammsg', range('2026-03-03', '2026-03-09'))).list).toEqual([
      { ref_date: '2026-03-03', msg_type: 1, msg_user: 2, msg_count: 3 },
      { ref_date: '2026-03-03', msg_type: 2, msg_user: 1, msg_count: 1 },
      { ref_date: '2026-03-04', msg_type: 3, msg_user: 1, msg_count: 1 },
    ]);
  });

  it('when messages come at 09:15 and 23:59 Shanghai time, then getupstreammsghour puts them at 900 and 2300 of that day', async () => {
    const e = withMessages([['a', 'text', shanghai('2026-03-03', 9, 15)], ['a', 'video', shanghai('2026-03-03', 23, 59)], ['a', 'text', shanghai('2026-03-04', 0, 1)]]);
    expect((await e.post('/datacube/getupstreammsghour', range('2026-03-03', '2026-03-03'))).list).toEqual([
      { ref_date: '2026-03-03', ref_hour: 900, msg_type: 1, msg_user: 1, msg_count: 1 },
      { ref_date: '2026-03-03', ref_hour: 2300, msg_type: 4, msg_user: 1, msg_count: 1 },
    ]);
  });

  it('when messages fall in two weeks, then getupstreammsgweek gives a row per week whose Monday lies in the range', async () => {
    const e = withMessages([['a', 'text', shanghai('2026-02-25')], ['a', 'text', shanghai('2026-03-03')], ['b', 'text', shanghai('2026-03-08')]]);
    expect((await e.post('/datacube/getupstreammsgweek', range('2026-02-20', '2026-03-09'))).list).toEqual([
      { ref_date: '2026-02-23', msg_type: 1, msg_user: 1, msg_count: 1 },
      { ref_date: '2026-03-02', msg_type: 1, msg_user: 2, msg_count: 2 },
    ]);
    const later = (await e.post('/datacube/getupstreammsgweek', range('2026-02-24', '2026-03-09'))).list;
    expect(later.map((r: { ref_date: string }) => r.ref_date)).toEqual(['2026-03-02']);
  });

  it('when messages fall in February and March, then getupstreammsgmonth gives a row per month, without today’s messages', async () => {
    const e = withMessages([['a', 'text', shanghai('2026-02-10')], ['a', 'text', shanghai('2026-03-01')], ['a', 'text', shanghai('2026-03-10', 9)]]);
    expect((await e.post('/datacube/getupstreammsgmonth', range('2026-02-01', '2026-03-02'))).list).toEqual([
      { ref_date: '2026-02-01', msg_type: 1, msg_user: 1, msg_count: 1 },
      { ref_date: '2026-03-01', msg_type: 1, msg_user: 1, msg_count: 1 },
    ]);
  });

  it('when users send 1, 5, 6, 10 and 11 messages in a day, then getupstreammsgdist buckets them 1–5, 6–10 and more', async () => {
    const sends: [string, string, number][] = [];
    for (const [user, n] of [['u1', 1], ['u5', 5], ['u6', 6], ['u10', 10], ['u11', 11]] as const) {
      for (let i = 0; i < n; i++) sends.push([user, i % 2 ? 'image' : 'text', shanghai('2026-03-05', 10, i)]);
    }
    const e = withMessages(sends);
    expect((await e.post('/datacube/getupstreammsgdist', range('2026-03-01', '2026-03-09'))).list).toEqual([
      { ref_date: '2026-03-05', count_interval: 1, msg_user: 2 },
      { ref_date: '2026-03-05', count_interval: 2, msg_user: 2 },
      { ref_date: '2026-03-05', count_interval: 3, msg_user: 1 },
    ]);
    const week = (await e.post('/datacube/getupstreammsgdistweek', range('2026-03-02', '2026-03-09'))).list;
    expect(week).toEqual([
      { ref_date: '2026-03-02', count_interval: 1, msg_user: 2 },
      { ref_date: '2026-03-02', count_interval: 2, msg_user: 2 },
      { ref_date: '2026-03-02', count_interval: 3, msg_user: 1 },
    ]);
  });
});
