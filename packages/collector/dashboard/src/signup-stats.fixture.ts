import { emptyStats } from '@heatlens/testkit/snapshot';

// For the tests: one page's numbers over a window, a sign-up page with forms, media and custom events.

const media = { play: 0, p25: 0, p50: 0, p75: 0, complete: 0 };
export const SIGNUP_STATS = emptyStats({
  path: '/signup',
  events: 20,
  views: 4,
  visitors: 3,
  clicks: 6,
  rage: 1,
  dead: 2,
  forms: { starts: 4, submits: 1, byForm: [] },
  media: { video: { ...media, play: 2, p25: 2, p50: 1 }, audio: { ...media, play: 1, complete: 1 }, bySrc: [] },
  downloads: { total: 1, top: [] },
  engagedMs: 90_000,
  custom: [
    { name: 'a', count: 2 },
    { name: 'b', count: 3 },
  ],
  sources: { referrers: [], languages: [], timeZones: [], regions: [], screens: [] },
});
