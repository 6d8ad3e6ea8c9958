import type { ReadableSite, Sites } from '@heatlens/schema/live';

/** Why a token was refused: `unauthorized` (401/403) or `unreachable` (network, 5xx). */
export class SitesError extends Error {
  constructor(
    readonly reason: 'unauthorized' | 'unreachable',
    message: string,
  ) {
    super(message);
    this.name = 'SitesError';
  }
}

/** The sites a read token may see; throws {@link SitesError} when the token is refused or the collector is down. */
export async function fetchSites(token: string): Promise<ReadableSite[]> {
  let res: Response;
  try {
    res = await fetch('/api/sites', { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    throw new SitesError('unreachable', 'The collector cannot be reached. Is it running?');
  }
  if (res.status === 401 || res.status === 403)
    throw new SitesError('unauthorized', 'That read token was not accepted.');
  if (!res.ok) throw new SitesError('unreachable', `The collector answered ${res.status}. Try again in a moment.`);
  // Typed, not validated: the collector that served this page wrote the answer with the schema's `Sites`.
  const body = (await res.json()) as Partial<Sites>;
  return Array.isArray(body.sites) ? body.sites : [];
}
