import { APP_ID, audienceEmulator } from './users-fake-emulator';

/** Unix seconds of a Shanghai wall-clock time. */
const shanghai = (date: string, hour = 12) => Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`) / 1000;
const range = (begin: string, end: string) => ({ begin_date: begin, end_date: end });

describe('emulator getusersummary and getusercumulate', () => {
  it('when users follow by search and QR code and some unfollow, then the rows count them per day and source with unfollows on source 0', async () => {
    const e = audienceEmulator();
    e.emu.follow(APP_ID, 'a', { at: shanghai('2026-03-02'), scene: 'ADD_SCENE_SEARCH' });
    e.emu.follow(APP_ID, 'b', { at: shanghai('2026-03-02'), scene: 'ADD_SCENE_SEARCH' });
    e.emu.follow(APP_ID, 'c', { at: shanghai('2026-03-02'), qrScene: 7, scene: 'ADD_SCENE_QR_CODE' });
    e.clock.set(shanghai('2026-03-04') * 1000);
    e.emu.unfollow(APP_ID, 'a');
    e.clock.set(Date.UTC(2026, 2, 10, 4));
    expect((await e.post('/datacube/getusersummary', range('2026-03-01', '2026-03-07'))).list).toEqual([
      { ref_date: '2026-03-02', user_source: 1, new_user: 2, cancel_user: 0 },
      { ref_date: '2026-03-02', user_source: 30, new_user: 1, cancel_user: 0 },
      { ref_date: '2026-03-04', user_source: 0, new_user: 0, cancel_user: 1 },
    ]);
    expect((await e.post('/datacube/getusercumulate', range('2026-03-01', '2026-03-05'))).list).toEqual([
      { ref_date: '2026-03-01', cumulate_user: 0 },
      { ref_date: '2026-03-02', cumulate_user: 3 },
      { ref_date: '2026-03-03', cumulate_user: 3 },
      { ref_date: '2026-03-04', cumulate_user: 2 },
      { ref_date: '2026-03-05', cumulate_user: 2 },
    ]);
  });

  it('when a follow happens at 23:30 Shanghai time (15:30 UTC), then it counts on that Shanghai day, and 00:30 on the next', async () => {
    const e = audienceEmulator();
    e.emu.follow(APP_ID, 'late', { at: shanghai('2026-03-02', 23) + 1800 });
    e.emu.follow(APP_ID, 'early', { at: shanghai('2026-03-03', 0) + 1800 });
    const rows = (await e.post('/datacube/getusersummary', range('2026-03-02', '2026-03-03'))).list;
    expect(rows.map((r: { ref_date: string; new_user: number }) => [r.ref_date, r.new_user])).toEqual([['2026-03-02', 1], ['2026-03-03', 1]]);
  });

  it('when a follower is followed twice without unfollowing, then it counts once; unfollow and refollow count both', async () => {
    const e = audienceEmulator();
    e.emu.follow(APP_ID, 'a', { at: shanghai('2026-03-02') });
    e.emu.follow(APP_ID, 'a', { at: shanghai('2026-03-02') + 60 });
    e.clock.set(shanghai('2026-03-03') * 1000);
    e.emu.unfollow(APP_ID, 'a');
    e.emu.follow(APP_ID, 'a', { at: shanghai('2026-03-03') + 60 });
    e.clock.set(Date.UTC(2026, 2, 10, 4));
    const rows = (await e.post('/datacube/getusersummary', range('2026-03-02', '2026-03-03'))).list;
    expect(rows).toEqual([
      { ref_date: '2026-03-02', user_source: 1, new_user: 1, cancel_user: 0 },
      { ref_date: '2026-03-03', user_source: 0, new_user: 0, cancel_user: 1 },
      { ref_date: '2026-03-03', user_source: 1, new_user: 1, cancel_user: 0 },
    ]);
    expect((await e.post('/datacube/getusercumulate', range('2026-03-03', '2026-03-03'))).list).toEqual([{ ref_date: '2026-03-03', cumulate_user: 1 }]);
  });

  it('when followers were put in place without any activity, then their subscribe times are counted too', async () => {
    const e = audienceEmulator();
    const base = { nickname: '', remark: '', tagIds: [], language: 'zh_CN', blacklisted: false, qrScene: 0, qrSceneStr: '' };
    e.emu.followers(APP_ID).set('quiet', { ...base, openid: 'quiet', subscribed: true, subscribeTime: shanghai('2026-03-01'), unsubscribeTime: null, subscribeScene: 'ADD_SCENE_PROFILE_CARD' });
    e.emu.followers(APP_ID).set('gone', { ...base, openid: 'gone', subscribed: false, subscribeTime: shanghai('2026-03-01'), unsubscribeTime: shanghai('2026-03-02'), subscribeScene: 'ADD_SCENE_SEARCH' });
    expect((await e.post('/datacube/getusersummary', range('2026-03-01', '2026-03-02'))).list).toEqual([
      { ref_date: '2026-03-01', user_source: 1, new_user: 1, cancel_user: 0 },
      { ref_date: '2026-03-01', user_source: 17, new_user: 1, cancel_user: 0 },
      { ref_date: '2026-03-02', user_source: 0, new_user: 0, cancel_user: 1 },
    ]);
  });

  it('when followers came before the range, then cumulate starts from them and the summary leaves them out', async () => {
    const e = audienceEmulator();
    e.seed(5, { at: shanghai('2026-02-01') });
    expect((await e.post('/datacube/getusersummary', range('2026-03-01', '2026-03-07'))).list).toEqual([]);
    expect((await e.post('/datacube/getusercumulate', range('2026-03-01', '2026-03-01'))).list).toEqual([{ ref_date: '2026-03-01', cumulate_user: 5 }]);
  });

  it('when a follow happened today, then yesterday’s cumulate does not include it', async () => {
    const e = audienceEmulator();
    e.seed(1);
    expect((await e.post('/datacube/getusercumulate', range('2026-03-09', '2026-03-09'))).list).toEqual([{ ref_date: '2026-03-09', cumulate_user: 0 }]);
  });
});
