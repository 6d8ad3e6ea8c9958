import type { SnapshotMessage, Stats } from '@heatlens/schema/live';

/** Stats of an empty 5-minute window of site `demo`, path `/`, with `over` merged in. */
export function emptyStats(over?: Partial<Stats>): Stats;
/** A full click snapshot frame with nothing in it, `over` merged in. */
export function emptySnapshot(over?: Partial<SnapshotMessage>): SnapshotMessage;
/** A valid `/live` move snapshot of `/product/:id` with two tiles and a visit's stats, `over` merged in. */
export function snapshotFixture(over?: Partial<SnapshotMessage>): SnapshotMessage;
