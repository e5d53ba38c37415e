import { createSocket } from 'node:dgram';

// A tiny DNS server on loopback UDP for tests: it answers TXT questions from a table the test fills in
// (each record is a list of strings, as DNS sends long records in pieces), and "no such name" for the
// rest. Point the app at it with SSO_DNS_SERVERS=127.0.0.1:<port>: no test needs the outside network.

export interface DnsStub {
  /** For SSO_DNS_SERVERS. */
  server: string;
  /** The TXT records of each name (lower case); change it at any time. */
  txt: Map<string, string[][]>;
  /** Names the server fails to answer for (SERVFAIL), as a broken DNS would. */
  failing: Set<string>;
  /** How many questions it answered. */
  questions: () => number;
  close: () => Promise<void>;
}

const TXT = 16;

function readName(message: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let at = offset;
  while (at < message.length && message[at]! > 0) {
    const length = message[at]!;
    labels.push(message.subarray(at + 1, at + 1 + length).toString('latin1'));
    at += 1 + length;
  }
  return { name: labels.join('.').toLowerCase(), end: at + 1 };
}

function answer(query: Buffer, txt: Map<string, string[][]>, failing: Set<string>): Buffer {
  const { name, end } = readName(query, 12);
  const fails = failing.has(name);
  const type = query.readUInt16BE(end);
  const question = query.subarray(12, end + 4);
  const records = txt.get(name);
  const found = records !== undefined;
  const answers = found && type === TXT && !fails ? records : [];
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // the id
  // QR, opcode 0, AA, RD copied, RA; SERVFAIL (2) for a failing name, NXDOMAIN (3) for one not in the table.
  header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | 0x0080 | (fails ? 2 : found ? 0 : 3), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const parts = [header, question];
  for (const strings of answers) {
    const data = Buffer.concat(
      strings.map((s) => {
        const bytes = Buffer.from(s, 'utf8');
        return Buffer.concat([Buffer.from([bytes.length]), bytes]);
      }),
    );
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    fixed.writeUInt16BE(TXT, 2);
    fixed.writeUInt16BE(1, 4); // IN
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(data.length, 10);
    parts.push(fixed, data);
  }
  return Buffer.concat(parts);
}

export async function startDnsStub(): Promise<DnsStub> {
  const socket = createSocket('udp4');
  const txt = new Map<string, string[][]>();
  const failing = new Set<string>();
  let questions = 0;
  socket.on('message', (message, remote) => {
    if (message.length < 17) return;
    questions++;
    socket.send(answer(message, txt, failing), remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    server: `127.0.0.1:${socket.address().port}`,
    txt,
    failing,
    questions: () => questions,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
