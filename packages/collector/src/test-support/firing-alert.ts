import type { Alert } from '@heatlens/schema';

/** A firing rage alert on `/` of `shop`, for tests that deliver one. */
export const firingAlert = {
  id: 'rage|/|#pay',
  site: 'shop',
  page: '/',
  rule: 'rage',
  state: 'firing',
  element: '#pay',
  figures: { count: 5 },
  window: { ms: 300_000, from: 0, to: 1 },
  at: 1,
  link: 'x',
  text: 't',
} satisfies Alert;
