import type { RegisterGroup } from '../core/contract';

/** Placeholder until this group's routes land. */
export const registerAudience: RegisterGroup = () => {};
