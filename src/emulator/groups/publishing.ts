import type { RegisterGroup } from '../core/contract';
import { registerDraft } from './draft';
import { registerFreePublish } from './freepublish';
import { registerMass } from './mass';
import { registerMedia } from './media';
import { registerMaterial } from './media-material';
import { createPublishingState } from './publishing-state';
import { registerQrCode } from './qrcode';
import { registerTemplate } from './template';

/**
 * The publishing groups: media, drafts, free publish, mass sends, QR codes and template messages.
 * They share one state (drafts feed mass sends and free publish; both refer to media), created
 * per emulator so two emulators in one process never see each other's drafts.
 */
export const registerPublishing: RegisterGroup = (router, emu) => {
  const state = createPublishingState(emu);
  registerMedia(router, emu, state);
  registerMaterial(router, emu, state);
  registerDraft(router, emu, state);
  registerFreePublish(router, emu, state);
  registerMass(router, emu, state);
  registerQrCode(router, emu);
  registerTemplate(router, emu);
};
