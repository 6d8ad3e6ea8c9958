import type { OutboundEvent } from '@heatlens/schema';
import { linkOf } from '../lib/link-of.js';
import { listen } from '../lib/listen.js';
import { stopper } from '../lib/stopper.js';
import { stripUrl } from '../lib/strip-url.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/**
 * Tracks outbound links: clicks (including middle clicks) on http(s) links to another host. The
 * URL is reported without query or hash.
 */
export function trackOutbound(emit: Emit<OutboundEvent>, opts: TrackerOptions = {}): Stop {
  const c = stopper(opts.signal);
  const check = (e: globalThis.Event) => {
    const a = linkOf(e);
    if (a && /^https?:$/.test(a.protocol) && a.host != location.host) {
      const url = stripUrl(a.href);
      if (url) emit({ type: 'outbound', ts: Date.now(), url });
    }
  };
  for (const t of ['click', 'auxclick']) listen(document, t, check, c.signal);
  return () => c.abort();
}
