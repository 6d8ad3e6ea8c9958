/** A pending deadline of a `Deadlines` list; pass it back to `done` once its work has settled. */
export type Deadline = {
  /** when it expires, on `performance.now()`'s clock (ms) */
  at: number;
  expire: () => void;
  prev: Deadline | undefined;
  next: Deadline | undefined;
  /** still in the list */
  live: boolean;
};

/**
 * Deadlines of one fixed length, sharing one timer. Every deadline has the same length, so they
 * expire in the order they were added: they are kept in a linked list (add and done are O(1), no
 * timer and no promise each) and a single unref'd timer, armed for the oldest one, expires whatever
 * is due when it fires and re-arms for the next. With thousands of calls a second this replaces a
 * `setTimeout`, a `clearTimeout` and a `Promise.race` per call by two pointer updates.
 *
 * An expired deadline calls its `expire` once; `done` after that (the work settled late) is a
 * no-op. `ms` must be positive.
 */
export function createDeadlines(ms: number) {
  let head: Deadline | undefined;
  let tail: Deadline | undefined;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;

  function unlink(d: Deadline) {
    d.live = false;
    if (d.prev) d.prev.next = d.next;
    else head = d.next;
    if (d.next) d.next.prev = d.prev;
    else tail = d.prev;
    d.prev = d.next = undefined;
  }

  function arm() {
    if (!head || head.at >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = head.at;
    timer = setTimeout(fire, Math.max(1, Math.ceil(head.at - performance.now())));
    timer.unref();
  }

  function fire() {
    timer = undefined;
    timerAt = Infinity;
    const now = performance.now();
    while (head && head.at <= now) {
      const d = head;
      unlink(d);
      d.expire();
    }
    arm();
  }

  return {
    /** Start a deadline `ms` from now; `expire` is called if `done` has not been by then. */
    add(expire: () => void): Deadline {
      const d: Deadline = { at: performance.now() + ms, expire, prev: tail, next: undefined, live: true };
      if (tail) tail.next = d;
      else head = d;
      tail = d;
      // Only the first deadline after a quiet spell arms the timer: later ones expire after it.
      if (!timer) arm();
      return d;
    },
    /** The work under `d` settled: it will not expire. */
    done(d: Deadline) {
      if (d.live) unlink(d);
    },
    /** Deadlines pending (for tests). */
    size() {
      let n = 0;
      for (let d = head; d; d = d.next) n++;
      return n;
    },
    /** Stop the timer; pending deadlines never expire. */
    close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      timerAt = Infinity;
      head = tail = undefined;
    },
  };
}

/** A list of deadlines of one length (`createDeadlines`). */
export type Deadlines = ReturnType<typeof createDeadlines>;
