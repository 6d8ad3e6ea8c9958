import { createMemoryStore } from './memory.js';
import { describeStore } from './contract/describe-store.js';

describeStore('memory', async () => ({ store: createMemoryStore() }));
