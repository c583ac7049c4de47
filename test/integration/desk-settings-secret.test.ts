import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { ADMIN_TOKEN, startTestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT } from '../helpers/wechat-client';

describe('the notification secret at rest', () => {
  it('when an operator sets it, then the API never shows it, the store keeps it sealed, and the service still signs with it', async () => {
    const rt = await startTestRuntime();
    try {
      await rt.accounts.create(TEST_ACCOUNT);
      const secret = 'the-clients-signing-secret-1234';
      const url = `/api/v1/accounts/${TEST_ACCOUNT.appId}/desk`;
      const set = await request(rt.handler).patch(url).set('authorization', `Bearer ${ADMIN_TOKEN}`).send({ notifyUrl: 'https://client.example/hook', notifySecret: secret });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ hasNotifySecret: true });
      expect(JSON.stringify(set.body)).not.toContain(secret);
      const shown = await request(rt.handler).get(url).set('authorization', `Bearer ${ADMIN_TOKEN}`);
      expect(JSON.stringify(shown.body)).not.toContain(secret);
      // A GET body PATCHed back keeps the secret.
      await request(rt.handler).patch(url).set('authorization', `Bearer ${ADMIN_TOKEN}`).send(shown.body).expect(200);

      expect((await rt.store.deskSettings.get(TEST_ACCOUNT.appId))?.notifySecret).not.toContain(secret);
      expect((await rt.customerService.settings.get(TEST_ACCOUNT.appId)).notifySecret).toBe(secret);
      await rt.store.close();
      const bytes = Buffer.concat(fs.readdirSync(rt.dataDir).filter((f) => f.includes('sqlite')).map((f) => fs.readFileSync(path.join(rt.dataDir, f))));
      expect(bytes.includes('client.example/hook')).toBe(true); // the search reads the data
      expect(bytes.includes(secret)).toBe(false);
    } finally {
      await rt.close().catch(() => undefined);
    }
  });
});
