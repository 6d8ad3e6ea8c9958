import type { OutboundEvent } from '@heatlens/schema';
import type { UrlOptions } from '@heatlens/schema/normalize-url';
import { onLinkClick } from '../lib/on-link-click.js';
import { tracker } from '../lib/tracker.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/**
 * Tracks outbound links: clicks (including middle clicks) on http(s) links to another host. The
 * URL is normalised (`stripUrl`): query and hash only if opted in.
 */
export const trackOutbound: (emit: Emit<OutboundEvent>, opts?: TrackerOptions & UrlOptions) => Stop = tracker<
  OutboundEvent,
  TrackerOptions & UrlOptions
>((emit, opts, signal) =>
  onLinkClick(
    (a, url) =>
      /^https?:$/.test(a.protocol) && a.host != location.host && emit({ type: 'outbound', ts: Date.now(), url }),
    signal,
    opts,
  ),
);
