import type { ApiCaller } from './caller';
import { WeChatApiError } from './errors';
import { autoReplyInfoFromWire, type AutoReplyInfo, type WireAutoReplyInfo } from './menu-autoreply';
import { selfMenuInfoFromWire, type SelfMenuInfo, type WireSelfMenuInfo } from './menu-selfmenu';
import type { MatchRule, MenuButton, MenuConfig } from './menu-types';
import { buttonsFromWire, buttonsToWire, matchRuleToWire, menuConfigFromWire, type WireButton, type WireMenuGet } from './menu-wire';

export * from './menu-types';
export type { SelfMenuInfo, SelfMenuButton, MaterialNewsItem } from './menu-selfmenu';
export type { AutoReplyInfo, AutoReplyContent, KeywordRule, AutoReplyType } from './menu-autoreply';

/** errcode for "no menu": menu/get answers it instead of an empty menu (wechatpy maps it to None too). */
const MENU_NOT_EXIST = 46003;

/** The custom menu (自定义菜单): the default menu, conditional menus, and the live configuration. */
export class MenuApi {
  constructor(private readonly api: ApiCaller) {}

  /**
   * Replaces the default menu (1–3 buttons, each a leaf or a parent of 1–5 leaves).
   * @see https://developers.weixin.qq.com/doc/subscription/api/custommenu/api_createcustommenu.html
   */
  async create(buttons: MenuButton[]): Promise<void> {
    await this.api.post('/cgi-bin/menu/create', { button: buttonsToWire(buttons) });
  }

  /**
   * The default and conditional menus set through the API, or null when there is no menu.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Querying_Custom_Menus.html
   */
  async get(): Promise<MenuConfig | null> {
    try {
      return menuConfigFromWire(await this.api.get<WireMenuGet>('/cgi-bin/menu/get'));
    } catch (err) {
      if (err instanceof WeChatApiError && err.errcode === MENU_NOT_EXIST) return null;
      throw err;
    }
  }

  /**
   * Deletes the default menu and every conditional menu with it.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Deleting_Custom-Defined_Menu.html
   */
  async delete(): Promise<void> {
    await this.api.get('/cgi-bin/menu/delete');
  }

  /**
   * Adds a conditional (personalized) menu; a default menu must exist. Returns its menu id.
   * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_addconditionalmenu
   */
  async addConditional(buttons: MenuButton[], matchRule: MatchRule): Promise<string> {
    const res = await this.api.post<{ menuid: string | number }>('/cgi-bin/menu/addconditional', {
      button: buttonsToWire(buttons),
      matchrule: matchRuleToWire(matchRule),
    });
    return String(res.menuid);
  }

  /**
   * Deletes one conditional menu (there is no edit: delete and add again).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Personalized_menu_interface.html
   */
  async delConditional(menuId: string): Promise<void> {
    await this.api.post('/cgi-bin/menu/delconditional', { menuid: menuId });
  }

  /**
   * The menu a user (openid or WeChat ID) would see, conditional rules applied.
   * @see https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Personalized_menu_interface.html
   */
  async tryMatch(userId: string): Promise<MenuButton[]> {
    const res = await this.api.post<{ button?: WireButton[]; menu?: { button?: WireButton[] } }>('/cgi-bin/menu/trymatch', { user_id: userId });
    // The official sample answers {button}; some SDK fixtures nest it in {menu}: accept both.
    return buttonsFromWire(res.button ?? res.menu?.button);
  }

  /**
   * The live menu, whether set by the API or in the MP console (console button types included).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Getting_Custom_Menu_Configurations.html
   */
  async getCurrentSelfMenuInfo(): Promise<SelfMenuInfo> {
    return selfMenuInfoFromWire(await this.api.get<WireSelfMenuInfo>('/cgi-bin/get_current_selfmenu_info'));
  }

  /**
   * The auto-reply rules set in the MP console (follow reply, default reply, keyword rules).
   * @see https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Getting_Rules_for_Auto_Replies.html
   */
  async getCurrentAutoReplyInfo(): Promise<AutoReplyInfo> {
    return autoReplyInfoFromWire(await this.api.get<WireAutoReplyInfo>('/cgi-bin/get_current_autoreply_info'));
  }
}
