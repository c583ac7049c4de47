/** The accounts capability: what other code may use. Everything else in this folder is private. */
export {
  accountTypes,
  encryptionModes,
  DEFAULT_TIME_ZONE,
  parseNewAccount,
  applyAccountPatch,
  toPublicAccount,
  requiresEncodingAESKey,
  isTimeZone,
  isCalendarDate,
} from './accounts';
export type {
  AccountType,
  EncryptionMode,
  AccountSecrets,
  PublicAccount,
  Account,
  AccountData,
  FieldProblem,
} from './accounts';
export type { StoredAccount, AccountRepository, SecretBox } from './accounts.ports';
export { AccountService, type AccountServiceDeps } from './accounts.service';
export { createSecretBox, parseMasterKey } from './secret-box';
