import { startHarness, type Harness } from './menus-and-service-harness';

const typing = (h: Harness, command: string, touser = 'oA') => h.post('/cgi-bin/message/custom/typing', { touser, command });

describe('message/custom/typing (§6.2)', () => {
  it('when the follower wrote just now, then Typing is accepted and a second Typing within 15 s is 45081', async () => {
    const h = startHarness();
    h.fan('oA');
    expect(await typing(h, 'Typing')).toEqual({ errcode: 0, errmsg: 'ok' });
    h.clock.advance(14_000);
    expect(await typing(h, 'Typing')).toMatchObject({ errcode: 45081 });
  });

  it('when the indicator ran out after 15 s and the interaction is still within 30 s, then Typing works again', async () => {
    const h = startHarness();
    h.fan('oA');
    await typing(h, 'Typing');
    h.clock.advance(15_000);
    expect(await typing(h, 'Typing')).toMatchObject({ errcode: 0 });
  });

  it('when the last interaction is over 30 s old, then Typing is 45080', async () => {
    const h = startHarness();
    h.fan('oA');
    h.clock.advance(31_000);
    expect(await typing(h, 'Typing')).toMatchObject({ errcode: 45080 });
  });

  it('when a message is sent while typing, then typing is cancelled and can be shown again at once', async () => {
    const h = startHarness();
    h.fan('oA');
    await typing(h, 'Typing');
    await h.post('/cgi-bin/message/custom/send', { touser: 'oA', msgtype: 'text', text: { content: 'x' } });
    expect(await typing(h, 'Typing')).toMatchObject({ errcode: 0 });
  });

  it('when CancelTyping is sent, then a new Typing is allowed straight away', async () => {
    const h = startHarness();
    h.fan('oA');
    await typing(h, 'Typing');
    expect(await typing(h, 'CancelTyping')).toMatchObject({ errcode: 0 });
    expect(await typing(h, 'Typing')).toMatchObject({ errcode: 0 });
  });

  it('when no message could be sent (window closed), then Typing is 45015', async () => {
    const h = startHarness();
    h.fan('oA');
    h.clock.advance(49 * 3600_000);
    expect(await typing(h, 'Typing')).toMatchObject({ errcode: 45015 });
  });

  it('when the command is neither Typing nor CancelTyping, then it is 45072; an unknown openid is 40003', async () => {
    const h = startHarness();
    h.fan('oA');
    expect(await typing(h, 'typing')).toMatchObject({ errcode: 45072 });
    expect(await typing(h, 'Typing', 'oNobody')).toMatchObject({ errcode: 40003 });
  });
});
