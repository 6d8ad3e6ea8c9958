/**
 * Start a server on `port`, or, when that port is taken (EADDRINUSE), on a free one the system
 * picks, saying so with `log`: `pnpm start` must not stop because another program holds 8080 or
 * 8081. Any other error is thrown as it came.
 * @template T
 * @param {(port: number) => Promise<T>} listen starts the server on a port (0: any free one)
 * @param {number} port the wanted port
 * @param {string} what the server's name in the message, e.g. 'the shop'
 * @param {(line: string) => void} log
 * @returns {Promise<T>}
 */
export async function onFreePort(listen, port, what, log) {
  try {
    return await listen(port);
  } catch (err) {
    if (err?.code !== 'EADDRINUSE' || port === 0) throw err;
    log(`port ${port} is taken: ${what} listens on a free port instead (set the port to choose one)`);
    return listen(0);
  }
}
