// Runs the collector as `heatlens-collector` does, from sources (`node --import tsx` this file):
// for tests of whole processes (signals, node:cluster workers, which fork this same file).
import { main } from '../main.js';

await main();
