import type { OutboundEvent } from '@heatlens/schema';
import { onLinkClick } from '../lib/on-link-click.js';
import { stopper } from '../lib/stopper.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/**
 * Tracks outbound links: clicks (including middle clicks) on http(s) links to another host. The
 * URL is reported without query or hash.
 */
export function trackOutbound(emit: Emit<OutboundEvent>, opts: TrackerOptions = {}): Stop {
  const c = stopper(opts.signal);
  onLinkClick((a, url) => /^https?:$/.test(a.protocol) && a.host != location.host && emit({ type: 'outbound', ts: Date.now(), url }), c.signal);
  return () => c.abort();
}
