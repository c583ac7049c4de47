import pino from 'pino';
import type { Lead } from '../../../../src/modules/customer-service/customer-service';
import type { LeadRepository, Notification, Notifier } from '../../../../src/modules/customer-service/customer-service.ports';
import { LeadService, type LeadServiceDeps } from '../../../../src/modules/customer-service/leads';
import { MemoryLeadRepository } from '../../../../src/modules/customer-service/memory-leads';
import { ManualClock } from '../../../../src/shared/clock';
import { ValidationError } from '../../../../src/shared/errors';

const APP = 'wx1234567890abcdef';
const URL_ = 'https://client.example.com/hooks/leads';
const RECEIVED = new Date('2026-11-27T04:00:00.000Z');

class RecordingNotifier implements Notifier {
  readonly sent: Array<{ target: { url: string; secret: string | null }; notification: Notification }> = [];
  constructor(private readonly behaviour: () => boolean = () => true) {}
  async notify(target: { url: string; secret: string | null }, notification: Notification): Promise<boolean> {
    this.sent.push({ target, notification });
    return this.behaviour();
  }
}

function setup(over: Partial<LeadServiceDeps> & { notifier?: RecordingNotifier } = {}) {
  const repo = new MemoryLeadRepository();
  const notifier = over.notifier ?? new RecordingNotifier();
  const clock = new ManualClock(Date.parse('2026-11-27T04:00:02.000Z'));
  const logs: Array<Record<string, unknown>> = [];
  let n = 0;
  const service = new LeadService({
    repo,
    settings: async () => ({ notifyUrl: URL_, notifySecret: 'sec' }),
    notifier,
    channelOf: async () => 'qr:booth-7',
    clock,
    logger: pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) }),
    ids: () => `lead-${++n}`,
    ...over,
  });
  const stored = () => repo.list(APP, { limit: 100 });
  return { service, repo, notifier, clock, logs, stored };
}

const message = (text: string, msgId: string | null = '24000000000000000001') => ({ text, msgId, at: RECEIVED });

describe('LeadService.capture', () => {
  it('when a message holds a mobile and an e-mail, then both become leads, each is forwarded once as a lead notification and marked forwarded', async () => {
    const { service, notifier, stored } = setup();
    const text = '您好，我叫王五，电话 138-0013-8000，邮箱 Wang.Wu@Example.com';
    const fresh = await service.capture(APP, 'o-follower', message(text));

    const lead = (id: string, kind: Lead['kind'], value: string, forwardedAt: string | null): Lead => ({
      id, appId: APP, openid: 'o-follower', kind, value, text, at: '2026-11-27T04:00:00.000Z', channel: 'qr:booth-7',
      msgId: '24000000000000000001', forwardedAt,
    });
    expect(fresh).toEqual([lead('lead-1', 'mobile', '13800138000', '2026-11-27T04:00:02.000Z'), lead('lead-2', 'email', 'wang.wu@example.com', '2026-11-27T04:00:02.000Z')]);
    expect(await stored()).toEqual([lead('lead-2', 'email', 'wang.wu@example.com', '2026-11-27T04:00:02.000Z'), lead('lead-1', 'mobile', '13800138000', '2026-11-27T04:00:02.000Z')]);
    expect(notifier.sent).toEqual([
      {
        target: { url: URL_, secret: 'sec' },
        notification: {
          type: 'lead', appId: APP, at: '2026-11-27T04:00:02.000Z',
          data: { leadId: 'lead-1', openid: 'o-follower', kind: 'mobile', value: '13800138000', text, channel: 'qr:booth-7', msgId: '24000000000000000001', messageAt: '2026-11-27T04:00:00.000Z' },
        },
      },
      {
        target: { url: URL_, secret: 'sec' },
        notification: {
          type: 'lead', appId: APP, at: '2026-11-27T04:00:02.000Z',
          data: { leadId: 'lead-2', openid: 'o-follower', kind: 'email', value: 'wang.wu@example.com', text, channel: 'qr:booth-7', msgId: '24000000000000000001', messageAt: '2026-11-27T04:00:00.000Z' },
        },
      },
    ]);
  });

  it('when WeChat retries the callback, then nothing new is stored or forwarded', async () => {
    const { service, notifier, stored } = setup();
    await service.capture(APP, 'o-follower', message('电话13800138000'));
    expect(await service.capture(APP, 'o-follower', message('电话13800138000'))).toEqual([]);
    expect([(await stored()).length, notifier.sent.length]).toEqual([1, 1]);
  });

  it('when the same message is captured twice at once, then one lead is stored and forwarded once', async () => {
    const { service, notifier, stored } = setup();
    const results = await Promise.all([1, 2, 3].map(() => service.capture(APP, 'o-follower', message('电话13800138000'))));
    expect(results.map((r) => r.length).sort()).toEqual([0, 0, 1]);
    expect([(await stored()).length, notifier.sent.length]).toEqual([1, 1]);
  });

  it('when the follower repeats a number and adds a QQ, then only the QQ is new', async () => {
    const { service, notifier } = setup();
    await service.capture(APP, 'o-follower', message('13800138000', '1'));
    const fresh = await service.capture(APP, 'o-follower', message('还是13800138000，QQ 12345678', '2'));
    expect(fresh.map((l) => [l.kind, l.value, l.msgId])).toEqual([['qq', '12345678', '2']]);
    expect(notifier.sent.map((s) => s.notification.data.value)).toEqual(['13800138000', '12345678']);
  });

  it('when the message holds no contact, then nothing is stored, asked or sent', async () => {
    const asked: string[] = [];
    const { service, notifier, stored } = setup({
      settings: async () => { asked.push('settings'); return { notifyUrl: URL_, notifySecret: null }; },
      channelOf: async () => { asked.push('channel'); return null; },
    });
    expect(await service.capture(APP, 'o-follower', message('订单号 202611271234567 什么时候发货？'))).toEqual([]);
    expect([await stored(), notifier.sent, asked]).toEqual([[], [], []]);
  });

  it('when the account has no notification URL, then the lead is stored and stays unforwarded', async () => {
    const { service, notifier, stored } = setup({ settings: async () => ({ notifyUrl: null, notifySecret: null }) });
    const fresh = await service.capture(APP, 'o-follower', message('13800138000'));
    expect([fresh.map((l) => l.forwardedAt), (await stored()).map((l) => l.forwardedAt), notifier.sent.length]).toEqual([[null], [null], 0]);
  });

  it('when the notifier answers false (not delivered), then the lead stays unforwarded', async () => {
    const { service, stored } = setup({ notifier: new RecordingNotifier(() => false) });
    await service.capture(APP, 'o-follower', message('13800138000'));
    expect((await stored()).map((l) => l.forwardedAt)).toEqual([null]);
  });

  it('when the notifier throws anyway, then capture resolves, the lead is kept unforwarded and the failure is logged', async () => {
    const { service, stored, logs } = setup({ notifier: new RecordingNotifier(() => { throw new Error('socket hang up'); }) });
    await expect(service.capture(APP, 'o-follower', message('13800138000'))).resolves.toHaveLength(1);
    expect((await stored()).map((l) => l.forwardedAt)).toEqual([null]);
    expect(logs.find((l) => l.msg === 'lead not forwarded')).toMatchObject({ err: 'socket hang up', appId: APP, leadId: 'lead-1' });
  });

  it('when the settings cannot be read, then capture resolves with the stored lead and logs it', async () => {
    const { service, notifier, logs } = setup({ settings: async () => { throw new Error('db locked'); } });
    await expect(service.capture(APP, 'o-follower', message('13800138000'))).resolves.toHaveLength(1);
    expect(notifier.sent).toEqual([]);
    expect(logs.some((l) => l.err === 'db locked' && l.level === 50)).toBe(true);
  });

  it('when the store fails, then capture resolves with nothing new and logs it', async () => {
    const broken: LeadRepository = { insert: async () => { throw new Error('disk full'); }, list: async () => [], markForwarded: async () => {} };
    const { service, notifier, logs } = setup({ repo: broken });
    await expect(service.capture(APP, 'o-follower', message('13800138000'))).resolves.toEqual([]);
    expect(notifier.sent).toEqual([]);
    expect(logs.find((l) => l.msg === 'lead not stored')).toMatchObject({ err: 'disk full', kind: 'mobile' });
  });

  it('when the follower\'s channel is unknown or cannot be read, then the lead has none', async () => {
    const { service: without } = setup({ channelOf: undefined });
    expect((await without.capture(APP, 'o-1', message('13800138000')))[0]!.channel).toBeNull();
    const { service: failing, logs } = setup({ channelOf: async () => { throw new Error('boom'); } });
    expect((await failing.capture(APP, 'o-1', message('13800138000')))[0]!.channel).toBeNull();
    expect(logs.find((l) => l.msg === 'follower channel unknown')).toMatchObject({ err: 'boom' });
  });
});

describe('LeadService.list and csv', () => {
  const seed = async (repo: MemoryLeadRepository, count: number) => {
    for (let i = 0; i < count; i += 1) {
      await repo.insert({
        id: `l${String(i).padStart(3, '0')}`, appId: APP, openid: 'o1', kind: 'qq', value: String(10000 + i), text: 't',
        at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(), channel: null, msgId: null, forwardedAt: null,
      });
    }
  };

  it('when no limit is given, then list gives the newest 100 and csv up to 10 000', async () => {
    const { service, repo } = setup();
    await seed(repo, 101);
    const listed = await service.list(APP);
    expect([listed.length, listed[0]!.id]).toEqual([100, 'l100']);
    expect((await service.csv(APP)).split('\r\n')).toHaveLength(1 + 101 + 1);
  });

  it('when since and until are given as Dates or ISO strings, then only leads in [since, until) come', async () => {
    const { service, repo } = setup();
    await seed(repo, 5);
    const ids = async (q: Parameters<LeadService['list']>[1]) => (await service.list(APP, q)).map((l) => l.id);
    expect(await ids({ since: new Date(Date.UTC(2026, 10, 1, 0, 1)), until: '2026-11-01T00:03:00Z' })).toEqual(['l002', 'l001']);
    expect(await ids({ since: '2026-11-01T08:03:00+08:00', limit: 1 })).toEqual(['l004']);
  });

  it('when the query is wrong, then a ValidationError names every problem', async () => {
    const { service } = setup();
    const err = await service.list(APP, { since: 'yesterday', limit: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).details).toEqual([
      { field: 'since', message: 'must be an ISO 8601 time' },
      { field: 'limit', message: 'must be a whole number from 1 to 1000' },
    ]);
    const backwards = await service.csv(APP, { since: '2026-11-02T00:00:00Z', until: '2026-11-01T00:00:00Z', limit: 50_001 }).catch((e: unknown) => e);
    expect((backwards as ValidationError).details).toEqual([
      { field: 'limit', message: 'must be a whole number from 1 to 50000' },
      { field: 'until', message: 'must be after since' },
    ]);
  });

  it('when leads are exported, then the CSV has a BOM, the header, CRLF rows newest first, RFC 4180 quoting and formulas defused', async () => {
    const { service, repo } = setup();
    const base = { appId: APP, openid: 'o1', kind: 'mobile' as const, msgId: null, forwardedAt: null };
    await repo.insert({ ...base, id: 'a', value: '13800138000', text: '电话13800138000, 找"老王"\n谢谢', at: '2026-11-01T00:00:00.000Z', channel: 'qr:booth' });
    await repo.insert({ ...base, id: 'b', kind: 'email', value: '=cmd@x.cn', text: '=HYPERLINK("http://evil")', at: '2026-11-02T00:00:00.000Z', channel: null });
    await repo.insert({ ...base, id: 'c', value: '13900139000', text: '+1 -2 @SUM(A1)', at: '2026-11-03T00:00:00.000Z', channel: '-x' });
    expect(await service.csv(APP)).toBe([
      '\uFEFFtime,openid,kind,value,channel,text',
      "2026-11-03T00:00:00.000Z,o1,mobile,13900139000,'-x,'+1 -2 @SUM(A1)",
      `2026-11-02T00:00:00.000Z,o1,email,'=cmd@x.cn,,"'=HYPERLINK(""http://evil"")"`,
      '2026-11-01T00:00:00.000Z,o1,mobile,13800138000,qr:booth,"电话13800138000, 找""老王""\n谢谢"',
      '',
    ].join('\r\n'));
  });

  it('when the account has no leads, then the CSV is the BOM and the header', async () => {
    const { service } = setup();
    expect(await service.csv(APP)).toBe('\uFEFFtime,openid,kind,value,channel,text\r\n');
  });
});
