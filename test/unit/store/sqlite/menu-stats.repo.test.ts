import { newMessageId, type LoggedMessage } from '../../../../src/modules/messages';
import { openDatabase, type SqliteDatabase } from '../../../../src/store/sqlite/database';
import { SqliteMenuEventCounter } from '../../../../src/store/sqlite/menu-stats.repo';
import { SqliteMessageRepository } from '../../../../src/store/sqlite/messages.repo';

const APP = 'wx1234567890abcdef';

function logged(at: string, event: string | null, key: string | null, over: Partial<LoggedMessage> = {}): LoggedMessage {
  const keyXml = key === null ? '' : `<EventKey><![CDATA[${key}]]></EventKey>`;
  return {
    id: newMessageId(Date.parse(at)), appId: APP, direction: 'in', openid: 'o1', type: event ? 'event' : 'text', event, createdAt: at,
    xml: `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event>${keyXml}</xml>`,
    ...over,
  };
}

describe('SqliteMenuEventCounter', () => {
  let db: SqliteDatabase;
  let counter: SqliteMenuEventCounter;
  beforeEach(async () => {
    db = openDatabase(':memory:');
    counter = new SqliteMenuEventCounter(db);
    await new SqliteMessageRepository(db).insertMany([
      logged('2026-03-01T15:59:00.000Z', 'CLICK', 'HELP'), // 23:59 in Shanghai, 2026-03-01
      logged('2026-03-01T16:01:00.000Z', 'CLICK', 'HELP'), // 00:01 in Shanghai, 2026-03-02
      logged('2026-03-01T16:02:00.000Z', 'CLICK', 'HELP'),
      logged('2026-03-01T16:03:00.000Z', 'VIEW', 'https://e.com/'),
      logged('2026-03-01T16:04:00.000Z', 'subscribe', null),
      logged('2026-03-01T16:05:00.000Z', 'CLICK', null), // no EventKey: nothing to attribute it to
      logged('2026-03-01T16:06:00.000Z', 'CLICK', 'HELP', { appId: 'wxother' }),
      logged('2026-03-01T16:07:00.000Z', 'CLICK', 'HELP', { direction: 'out' }),
      logged('2026-03-05T00:00:00.000Z', 'CLICK', 'HELP'), // outside the range
    ]);
  });
  afterEach(() => db.close());

  it('when counting a range, then CLICK/VIEW events of the account are bucketed by local day and EventKey, others left out', async () => {
    const counts = await counter.countMenuEvents({ appId: APP, since: '2026-02-28T16:00:00.000Z', until: '2026-03-02T16:00:00.000Z', timeZone: 'Asia/Shanghai' });
    expect(counts.sort((a, b) => `${a.date}${a.key}`.localeCompare(`${b.date}${b.key}`))).toEqual([
      { date: '2026-03-01', event: 'CLICK', key: 'HELP', count: 1 },
      { date: '2026-03-02', event: 'CLICK', key: 'HELP', count: 2 },
      { date: '2026-03-02', event: 'VIEW', key: 'https://e.com/', count: 1 },
    ]);
  });

  it('when the time zone is UTC, then the same events fall on other days', async () => {
    const counts = await counter.countMenuEvents({ appId: APP, since: '2026-03-01T00:00:00.000Z', until: '2026-03-02T00:00:00.000Z', timeZone: 'UTC' });
    expect(counts).toEqual(expect.arrayContaining([{ date: '2026-03-01', event: 'CLICK', key: 'HELP', count: 3 }]));
    expect(counts).toHaveLength(2);
  });
});
