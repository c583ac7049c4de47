import { EmulatorError } from '../core/contract';
import type { StoredArticle } from './draft-article';
import { opaqueId } from './publishing-wire';

export interface Draft {
  mediaId: string;
  articles: StoredArticle[];
  createTime: number;
  updateTime: number;
}

/** One account's draft box. Mass sends and free publish take drafts out of it (§7.3). */
export class DraftStore {
  private readonly drafts = new Map<string, Draft>();

  add(articles: StoredArticle[], now: number): Draft {
    const draft: Draft = { mediaId: opaqueId(48), articles, createTime: now, updateTime: now };
    this.drafts.set(draft.mediaId, draft);
    return draft;
  }

  /** The draft or WeChat's 40007 for an unknown media_id. */
  require(mediaId: unknown): Draft {
    const draft = typeof mediaId === 'string' ? this.drafts.get(mediaId) : undefined;
    if (!draft) throw new EmulatorError(40007, 'invalid media_id');
    return draft;
  }

  has(mediaId: unknown): boolean {
    return typeof mediaId === 'string' && this.drafts.has(mediaId);
  }

  /** Removes the draft: it was deleted, mass-sent or published. */
  take(mediaId: unknown): Draft {
    const draft = this.require(mediaId);
    this.drafts.delete(draft.mediaId);
    return draft;
  }

  count(): number {
    return this.drafts.size;
  }

  /** Most recently updated first (newest first among equal times), as the MP console lists them. */
  list(): Draft[] {
    return [...this.drafts.values()].reverse().sort((a, b) => b.updateTime - a.updateTime);
  }
}
