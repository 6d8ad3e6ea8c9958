import type { OutboundEvent } from '@heatlens/schema';
import { onLinkClick } from '../lib/on-link-click.js';
import { tracker } from '../lib/tracker.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/**
 * Tracks outbound links: clicks (including middle clicks) on http(s) links to another host. The
 * URL is reported without query or hash.
 */
export const trackOutbound: (emit: Emit<OutboundEvent>, opts?: TrackerOptions) => Stop = tracker<OutboundEvent>((emit, _opts, signal) =>
  onLinkClick((a, url) => /^https?:$/.test(a.protocol) && a.host != location.host && emit({ type: 'outbound', ts: Date.now(), url }), signal),
);
