export * from './webhook.ports';
export * from './webhook.service';
export * from './handlers';
export * from './once';
export * from './account-cache';
export * from './memory-dedup';
