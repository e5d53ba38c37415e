import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createOrgFixture } from './helpers/fixtures';
import { createTestApp, signIn } from './helpers/test-app';

interface Answer {
  status: number;
  connection: string | undefined;
}

function get(port: number, path: string, agent: http.Agent, cookie: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent, headers: { cookie } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

describe('stopping under keep-alive load', () => {
  it('answers every request sent on an open connection and resets none; new connections are refused cleanly', async () => {
    const t = await createTestApp();
    const f = await createOrgFixture(t.database.db, 'stop');
    const cookie = await signIn(t.app, f.people.member.email);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });

    const answers: Answer[] = [];
    const failures: string[] = [];
    let refused = 0;
    // Six clients, each sending requests one after the other on its keep-alive connection until the
    // server is gone. /api/v1/me reads the session and the person from the database.
    const client = async () => {
      for (;;) {
        try {
          answers.push(await get(port, '/api/v1/me', agent, cookie));
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code ?? String(err);
          if (code === 'ECONNREFUSED') refused++;
          else failures.push(code);
          return;
        }
      }
    };
    const clients = Array.from({ length: 6 }, client);
    // Stop once the clients are truly under way (each answered at least once); on a loaded machine that
    // can take longer than a fixed pause.
    for (let waited = 0; answers.length < 6 && waited < 20_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const answeredBeforeStop = answers.length;
    const closed = t.close();
    await Promise.all(clients);
    await closed;
    agent.destroy();

    expect(answeredBeforeStop).toBeGreaterThan(0);
    // No ECONNRESET, no "socket hang up": every request that reached the server got its answer.
    expect(failures).toEqual([]);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    // Requests during the stop were answered with Connection: close, so each client moved on to a new
    // connection, which was refused: nothing was sent on it.
    expect(answers.some((a) => a.connection === 'close')).toBe(true);
    expect(refused).toBe(6);
  });
});
