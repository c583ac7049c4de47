import type { ApiCaller } from './caller';

/**
 * WeChat's own addresses: where callbacks come from (to allow them through a firewall) and what
 * api.weixin.qq.com resolves to (to allow our outbound calls).
 * https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_the_WeChat_server_IP_address.html
 */
export class CallbackIpApi {
  constructor(private readonly caller: ApiCaller) {}

  /** Addresses and CIDR ranges WeChat's callbacks come from. GET /cgi-bin/getcallbackip (doc page above). */
  async callbackIps(): Promise<string[]> {
    return (await this.caller.get<{ ip_list?: string[] }>('/cgi-bin/getcallbackip')).ip_list ?? [];
  }

  /** Addresses of api.weixin.qq.com as seen from WeChat. GET /cgi-bin/get_api_domain_ip (doc page above). */
  async apiDomainIps(): Promise<string[]> {
    return (await this.caller.get<{ ip_list?: string[] }>('/cgi-bin/get_api_domain_ip')).ip_list ?? [];
  }
}
