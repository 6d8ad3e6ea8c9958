/** Types of server.mjs, for the TypeScript tests that start the shop. */

/** Every page path of the shop; products are one route template (`/product/:id`). */
export declare const SHOP_PAGES: string[];

/** Options of {@link startShop}. */
export type ShopOptions = {
  /** default 0 (any free port) */
  port?: number;
  /** default '127.0.0.1' */
  host?: string;
  /** where pages load `/sdk.js` from; default 'http://127.0.0.1:8080' */
  collectorUrl?: string;
  /** the SDK tag's `data-site`; default 'demo' */
  site?: string;
};

/** A running shop. */
export type Shop = { url: string; close(): Promise<void> };

/** Start the demo shop on its own origin. */
export declare function startShop(options?: ShopOptions): Promise<Shop>;
