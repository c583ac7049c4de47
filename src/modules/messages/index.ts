export * from './messages';
export * from './messages.ports';
export * from './messages.service';
export * from './messages.query';
