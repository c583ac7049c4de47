import type Router from '@koa/router';
import type { EmulatorContext, RegisterGroup } from '../core/contract';

/**
 * Fixed address lists in WeChat's shape: addresses and CIDR ranges. WeChat's real lists change
 * over time, which is why operators read them rather than hard-code them; these never change, so
 * tests can compare them.
 */
export const CALLBACK_IPS = ['101.226.62.77', '101.226.62.78', '101.226.103.0/25', '183.3.234.0/25', '203.205.219.128/25'] as const;
export const API_DOMAIN_IPS = ['101.89.47.18', '101.91.34.103', '109.244.145.154', '120.232.65.161'] as const;

/** GET /cgi-bin/getcallbackip and GET /cgi-bin/get_api_domain_ip. */
export const registerCallbackIp: RegisterGroup = (router: Router, emu: EmulatorContext) => {
  router.get('/cgi-bin/getcallbackip', (ctx) => {
    emu.authenticate(ctx);
    ctx.body = { ip_list: [...CALLBACK_IPS] };
  });

  router.get('/cgi-bin/get_api_domain_ip', (ctx) => {
    emu.authenticate(ctx);
    ctx.body = { ip_list: [...API_DOMAIN_IPS] };
  });
};
