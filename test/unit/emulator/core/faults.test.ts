import { ManualClock } from '../../../../src/shared/clock';
import { startEmulator, type StartedEmulator } from '../../../helpers/emulator';

describe('programmable faults', () => {
  let e: StartedEmulator;
  let tokenUrl: string;
  beforeEach(async () => {
    e = await startEmulator({ clock: new ManualClock() });
    tokenUrl = `${e.url}/cgi-bin/token?grant_type=client_credential&appid=${e.account.appId}&secret=${e.account.secret}`;
  });
  afterEach(() => e.close());

  const addFault = (fault: Record<string, unknown>) =>
    fetch(`${e.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify(fault) });

  it('when a fault with an errcode is set for N calls, then exactly the next N calls fail with it and HTTP 200', async () => {
    expect((await addFault({ path: '/cgi-bin/token', count: 2, errcode: -1 })).status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const res = await fetch(tokenUrl);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ errcode: -1, errmsg: expect.stringMatching(/^system error rid: /) });
    }
    expect(await (await fetch(tokenUrl)).json()).toMatchObject({ expires_in: 7200 });
  });

  it('when a fault is set for another path, then this path is unaffected', async () => {
    await addFault({ path: '/cgi-bin/menu/create', count: 1, errcode: 45011 });
    expect(await (await fetch(tokenUrl)).json()).toMatchObject({ expires_in: 7200 });
  });

  it('when latency is set, then the call is delayed by at least that much and then served', async () => {
    await addFault({ path: '/cgi-bin/token', count: 1, latencyMs: 200 });
    const started = Date.now();
    const body = await (await fetch(tokenUrl)).json();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(body).toMatchObject({ expires_in: 7200 });
  });

  it('when drop is set, then the connection is destroyed without a response', async () => {
    await addFault({ path: '/cgi-bin/token', count: 1, drop: true });
    await expect(fetch(tokenUrl)).rejects.toThrow();
    expect(await (await fetch(tokenUrl)).json()).toMatchObject({ expires_in: 7200 });
  });

  it('when the faults are cleared, then calls succeed again', async () => {
    await addFault({ path: '/cgi-bin/token', count: 5, errcode: 40164 });
    expect((await fetch(`${e.url}/__emulator/faults`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await fetch(tokenUrl)).json()).toMatchObject({ expires_in: 7200 });
  });

  it('when a fault has nothing to do, then it is refused with 400', async () => {
    expect((await addFault({ path: '/cgi-bin/token', count: 1 })).status).toBe(400);
    expect((await addFault({ path: 'cgi-bin/token', count: 1, errcode: -1 })).status).toBe(400);
  });
});
