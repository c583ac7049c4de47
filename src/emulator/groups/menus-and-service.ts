import type { RegisterGroup } from '../core/contract';
import { registerCustomMessageRoutes } from './custom-message-routes';
import { ServiceWindows } from './custom-message-window';
import { registerKfAccountRoutes } from './kf-account-routes';
import { registerKfControlRoutes } from './kf-control-routes';
import { registerKfRecordRoutes } from './kf-record-routes';
import { registerKfSessionRoutes } from './kf-session-routes';
import { KfBook } from './kf-state';
import { registerMenuInfoRoutes } from './menu-info-routes';
import { registerMenuRoutes } from './menu-routes';
import { MenuBook } from './menu-state';

/**
 * The custom-menu group (§5) and the customer-service group (§6). State lives in this closure,
 * so every emulator instance starts empty.
 */
export const registerMenusAndService: RegisterGroup = (router, emu) => {
  const menus = new MenuBook();
  const kf = new KfBook();
  const windows = new ServiceWindows();
  emu.onAccountRemoved((appId) => {
    menus.forget(appId);
    kf.forget(appId);
  });

  emu.onActivity((appId, openid, activity) => {
    windows.observe(appId, openid, activity);
    const state = kf.of(appId);
    // A queued follower who writes again moves their latest_time; one who leaves leaves the queue and any session.
    if (activity.kind === 'message' && state.waiting.has(openid)) state.waiting.set(openid, activity.at);
    if (activity.kind === 'unsubscribe') {
      state.waiting.delete(openid);
      state.sessions.delete(openid);
    }
  });

  registerMenuRoutes(router, emu, menus);
  registerMenuInfoRoutes(router, emu, menus);
  registerCustomMessageRoutes(router, emu, windows, kf);
  registerKfAccountRoutes(router, emu, kf);
  registerKfSessionRoutes(router, emu, kf);
  registerKfRecordRoutes(router, emu, kf);
  registerKfControlRoutes(router, emu, kf, windows);
};
