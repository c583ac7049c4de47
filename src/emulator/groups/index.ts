import type { RegisterGroup } from '../core/contract';
import { registerAudience } from './audience';
import { registerMenusAndService } from './menus-and-service';
import { registerPublishing } from './publishing';

/** Every API group the emulator serves, registered by the core app after tokens and control routes. */
export const groups: RegisterGroup[] = [registerMenusAndService, registerPublishing, registerAudience];
