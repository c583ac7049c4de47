import { CallbackIpApi } from '../../../src/wechat-api/callback-ip';
import { fakeCaller } from './users-fake-caller';

describe('CallbackIpApi', () => {
  it('when asked for callback and API domain addresses, then it reads ip_list from the two GET endpoints', async () => {
    const caller = fakeCaller((call) => ({ ip_list: call.path === '/cgi-bin/getcallbackip' ? ['101.226.103.0/25'] : ['101.89.47.18'] }));
    const api = new CallbackIpApi(caller);
    expect(await api.callbackIps()).toEqual(['101.226.103.0/25']);
    expect(await api.apiDomainIps()).toEqual(['101.89.47.18']);
    expect(caller.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /cgi-bin/getcallbackip', 'GET /cgi-bin/get_api_domain_ip']);
  });
});
