import type { Server } from 'node:http';
import net from 'node:net';

/**
 * The first step of a graceful stop: no new connections, while the open ones may still bring a
 * request for up to `graceMs` (the app answers it with Connection: close, so the connection ends
 * after it). Resolves when every connection has ended or the time is up; the server's own close()
 * then ends the idle ones left and waits for requests in flight.
 *
 * http.Server.close() would drop idle keep-alive connections at once: a client that has just sent a
 * request on one gets ECONNRESET instead of an answer. net.Server's close() only stops listening.
 */
export async function drainConnections(server: Server, graceMs: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, graceMs);
    // 'close' comes once the server stops listening and its last connection has ended.
    server.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    net.Server.prototype.close.call(server);
  });
}
