import { callbackSignature } from '../../../src/wechat';
import { MassApi } from '../../../src/wechat-api/mass';
import { follow, publishingSetup, type PublishingSetup } from './mass-webhook';

const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

describe('MASSSENDJOBFINISH at the webhook', () => {
  let setup: PublishingSetup;
  afterEach(async () => setup.close());

  it('when a send finishes in plaintext mode, then the signed callback carries MsgID and counts that agree', async () => {
    setup = await publishingSetup({ mode: 'plaintext' });
    follow(setup, ['oA', 'oB', 'oC']);
    const appId = setup.emulator.account.appId;
    setup.emulator.emu.followers(appId).get('oC')!.blacklisted = true;
    setup.emulator.emu.unfollow(appId, 'oB');
    const { msgId } = await new MassApi(setup.client).sendAll({ filter: { isToAll: true }, message: { type: 'text', content: 'hi' } });
    const [event] = await setup.webhook.events('MASSSENDJOBFINISH');
    expect(event).toMatchObject({ MsgType: 'event', MsgID: msgId, Status: 'send success', TotalCount: '2', FilterCount: '1', SentCount: '1', ErrorCount: '0' });
    expect(event!.ToUserName).toBe(setup.emulator.account.originalId);
    const { query } = setup.webhook.received[0]!;
    expect(query.get('signature')).toBe(callbackSignature(setup.emulator.account.token, query.get('timestamp')!, query.get('nonce')!));
  });

  it('when the account is in safe mode, then the decrypted callback has the same counts', async () => {
    setup = await publishingSetup({ mode: 'safe', encodingAESKey: AES_KEY });
    follow(setup, ['oA', 'oB']);
    const { msgId } = await new MassApi(setup.client).send({ openids: ['oA', 'oB', 'oNobody'], message: { type: 'text', content: 'hi' } });
    const [event] = await setup.webhook.events('MASSSENDJOBFINISH');
    expect(event).toMatchObject({ MsgID: msgId, TotalCount: '3', FilterCount: '2', SentCount: '2', ErrorCount: '0' });
    expect(setup.webhook.received[0]!.query.get('encrypt_type')).toBe('aes');
  });
});
