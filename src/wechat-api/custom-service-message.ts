/**
 * Customer-service messages (客服消息) in the domain's words, and their wire form for
 * /cgi-bin/message/custom/send. One variant per msgtype of the official list.
 */
export type CustomMessage =
  | { type: 'text'; content: string }
  | { type: 'image'; mediaId: string }
  | { type: 'voice'; mediaId: string }
  | { type: 'video'; mediaId: string; thumbMediaId: string; title?: string; description?: string }
  | { type: 'music'; musicUrl: string; hqMusicUrl: string; thumbMediaId: string; title?: string; description?: string }
  /** One article only: WeChat answers 45008 for more since 2018-10-12, so the type allows exactly one. */
  | { type: 'news'; article: { title: string; url: string; description?: string; picUrl?: string } }
  /** A news material or draft. */
  | { type: 'mpnews'; mediaId: string }
  /** An article published through freepublish. */
  | { type: 'mpnewsarticle'; articleId: string }
  /** Tapping an option sends back a text message carrying bizmsgmenuid = the option id. */
  | { type: 'msgmenu'; headContent: string; options: { id: string; content: string }[]; tailContent: string }
  | { type: 'wxcard'; cardId: string; cardExt?: string }
  /** The mini-program must be linked to the account. */
  | { type: 'miniprogrampage'; title: string; appId: string; pagePath: string; thumbMediaId: string };

export type CustomMessageType = CustomMessage['type'];

/** Drops undefined optionals so the body carries only what was given. */
const compact = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function customMessagePayload(m: CustomMessage): Record<string, unknown> {
  switch (m.type) {
    case 'text':
      return { content: m.content };
    case 'image':
    case 'voice':
    case 'mpnews':
      return { media_id: m.mediaId };
    case 'video':
      return compact({ media_id: m.mediaId, thumb_media_id: m.thumbMediaId, title: m.title, description: m.description });
    case 'music':
      return compact({
        title: m.title,
        description: m.description,
        musicurl: m.musicUrl,
        hqmusicurl: m.hqMusicUrl,
        thumb_media_id: m.thumbMediaId,
      });
    case 'news':
      return { articles: [compact({ title: m.article.title, description: m.article.description, url: m.article.url, picurl: m.article.picUrl })] };
    case 'mpnewsarticle':
      return { article_id: m.articleId };
    case 'msgmenu':
      return { head_content: m.headContent, list: m.options.map((o) => ({ id: o.id, content: o.content })), tail_content: m.tailContent };
    case 'wxcard':
      return compact({ card_id: m.cardId, card_ext: m.cardExt });
    case 'miniprogrampage':
      return { title: m.title, appid: m.appId, pagepath: m.pagePath, thumb_media_id: m.thumbMediaId };
  }
}

/** The whole send body; `kfAccount` sends as that agent (and lands in the agent's message records). */
export function customMessageBody(openid: string, m: CustomMessage, kfAccount?: string): Record<string, unknown> {
  const body: Record<string, unknown> = { touser: openid, msgtype: m.type, [m.type]: customMessagePayload(m) };
  if (kfAccount) body.customservice = { kf_account: kfAccount };
  return body;
}
