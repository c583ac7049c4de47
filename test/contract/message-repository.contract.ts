import type { LoggedMessage, MessageQuery, MessageRepository } from '../../src/modules/messages';

/**
 * What every MessageRepository adapter (the message log) must do, run by one runner per adapter.
 * The webhook logs in batches that are retried whole, and the admin API pages the log through
 * `list` with an id cursor, so idempotent inserts and exact filters and order are the contract.
 */

const APP = 'wx1234567890abcdef';
const OTHER_APP = 'wx0000000000000000';

/** 2026-03-<day> <hour>:<minute> UTC as the domain writes it. */
const at = (day: number, hour = 0, minute = 0): string => new Date(Date.UTC(2026, 2, day, hour, minute)).toISOString();

/** Ids as newMessageId makes them: 12 hex digits of ms, 4 of sequence, 8 random; `n` orders them. */
const idOf = (n: number): string => `0000019c${n.toString(16).padStart(4, '0')}0000abcdef${n.toString(16).padStart(2, '0')}`;

const message = (n: number, over: Partial<LoggedMessage> = {}): LoggedMessage => ({
  id: idOf(n), appId: APP, direction: 'in', openid: 'oA', type: 'text', event: null, createdAt: at(1, 0, n),
  xml: `<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[message ${n}]]></Content></xml>`, reply: null, ...over,
});

const ids = (ms: LoggedMessage[]): string[] => ms.map((m) => m.id);

export function describeMessageRepositoryContract(
  name: string,
  make: () => Promise<{ repo: MessageRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (MessageRepository contract)`, () => {
    let repo: MessageRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, close } = await make());
    });
    afterEach(async () => close());

    const list = async (q: Partial<MessageQuery> = {}): Promise<LoggedMessage[]> => (await repo.list({ appId: APP, limit: 100, ...q })).items;

    describe('insertMany', () => {
      it('when messages are stored, then each reads back field for field, its reply on it, a copy the caller cannot change', async () => {
        const withReply = message(1, {
          type: 'event', event: 'subscribe', openid: 'oB', xml: '<xml><Event><![CDATA[subscribe]]></Event></xml>',
          reply: { type: 'news', xml: '<xml><MsgType><![CDATA[news]]></MsgType></xml>' },
        });
        const outbound = message(2, { direction: 'out', type: 'text', xml: '<xml><Content>客服回复</Content></xml>' });
        const { reply: _omitted, ...noReplyField } = message(3);
        await repo.insertMany([withReply, outbound, noReplyField]);
        const page = await repo.list({ appId: APP, limit: 10 });
        expect(page).toEqual({ items: [{ ...message(3), reply: null }, outbound, withReply], nextCursor: null });
        page.items[2]!.reply!.type = 'changed';
        expect((await list())[2]!.reply).toEqual({ type: 'news', xml: '<xml><MsgType><![CDATA[news]]></MsgType></xml>' });
      });

      it('when a batch is stored again, then nothing is duplicated or fails, and the first copy of each id stays', async () => {
        await repo.insertMany([message(1), message(2)]);
        await repo.insertMany([message(1, { xml: '<xml>retried</xml>' }), message(2), message(3)]);
        const stored = await list();
        expect(ids(stored)).toEqual([idOf(3), idOf(2), idOf(1)]);
        expect(stored[2]!.xml).toBe(message(1).xml);
      });

      it('when one batch holds an id twice, then the first is kept and the rest of the batch is stored', async () => {
        await repo.insertMany([message(1), message(1, { openid: 'oSecond' }), message(2)]);
        expect((await list()).map((m) => [m.id, m.openid])).toEqual([[idOf(2), 'oA'], [idOf(1), 'oA']]);
      });

      it('when the batch is empty, then nothing happens', async () => {
        await repo.insertMany([]);
        expect(await list()).toEqual([]);
      });
    });

    describe('list', () => {
      beforeEach(() => repo.insertMany([
        message(5, { openid: 'oB', createdAt: at(3) }),
        message(1, { createdAt: at(1) }),
        message(3, { type: 'event', event: 'CLICK', createdAt: at(2), reply: { type: 'image', xml: '<xml/>' } }),
        message(2, { type: 'image', createdAt: at(1, 12) }),
        message(4, { openid: 'oB', type: 'voice', createdAt: at(2, 12), reply: { type: 'text', xml: '<xml/>' } }),
        message(6, { appId: OTHER_APP, createdAt: at(2) }),
      ]));

      it('when only the account is given, then its messages come newest first by id', async () => {
        expect(ids(await list())).toEqual([idOf(5), idOf(4), idOf(3), idOf(2), idOf(1)]);
        expect(ids(await list({ appId: OTHER_APP }))).toEqual([idOf(6)]);
        expect(await list({ appId: 'wxunknown' })).toEqual([]);
      });

      it('when a limit is given, then at most that many come, the newest; a limit of 0 gives none', async () => {
        expect(ids(await list({ limit: 2 }))).toEqual([idOf(5), idOf(4)]);
        expect(await list({ limit: 0 })).toEqual([]);
      });

      it('when an openid is given, then only that follower\'s messages come', async () => {
        expect(ids(await list({ openid: 'oB' }))).toEqual([idOf(5), idOf(4)]);
        expect(ids(await list({ openid: 'oNobody' }))).toEqual([]);
      });

      it('when a type is given, then messages of that type or with a reply of that type come', async () => {
        expect(ids(await list({ type: 'text' }))).toEqual([idOf(5), idOf(4), idOf(1)]);
        expect(ids(await list({ type: 'image' }))).toEqual([idOf(3), idOf(2)]);
        expect(ids(await list({ type: 'event', openid: 'oA' }))).toEqual([idOf(3)]);
      });

      it('when since and until are given, then createdAt is in [since, until)', async () => {
        expect(ids(await list({ since: at(1, 12), until: at(3) }))).toEqual([idOf(4), idOf(3), idOf(2)]);
        expect(ids(await list({ since: at(2, 12) }))).toEqual([idOf(5), idOf(4)]);
        expect(ids(await list({ until: at(1, 12) }))).toEqual([idOf(1)]);
      });

      it('when a cursor is given, then only older ids come, and the cursor\'s own row too when inclusive', async () => {
        expect(ids(await list({ cursor: idOf(4), limit: 2 }))).toEqual([idOf(3), idOf(2)]);
        expect(ids(await list({ cursor: idOf(4), cursorInclusive: true, limit: 2 }))).toEqual([idOf(4), idOf(3)]);
        expect(ids(await list({ cursor: idOf(4), cursorInclusive: false }))).toEqual([idOf(3), idOf(2), idOf(1)]);
        expect(ids(await list({ cursor: idOf(1) }))).toEqual([]);
      });

      it('when every filter is given, then all of them apply together', async () => {
        await repo.insertMany([message(7, { openid: 'oB', type: 'text', createdAt: at(2, 13) })]);
        const q = { openid: 'oB', type: 'text', since: at(2), until: at(3), cursor: idOf(7), cursorInclusive: true };
        expect(ids(await list(q))).toEqual([idOf(7), idOf(4)]);
        expect((await repo.list({ appId: APP, limit: 100, ...q })).nextCursor).toBeNull();
      });
    });
  });
}
