// Child servers announce themselves with one line on stdout, which `spawnServer` waits for.

/** Print the line that tells the parent this server accepts requests. */
export function announce(info) {
  process.stdout.write(`READY ${JSON.stringify({ pid: process.pid, ...info })}\n`);
}

/** Exit cleanly on SIGTERM/SIGINT (so --cpu-prof writes its profile), after `close`. */
export function exitOnSignal(close = async () => {}) {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    await close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
