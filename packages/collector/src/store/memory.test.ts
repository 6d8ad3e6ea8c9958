import { createMemoryStore } from './memory.js';
import { describeStore } from './describe-store.js';

describeStore('memory', async () => ({ store: createMemoryStore() }));
