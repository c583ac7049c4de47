import type { EmulatorContext } from '../core/contract';
import { DraftStore } from './draft-store';
import { MediaStore } from './media-store';
import { perAccount } from './publishing-wire';

/**
 * State the publishing groups share: mass sends and free publish consume drafts, drafts and mass
 * sends refer to media. Each group keeps the rest of its state to itself.
 */
export interface PublishingState {
  media(appId: string): MediaStore;
  drafts(appId: string): DraftStore;
}

export function createPublishingState(emu: Pick<EmulatorContext, 'onAccountRemoved'>): PublishingState {
  return { media: perAccount(() => new MediaStore(), emu), drafts: perAccount(() => new DraftStore(), emu) };
}
