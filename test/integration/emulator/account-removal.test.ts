import { MenuApi } from '../../../src/wechat-api/menu';
import { QrCodeApi } from '../../../src/wechat-api/qrcode';
import { apiClientFor } from '../../helpers/api-client';
import { startEmulator } from '../../helpers/emulator';

describe('emulator accounts removed and added again', () => {
  it('when an account is deleted and re-created, then its menus and QR codes are gone', async () => {
    const emulator = await startEmulator();
    const { appId, secret } = emulator.account;
    const control = (method: string, body?: unknown) =>
      fetch(`${emulator.url}/__emulator/accounts${method === 'POST' ? '' : `/${appId}`}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    try {
      const client = apiClientFor(emulator.url, appId, secret);
      await new MenuApi(client).create([{ type: 'click', name: '营业时间', key: 'HOURS' }]);
      const qr = await new QrCodeApi(client).create({ actionName: 'QR_LIMIT_STR_SCENE', sceneStr: 'shop' });
      expect((await control('DELETE')).status).toBeLessThan(300);
      expect((await control('POST', emulator.account)).status).toBeLessThan(300);
      const fresh = apiClientFor(emulator.url, appId, secret);
      expect(await new MenuApi(fresh).get()).toBeNull();
      const lookup = await fetch(`${emulator.url}/__emulator/accounts/${appId}/qrcodes/${encodeURIComponent(qr.ticket)}`);
      expect(lookup.status).toBe(404);
    } finally {
      await emulator.close();
    }
  });
});
