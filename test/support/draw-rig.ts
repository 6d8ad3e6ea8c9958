import type { Kind } from '@heatlens/schema';
import { startDrawRig, type DrawRig } from '@heatlens/testkit/draw-rig';
import { DEFAULT_SETTINGS } from '../../packages/extension/src/settings.js';
import { useForSuite } from './suite-resource.js';

/** A draw rig serving `pages` (path -> HTML) for the enclosing `describe`. */
export const useDrawRig = (pages: Record<string, string>): DrawRig => useForSuite(() => startDrawRig({ pages }));

/** Overlay settings that draw `kind` fully opaque, so the read-back pixels are the heat's own. */
export const opaque = <K extends Kind>(kind: K, counts: boolean) => ({ ...DEFAULT_SETTINGS, kind, opacity: 1, counts });
