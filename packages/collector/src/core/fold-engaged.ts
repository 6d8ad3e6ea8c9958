/**
 * Engaged time: a report covers the visible time before it, at most one hour (the wire format's
 * bound on EngagementEvent.ms), so a batch's reports together cover at most that plus the span
 * between the first and the last of them. More is not time anyone spent on the page.
 */
const ENGAGED_SLACK_MS = 3_600_000;

/**
 * The engaged time a batch's reports may add, report by report: `take(t, ms)` (t on the server
 * clock) answers how many of the report's `ms` count, 0 or less once the batch's bound is spent.
 */
export function createEngagedBudget() {
  let min = Infinity;
  let max = -Infinity;
  let used = 0;
  return {
    take(t: number, ms: number): number {
      min = Math.min(min, t);
      max = Math.max(max, t);
      const n = Math.min(Math.round(ms), ENGAGED_SLACK_MS + max - min - used);
      used += n;
      return n;
    },
  };
}
