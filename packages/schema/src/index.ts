export * from './constants.js';
export * from './tiles.js';
export * from './events.js';
export * from './batch.js';
export * from './parse-batch.js';
export * from './live.js';
export * from './selector.js';
