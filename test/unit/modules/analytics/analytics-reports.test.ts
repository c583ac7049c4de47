import type { AnalyticsRow } from '../../../../src/modules/analytics';
import { articleReport, followerGrowth, messageReport } from '../../../../src/modules/analytics/analytics-reports';
import { APP, serviceWith } from './fake-datacube';

const row = (metric: AnalyticsRow['metric'], refDate: string, key: string, data: AnalyticsRow['data']): AnalyticsRow => ({ appId: APP, metric, refDate, key, data });

describe('analytics reports', () => {
  it('when follows come from several sources, then each day has new, cancelled, net, cumulative and new per source, and the totals add up', () => {
    const summary = [
      row('userSummary', '2024-03-01', '0', { newUser: 2, cancelUser: 5 }),
      row('userSummary', '2024-03-01', '30', { newUser: 7, cancelUser: 0 }),
      row('userSummary', '2024-03-03', '1', { newUser: 4, cancelUser: 0 }),
    ];
    const cumulate = [row('userCumulate', '2024-03-01', '', { cumulateUser: 104 }), row('userCumulate', '2024-03-02', '', { cumulateUser: 104 }), row('userCumulate', '2024-03-03', '', { cumulateUser: 108 })];
    const report = followerGrowth('2024-03-01', '2024-03-04', summary, cumulate);
    expect(report.perDay).toEqual([
      { date: '2024-03-01', new: 9, cancelled: 5, net: 4, cumulative: 104, bySource: { 0: 2, 30: 7 } },
      { date: '2024-03-02', new: 0, cancelled: 0, net: 0, cumulative: 104, bySource: {} },
      { date: '2024-03-03', new: 4, cancelled: 0, net: 4, cumulative: 108, bySource: { 1: 4 } },
      { date: '2024-03-04', new: 0, cancelled: 0, net: 0, cumulative: null, bySource: {} },
    ]);
    expect(report.totals).toEqual({ new: 13, cancelled: 5, net: 8, cumulativeAtEnd: 108, bySource: { 0: 2, 1: 4, 30: 7 } });
  });

  it('when articles have send-day figures and later totals, then each article reports its latest totals and each day sums the day’s reads', () => {
    const report = articleReport('2024-03-01', '2024-03-02', {
      read: [row('userRead', '2024-03-01', '', { intPageReadCount: 50, intPageReadUser: 30, shareCount: 4, addToFavCount: 2 }), row('userRead', '2024-03-02', '', { intPageReadCount: 20, intPageReadUser: 15, shareCount: 1, addToFavCount: 0 })],
      share: [row('userShare', '2024-03-01', '1', { shareCount: 3, shareUser: 2 }), row('userShare', '2024-03-01', '2', { shareCount: 1, shareUser: 1 })],
      summary: [row('articleSummary', '2024-03-01', '100_1', { title: 'A', intPageReadCount: 40, intPageReadUser: 25, shareCount: 3, addToFavCount: 2 }), row('articleSummary', '2024-03-02', '101_1', { title: 'B', intPageReadCount: 9, intPageReadUser: 9, shareCount: 0, addToFavCount: 0 })],
      total: [row('articleTotal', '2024-03-01', '100_1', { title: 'A', statDate: '2024-03-02', intPageReadCount: 55, intPageReadUser: 33, shareCount: 4, addToFavCount: 2 })],
    });
    expect(report.perDay).toEqual([
      { date: '2024-03-01', reads: 50, readers: 30, shares: 4, favourites: 2, sharesByScene: { 1: 3, 2: 1 } },
      { date: '2024-03-02', reads: 20, readers: 15, shares: 1, favourites: 0, sharesByScene: {} },
    ]);
    expect(report.perArticle).toEqual([
      { msgId: '100_1', title: 'A', sentOn: '2024-03-01', reads: 55, readers: 33, shares: 4, favourites: 2, asOf: '2024-03-02' },
      { msgId: '101_1', title: 'B', sentOn: '2024-03-02', reads: 9, readers: 9, shares: 0, favourites: 0, asOf: '2024-03-02' },
    ]);
    expect(report.totals).toEqual({ articles: 2, reads: 70, shares: 5, favourites: 2 });
  });

  it('when followers send messages of several types, then each day has messages and senders per type and the totals per type', () => {
    const report = messageReport('2024-03-01', '2024-03-02', [
      row('upstreamMsg', '2024-03-01', '1', { msgUser: 3, msgCount: 10 }), row('upstreamMsg', '2024-03-01', '3', { msgUser: 1, msgCount: 2 }), row('upstreamMsg', '2024-03-02', '1', { msgUser: 1, msgCount: 1 }),
    ]);
    expect(report.perDay).toEqual([
      { date: '2024-03-01', messages: 12, byType: { text: { messages: 10, senders: 3 }, voice: { messages: 2, senders: 1 } } },
      { date: '2024-03-02', messages: 1, byType: { text: { messages: 1, senders: 1 } } },
    ]);
    expect(report.totals).toEqual({ messages: 13, byType: { text: 11, voice: 2 } });
  });

  it('when a month is reported, then it covers the calendar month up to yesterday, says which days are missing, and its totals equal the three reports’', async () => {
    const { service } = serviceWith(); // yesterday is 2024-03-19
    await service.backfill(APP, '2024-03-01', '2024-03-18');
    const month = await service.monthly(APP, '2024-03');
    expect(month.period).toEqual({ kind: 'month', label: '2024-03', since: '2024-03-01', until: '2024-03-19' });
    expect(month.complete).toBe(false);
    expect(month.missing.map((m) => m.dates)).toEqual(Array(7).fill(['2024-03-19']));
    // The fake: 5 new and 1 cancelled a day; 40 reads and 2 favourites a day; 6 messages a day.
    expect(month.followers.totals).toMatchObject({ new: 90, cancelled: 18, net: 72, cumulativeAtEnd: 118, bySource: { 0: 36, 30: 54 } });
    expect(month.articles.totals).toEqual({ articles: 18, reads: 720, shares: 54, favourites: 36 });
    expect(month.messages.totals).toEqual({ messages: 108, byType: { text: 90, image: 18 } });
    expect((await service.weekly(APP, '2024-03-04')).period).toEqual({ kind: 'week', label: '2024-03-04', since: '2024-03-04', until: '2024-03-10' });
  });

  it('when a period is malformed or has not started, then it is refused with a clear message', async () => {
    const { service } = serviceWith();
    await expect(service.monthly(APP, '2024-13')).rejects.toThrow(/month must be YYYY-MM/);
    await expect(service.weekly(APP, '2024-03-32')).rejects.toThrow(/week must be/);
    await expect(service.weekly(APP, '2024-03-20')).rejects.toThrow(/no finished day yet/);
    await expect(service.followerGrowth(APP, 'yesterday', '2024-03-01')).rejects.toThrow(/YYYY-MM-DD/);
  });
});
