import type { MenuEventCount, MenuEventCounter } from '../../src/modules/menus';
import { newMessageId, type LoggedMessage, type MessageRepository } from '../../src/modules/messages';

/**
 * What every MenuEventCounter adapter must do, run by one runner per adapter. The counts come from
 * the message log, so each runner hands over the MessageRepository of the same store, and the
 * messages are written through it exactly as the webhook writes them.
 */

const APP = 'wx1234567890abcdef';

/** A logged message at `at` (its id minted then, as the webhook does), with an EventKey unless key is null. */
function logged(at: string, event: string | null, key: string | null, over: Partial<LoggedMessage> = {}): LoggedMessage {
  const keyXml = key === null ? '' : `<EventKey><![CDATA[${key}]]></EventKey>`;
  return {
    id: newMessageId(Date.parse(at)), appId: APP, direction: 'in', openid: 'o1', type: event ? 'event' : 'text', event, createdAt: at,
    xml: `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event>${keyXml}</xml>`,
    ...over,
  };
}

/** The port promises no order: sorted by day, event, key (code units, not the locale's order). */
const sorted = (counts: MenuEventCount[]): MenuEventCount[] => {
  const id = (c: MenuEventCount) => `${c.date}\n${c.event}\n${c.key}`;
  return [...counts].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
};

export function describeMenuEventCounterContract(
  name: string,
  make: () => Promise<{ repo: MenuEventCounter; messages: MessageRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (MenuEventCounter contract)`, () => {
    let repo: MenuEventCounter;
    let messages: MessageRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, messages, close } = await make());
    });
    afterEach(async () => close());

    const count = (since: string, until: string, timeZone = 'Asia/Shanghai') => repo.countMenuEvents({ appId: APP, since, until, timeZone });

    describe('the day of the account', () => {
      beforeEach(() => messages.insertMany([
        logged('2026-03-01T15:59:00.000Z', 'CLICK', 'HELP'), // 23:59 in Shanghai, 2026-03-01
        logged('2026-03-01T16:01:00.000Z', 'CLICK', 'HELP'), // 00:01 in Shanghai, 2026-03-02
        logged('2026-03-01T16:02:00.000Z', 'CLICK', 'HELP'),
        logged('2026-03-01T16:03:00.000Z', 'VIEW', 'https://e.com/'),
        logged('2026-03-01T16:04:00.000Z', 'subscribe', null),
        logged('2026-03-01T16:05:00.000Z', 'CLICK', null), // no EventKey: nothing to attribute it to
        logged('2026-03-01T16:06:00.000Z', 'CLICK', 'HELP', { appId: 'wxother' }),
        logged('2026-03-01T16:07:00.000Z', 'CLICK', 'HELP', { direction: 'out' }),
        logged('2026-03-05T00:00:00.000Z', 'CLICK', 'HELP'), // outside the range
      ]));

      it('when counting a range, then CLICK/VIEW events of the account are bucketed by local day and EventKey, others left out', async () => {
        expect(sorted(await count('2026-02-28T16:00:00.000Z', '2026-03-02T16:00:00.000Z'))).toEqual([
          { date: '2026-03-01', event: 'CLICK', key: 'HELP', count: 1 },
          { date: '2026-03-02', event: 'CLICK', key: 'HELP', count: 2 },
          { date: '2026-03-02', event: 'VIEW', key: 'https://e.com/', count: 1 },
        ]);
      });

      it('when the time zone is UTC, then the same events fall on other days', async () => {
        expect(sorted(await count('2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', 'UTC'))).toEqual([
          { date: '2026-03-01', event: 'CLICK', key: 'HELP', count: 3 },
          { date: '2026-03-01', event: 'VIEW', key: 'https://e.com/', count: 1 },
        ]);
      });

      it('when the range is given, then since is included and until excluded', async () => {
        expect(await count('2026-03-01T16:01:00.000Z', '2026-03-01T16:02:00.000Z')).toEqual([{ date: '2026-03-02', event: 'CLICK', key: 'HELP', count: 1 }]);
        expect(await count('2026-03-01T16:08:00.000Z', '2026-03-05T00:00:00.000Z')).toEqual([]);
      });
    });

    it('when the time zone changes its offset (daylight saving), then each event falls on its local day', async () => {
      // New York moves from UTC-5 to UTC-4 at 2026-03-08 07:00Z.
      await messages.insertMany([
        logged('2026-03-08T04:30:00.000Z', 'CLICK', 'K'), // 23:30 EST, 03-07
        logged('2026-03-09T03:30:00.000Z', 'CLICK', 'K'), // 23:30 EDT, 03-08
        logged('2026-03-09T04:30:00.000Z', 'CLICK', 'K'), // 00:30 EDT, 03-09 (still 03-08 at the winter offset)
      ]);
      expect(sorted(await count('2026-03-07T00:00:00.000Z', '2026-03-10T00:00:00.000Z', 'America/New_York'))).toEqual([
        { date: '2026-03-07', event: 'CLICK', key: 'K', count: 1 },
        { date: '2026-03-08', event: 'CLICK', key: 'K', count: 1 },
        { date: '2026-03-09', event: 'CLICK', key: 'K', count: 1 },
      ]);
    });

    it('when the clock goes back across midnight, then the repeated hour still belongs to the day before', async () => {
      // Beirut leaves summer time at 00:00 on 2026-10-25 (21:00Z), back to 23:00 on the 24th.
      await messages.insertMany([
        logged('2026-10-24T20:30:00.000Z', 'VIEW', 'https://e.com/'), // 23:30 EEST, 10-24
        logged('2026-10-24T21:30:00.000Z', 'VIEW', 'https://e.com/'), // 23:30 EET, 10-24 again
        logged('2026-10-24T22:30:00.000Z', 'VIEW', 'https://e.com/'), // 00:30 EET, 10-25
      ]);
      expect(sorted(await count('2026-10-24T00:00:00.000Z', '2026-10-26T00:00:00.000Z', 'Asia/Beirut'))).toEqual([
        { date: '2026-10-24', event: 'VIEW', key: 'https://e.com/', count: 2 },
        { date: '2026-10-25', event: 'VIEW', key: 'https://e.com/', count: 1 },
      ]);
    });

    it('when an event cannot be attributed or is not a menu tap, then it is not counted', async () => {
      const t = (minute: number) => `2026-03-01T01:${String(minute).padStart(2, '0')}:00.000Z`;
      await messages.insertMany([
        logged(t(1), 'CLICK', ''), // an empty EventKey
        logged(t(2), 'CLICK', 'HELP', { xml: '<xml><EventKey>HELP</EventKey' }), // unreadable XML
        logged(t(3), 'click', 'HELP'), // the event name is matched exactly
        logged(t(4), 'CLICK', 'HELP', { type: 'text' }), // not an event message
        logged(t(5), 'LOCATION', 'HELP'),
        logged(t(6), 'CLICK', 'HELP', { reply: { type: 'text', xml: '<xml/>' } }), // a reply on the row does not matter
        logged(t(7), 'CLICK', 'a&b <c>'), // the key is the text, as the XML parser reads it
        logged(t(8), 'VIEW', 'HELP'), // the same key under another event is another button
      ]);
      expect(sorted(await count('2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', 'UTC'))).toEqual([
        { date: '2026-03-01', event: 'CLICK', key: 'HELP', count: 1 },
        { date: '2026-03-01', event: 'CLICK', key: 'a&b <c>', count: 1 },
        { date: '2026-03-01', event: 'VIEW', key: 'HELP', count: 1 },
      ]);
    });

    it('when the log is empty, then there are no counts', async () => {
      expect(await count('2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z')).toEqual([]);
    });
  });
}
