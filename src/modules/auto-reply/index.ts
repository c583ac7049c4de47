/** The auto-reply capability: what other code may use. Everything else in this folder is private. */
export * from './auto-reply';
export type * from './auto-reply.ports';
export type * from './engine.contract';
export { compileRules } from './engine';
export { validateRuleInput } from './rule-validation';
export { AutoReplyService, type AutoReplyServiceDeps, type ImportResult, type ConsoleImportResult } from './auto-reply.service';
export { RulesCache, ALL_ACCOUNTS, type RulesCacheDeps } from './rules-cache';
export { MemoryRuleChangeBus, MemoryCooldownStore, MemoryAutoReplyRuleRepository } from './memory-adapters';
export { importModes, MAX_RULES_PER_ACCOUNT, type ImportMode, type ImportProblem, type RuleFields } from './import-export';
export type { ConsoleRules, ConsoleReply, ConsoleSkip } from './console-import';
export { DRY_RUN_OPENID } from './dry-run-request';
export type { DryRunResult, DryRunAccount } from './dry-run';
export { autoReplyHandlers, type AutoReplyHandlerDeps } from './auto-reply.handlers';
export type { FollowUpSender } from './follow-up';
