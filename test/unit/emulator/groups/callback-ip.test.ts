import { audienceEmulator } from './users-fake-emulator';

describe('emulator callback IPs', () => {
  it('when the IP lists are asked for twice, then the same non-empty ip_list comes back each time', async () => {
    const e = audienceEmulator();
    const callback = await e.get('/cgi-bin/getcallbackip');
    const domain = await e.get('/cgi-bin/get_api_domain_ip');
    expect(callback.ip_list.length).toBeGreaterThan(0);
    expect(callback.ip_list).toContain('101.226.103.0/25');
    expect(domain.ip_list.every((ip: string) => /^\d+\.\d+\.\d+\.\d+$/.test(ip))).toBe(true);
    expect(await e.get('/cgi-bin/getcallbackip')).toEqual(callback);
  });

  it('when the token is wrong, then the IP lists are not given', async () => {
    const e = audienceEmulator();
    expect((await e.raw.get('/cgi-bin/getcallbackip').query({ access_token: 'nope' })).body.errcode).toBe(40001);
  });
});
