// Do sign-up and forgot-password tell a known address from an unknown one by their timing? Times each
// answer for addresses that have an account (the demo hotel's) and addresses that do not, interleaved,
// through the real server on loopback, and prints the figures side by side. Not a test: figures only.
//   npx tsx bench/enumeration.ts [requests per case]
import { performance } from 'node:perf_hooks';
import { ms, percentile, startApp } from './harness';

const n = Number(process.argv[2] ?? 40);
// The bench sends many requests from one address: lift the throttles it would otherwise meet.
process.env.SIGNIN_MAX_PER_IP = '100000';
process.env.SIGNIN_MAX_PER_EMAIL = '100000';
process.env.SIGNIN_MAX_PER_ACCOUNT = '100000';

const app = await startApp(3000 + Math.floor(Math.random() * 2000) + 20_000, 'enumeration');
try {
  const known = (await app.q(`select email from auth_user order by email`)).rows.map((r: { email: string }) => r.email);
  const post = (path: string, body: unknown) => async () => {
    const started = performance.now();
    const response = await fetch(`${app.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    return { ms: performance.now() - started, status: response.status };
  };
  const cases: {
    name: string;
    request: (email: string, i: number) => () => Promise<{ ms: number; status: number }>;
  }[] = [
    { name: 'forgot-password', request: (email) => post('/api/v1/auth/password/forgot', { email }) },
    {
      name: 'sign-up',
      request: (email, i) =>
        post('/api/v1/auth/sign-up', {
          organizationName: `Bench ${i}`,
          name: 'Bench Person',
          email,
          password: 'zeven zwanen zwemmen zacht',
        }),
    },
    {
      name: 'sign-in (wrong password)',
      request: (email) => post('/api/v1/auth/sign-in', { email, password: 'not the right one at all' }),
    },
  ];
  const taken = new Set(known);
  const unknownLike = (email: string, i: number) => {
    for (let k = 0; ; k++) {
      const letter = 'qxzjkvwy'[(i + k) % 8]!;
      const candidate = email.replace(/.@/, `${letter}@`);
      if (!taken.has(candidate)) return candidate;
    }
  };
  console.log(
    `${n} requests per case and kind of address, interleaved (each kind first half of the time) and 250 ms apart, after 5 warm-up rounds; ${known.length} known addresses`,
  );
  for (const c of cases) {
    const times = { known: [] as number[], unknown: [] as number[] };
    const statuses = { known: new Set<number>(), unknown: new Set<number>() };
    for (let i = 0; i < n + 5; i++) {
      // Each kind goes first half of the time, so neither meets the other's work after the answer more often.
      for (const kind of i % 2 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)) {
        // An unknown address of the same shape as a known one (one letter changed): the password check,
        // which keeps the address out of the password, then reads text of the same length and kind.
        const email = kind === 'known' ? known[i % known.length]! : unknownLike(known[i % known.length]!, i);
        const result = await c.request(email, i)();
        if (i < 5) continue;
        times[kind].push(result.ms);
        statuses[kind].add(result.status);
        // Let the work after the answer (hashing, mail) finish, as between two people's requests.
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    const line = (kind: 'known' | 'unknown') =>
      `${kind.padEnd(7)} p50 ${ms(percentile(times[kind], 50))}, p95 ${ms(percentile(times[kind], 95))}, min ${ms(Math.min(...times[kind]))}, max ${ms(Math.max(...times[kind]))}, status ${[...statuses[kind]].join('/')}`;
    console.log(`${c.name}\n  ${line('known')}\n  ${line('unknown')}`);
  }
} finally {
  await app.stop();
}
