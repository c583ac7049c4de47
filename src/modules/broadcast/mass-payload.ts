import type { MassMessage } from '../../wechat-api/mass';
import type { CampaignContent } from './broadcast';

/** A campaign's content as the mass-send API takes it (the reprint choice travels separately). */
export function toMassMessage(content: CampaignContent): MassMessage {
  switch (content.type) {
    case 'mpnews': return { type: 'mpnews', mediaId: content.mediaId };
    case 'text': return { type: 'text', content: content.content };
    case 'voice': return { type: 'voice', mediaId: content.mediaId };
    case 'images': return { type: 'images', mediaIds: content.mediaIds, ...(content.recommend === undefined ? {} : { recommend: content.recommend }) };
    case 'mpvideo': return { type: 'mpvideo', mediaId: content.mediaId, ...(content.title === undefined ? {} : { title: content.title }), ...(content.description === undefined ? {} : { description: content.description }) };
  }
}
