import { windowKept, type WindowName } from '@heatlens/schema';
import { levelsFor, retentionDaysOf, type Retention } from '../core/retention.js';
import { HttpError } from './respond.js';

/**
 * A read of a window the site does not keep: 400 naming `retentionDays` and the site's value (the
 * read routes, `/live` and new links all ask this before reading).
 */
export function checkWindowKept(site: { id: string } & Retention, window: WindowName): void {
  const days = retentionDaysOf(site);
  if (!windowKept(window, days))
    throw new HttpError(
      400,
      `window: ${window} is past the retention of site ${site.id} (retentionDays: ${days}); it keeps ${levelsFor(days)
        .map((w) => w.name)
        .join(', ')}`,
    );
}
