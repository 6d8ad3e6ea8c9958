import type { BrowserContext, Page } from 'playwright-core';
import type { SnapshotMessage } from '@heatlens/schema/live';
import type { OverlaySettings } from '../../extension/src/settings.js';

export type Rect = { x: number; y: number; w: number; h: number };
export type DrawRig = {
  url: string;
  context: BrowserContext;
  close(): Promise<void>;
  open(path: string, viewport?: { width: number; height: number }): Promise<{ page: Page; tabId: number }>;
  draw(page: Page, tabId: number, snapshot: SnapshotMessage, settings: OverlaySettings): Promise<void>;
};
export function startDrawRig(opts?: { pages?: Record<string, string>; baseUrl?: string }): Promise<DrawRig>;
export function frames(page: Page): Promise<void>;
export function snapshot(over?: Partial<SnapshotMessage>): SnapshotMessage;
export function readHeat(
  page: Page,
  rect: Rect,
): Promise<{ peak: { x: number; y: number; rgba: [number, number, number, number] } | null; sum: number } | null>;
