import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Table ownership, enforced (docs/ARCHITECTURE.md, "Modules and what they own"). A table belongs to the
// module whose schema file declares it (src/server/db/schema/<module>.schema.ts). A module's source names
// only its own tables and the core every module stands on (platform, auth, org), and it writes only its
// own. A summary over another module's tables lives in a `*.read-model.ts` file, which may read anything
// but write nothing of another module. dependency-cruiser checks the imports of schema files; this test
// also reads the SQL inside strings, which no import checker sees.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCHEMA_DIR = 'src/server/db/schema';
const MODULES_DIR = 'src/server/modules';

/** Schema files every module may read: what the others stand on. Only their owner writes them. */
const CORE_SCHEMAS = new Set(['platform', 'auth', 'org']);
/** Core schema files whose tables belong to no single module, or to one not named like the file. */
const CORE_TABLE_OWNERS: Record<string, string> = { notifications: 'notifications', idempotency_keys: '' };

/**
 * Exceptions, each with its reason. `file` is relative to src/server/modules, `table` is the SQL name.
 * An entry no longer needed fails the test, so this list only shrinks with the code.
 */
const ALLOWED: { file: string; table: string; reason: string }[] = [
  {
    file: 'integrations/api-keys.repo.ts',
    table: 'audit_log',
    reason: "an API key's use is audited on the pool before any tenant exists; the first read a day in one statement",
  },
  {
    file: 'org/org.repo.ts',
    table: 'auth_session',
    reason: 'deactivating a member ends their sessions in the organisation; auth imports org, so no call back',
  },
  {
    file: 'sso/sso.repo.ts',
    table: 'auth_session',
    reason: 'a single sign-on session is tied to its organisation right after Better Auth creates it',
  },
  {
    file: 'sso/sso.repo.ts',
    table: 'auth_verification',
    reason: "the sign-on flow's state lives in Better Auth's verification table and is taken once at the callback",
  },
  {
    file: 'workforce/workforce.repo.ts',
    table: 'auth_session',
    reason:
      "revoking a member's sign-in codes ends their sessions in the same transaction, and a sign-in code's session gets its organisation and the code's lifetime right after Better Auth creates it",
  },
  {
    file: 'workforce/workforce.repo.ts',
    table: 'auth_user',
    reason: 'the member import creates people without e-mail in one transaction for the whole file',
  },
  {
    file: 'workforce/workforce.repo.ts',
    table: 'members',
    reason: "the member import creates each person's membership in that same transaction",
  },
  {
    file: 'workforce/workforce.repo.ts',
    table: 'team_members',
    reason: 'the member import places each person in their team in that same transaction',
  },
  {
    file: 'workforce/workforce.repo.ts',
    table: 'teams',
    reason: 'the member import creates the teams its file names in that same transaction',
  },
];

interface Table {
  sqlName: string;
  exportName: string;
  /** The schema file it is declared in. */
  schema: string;
  /** The module that writes it ('' when any module may, as with idempotency keys). */
  owner: string;
}

function declaredTables(): Table[] {
  const tables: Table[] = [];
  for (const file of readdirSync(join(ROOT, SCHEMA_DIR))) {
    const match = /^(.+)\.schema\.ts$/.exec(file);
    if (!match) continue;
    const schema = match[1] as string;
    const text = readFileSync(join(ROOT, SCHEMA_DIR, file), 'utf8');
    for (const m of text.matchAll(/export const (\w+) = pg(?:Table|View)\(\s*'(\w+)'/g)) {
      const sqlName = m[2] as string;
      const owner = CORE_TABLE_OWNERS[sqlName] ?? schema;
      tables.push({ sqlName, exportName: m[1] as string, schema, owner });
    }
  }
  return tables;
}

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

/** The code without its comments, so words in an explanation do not count as SQL. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|\s)\/\/.*$/gm, '$1');
}

type Use = 'read' | 'write';

/** Every table a source file names, with whether it writes it: Drizzle table objects and raw SQL. */
function tablesUsed(text: string, tables: Table[]): Map<string, Use> {
  const code = withoutComments(text);
  const used = new Map<string, Use>();
  const note = (sqlName: string, use: Use) => {
    if (used.get(sqlName) !== 'write') used.set(sqlName, use);
  };
  const byExport = new Map(tables.map((t) => [`${t.schema}:${t.exportName}`, t]));
  const bySql = new Map(tables.map((t) => [t.sqlName, t]));

  // (a) Drizzle table objects imported from a schema file, under whatever local name.
  for (const m of code.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'[^']*db\/schema\/(\w+)\.schema(?:\.ts)?'/g)) {
    if (m[1]) continue;
    const schema = m[3] as string;
    for (const spec of (m[2] as string).split(',')) {
      const parts = spec.trim().split(/\s+as\s+/);
      const imported = parts[0]?.replace(/^type\s+/, '');
      if (!imported || spec.trim().startsWith('type ')) continue;
      const table = byExport.get(`${schema}:${imported}`);
      if (!table) continue;
      const local = parts[1] ?? imported;
      const writes =
        new RegExp(`\\.(?:insert|update|delete)\\(\\s*${local}\\b`).test(code) ||
        new RegExp(`\\b(?:into|update|delete\\s+from|truncate)\\s+\\$\\{\\s*${local}\\s*\\}`, 'i').test(code);
      note(table.sqlName, writes ? 'write' : 'read');
    }
  }
  for (const m of code.matchAll(/import\s+\*\s+as\s+(\w+)\s+from\s+'[^']*db\/schema\/(\w+)\.schema(?:\.ts)?'/g)) {
    for (const t of tables.filter((x) => x.schema === m[2])) {
      if (!new RegExp(`\\b${m[1]}\\.${t.exportName}\\b`).test(code)) continue;
      const writes = new RegExp(`\\.(?:insert|update|delete)\\(\\s*${m[1]}\\.${t.exportName}\\b`).test(code);
      note(t.sqlName, writes ? 'write' : 'read');
    }
  }

  // Drizzle's relational queries (db.query.<table>.findMany) name a table without importing it.
  for (const m of code.matchAll(/\.query\.(\w+)\.find(?:First|Many)\(/g)) {
    const table = tables.find((t) => t.exportName === m[1]);
    if (table) note(table.sqlName, 'read');
  }

  // (b) Raw SQL naming a table: from, join, insert into, update, delete from, truncate.
  for (const m of code.matchAll(/\b(from|join|into|update|truncate)\s+"?([a-z_][a-z0-9_]*)"?/gi)) {
    const table = bySql.get(m[2] as string);
    if (!table) continue;
    const keyword = (m[1] as string).toLowerCase();
    const before = code.slice(Math.max(0, (m.index ?? 0) - 8), m.index).toLowerCase();
    const writes = keyword === 'into' || keyword === 'update' || keyword === 'truncate' || /delete\s+$/.test(before);
    note(table.sqlName, writes ? 'write' : 'read');
  }

  // (c) A table's name as a string of its own, in a file that builds SQL from names (sql.identifier or
  // sql.raw), as a helper such as `dump('extras', 'member_id')` does.
  const buildsNames = /\bsql\.(?:identifier|raw)\(/.test(code);
  for (const m of buildsNames ? code.matchAll(/'([a-z_][a-z0-9_]*)'/g) : []) {
    if (bySql.has(m[1] as string) && !used.has(m[1] as string)) note(m[1] as string, 'read');
  }
  return used;
}

interface Crossing {
  file: string;
  table: string;
  why: string;
}

function crossings(): Crossing[] {
  const tables = declaredTables();
  const bySql = new Map(tables.map((t) => [t.sqlName, t]));
  const found: Crossing[] = [];
  for (const path of sourceFiles(MODULES_DIR)) {
    const file = path.slice(MODULES_DIR.length + 1);
    const module = file.split('/')[0] as string;
    const readModel = file.endsWith('.read-model.ts');
    for (const [sqlName, use] of tablesUsed(readFileSync(join(ROOT, path), 'utf8'), tables)) {
      const table = bySql.get(sqlName) as Table;
      if (table.owner === module || table.owner === '') continue;
      if (use === 'write') {
        found.push({ file, table: sqlName, why: `writes ${table.owner}'s table: go through ${table.owner}'s service` });
      } else if (!readModel && !CORE_SCHEMAS.has(table.schema)) {
        found.push({ file, table: sqlName, why: `reads ${table.owner}'s table: move the read to a *.read-model.ts` });
      }
    }
  }
  return found;
}

/**
 * Where raw SQL may still name a table by hand, with the reason. Everywhere else a table is named through
 * its schema object (`${extras}`, `alias(extras, 'e')`), so renaming it fails to compile. Relative to
 * src/server; a directory entry ends with '/'.
 */
const HAND_NAMED: { path: string; reason: string }[] = [
  {
    path: 'db/migrations/',
    reason: 'the migrations are SQL files made by drizzle-kit and written by hand, each fixed once released',
  },
  {
    path: 'seed/',
    reason: 'the demo organisations are whole data sets written for a demo; the seed tests run them against the schema',
  },
];

/** Every table raw SQL names by hand in a source file (tables, not the CTEs and functions it names). */
function handNamedTables(text: string, tables: Table[]): string[] {
  const bySql = new Set(tables.map((t) => t.sqlName));
  const code = withoutComments(text);
  const named = new Set<string>();
  for (const m of code.matchAll(/\b(?:from|join|into|update|truncate|table)\s+"?([a-z_][a-z0-9_]*)"?/gi)) {
    if (bySql.has(m[1] as string)) named.add(m[1] as string);
  }
  return [...named];
}

/** Files of a module that may hold table objects without being a repo or a read model, with the reason. */
const TABLES_OUTSIDE_REPOS: { file: string; reason: string }[] = [
  {
    file: 'auth/better-auth.ts',
    reason: 'Better Auth is given the person and session tables for its own SQL, through its Drizzle adapter',
  },
];

/** Table objects a file imports as values from a schema file (type imports aside). */
function tableImports(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'[^']*db\/schema\/\w+\.schema(?:\.ts)?'/g)) {
    if (m[1]) continue;
    for (const spec of (m[2] as string).split(',')) {
      const name = spec.trim();
      if (name && !name.startsWith('type ')) found.push(name.split(/\s+as\s+/)[0] as string);
    }
  }
  return found;
}

describe('table ownership', () => {
  const tables = declaredTables();

  it('finds the tables in the schema files', () => {
    expect(tables.length).toBeGreaterThan(50);
    expect(tables.find((t) => t.sqlName === 'promise_steps')?.owner).toBe('promises');
    expect(tables.find((t) => t.sqlName === 'notifications')?.owner).toBe('notifications');
  });

  it('sees Drizzle objects and raw SQL, reads and writes', () => {
    const used = tablesUsed(
      [
        "import { extras as e, mandates } from '../../db/schema/extras.schema';",
        "import { teams } from '../../db/schema/org.schema';",
        'await tx.update(e).set({});',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a file, as the test reads it
        'await tx.execute(sql`insert into ${mandates} (id) values (1)`);',
        'const q = sql`select 1 from promise_steps s join "voice_links" v on true`;',
        '// a comment about insert into customers does not count',
        'await tx.execute(sql`delete from reaction_requests where true`);',
        "const dump = mine('step_comments', 'author_id'); // named through sql.identifier(table)",
        'const named = (table: string) => sql.identifier(table);',
        'const found = await db.query.customers.findFirst({});',
      ].join('\n'),
      tables,
    );
    expect(Object.fromEntries(used)).toEqual({
      extras: 'write',
      mandates: 'write',
      teams: 'read',
      promise_steps: 'read',
      voice_links: 'read',
      reaction_requests: 'write',
      step_comments: 'read',
      customers: 'read',
    });
  });

  it("no module names another module's tables outside a read model, and none writes them", () => {
    const found = crossings();
    const allowed = (c: Crossing) => ALLOWED.some((a) => a.file === c.file && a.table === c.table);
    expect
      .soft(
        found.filter((c) => !allowed(c)).map((c) => `${c.file}: ${c.table} (${c.why})`),
        'crossings not in the allow-list',
      )
      .toEqual([]);
    const stale = ALLOWED.filter((a) => !found.some((c) => c.file === a.file && c.table === a.table));
    expect(
      stale.map((a) => `${a.file}: ${a.table}`),
      'allow-list entries no longer needed: remove them',
    ).toEqual([]);
  });

  it("keeps a module's SQL in its repos: services, routes and jobs import no table object", () => {
    const tableNames = new Set(tables.map((t) => t.exportName));
    const found: string[] = [];
    for (const path of sourceFiles(MODULES_DIR)) {
      const file = path.slice(MODULES_DIR.length + 1);
      if (/\.(repo|read-model|fragment)\.ts$/.test(file) || TABLES_OUTSIDE_REPOS.some((t) => t.file === file)) continue;
      const imported = tableImports(readFileSync(join(ROOT, path), 'utf8')).filter((name) => tableNames.has(name));
      if (imported.length > 0) found.push(`${file}: ${imported.join(', ')}`);
    }
    expect(found, "move these queries into the module's *.repo.ts").toEqual([]);
  });

  it('gives every exception a reason', () => {
    for (const entry of [...ALLOWED, ...HAND_NAMED, ...TABLES_OUTSIDE_REPOS]) {
      expect(entry.reason.trim().length, 'file' in entry ? entry.file : entry.path).toBeGreaterThan(10);
    }
  });

  it('sees a table named by hand in raw SQL, and not one named through its schema object', () => {
    const text = [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a file, as the test reads it
      'const a = sql`select 1 from ${extras} e join "teams" t on true`;',
      'const b = `insert into promise_steps (id) values ($1)`;',
      'const c = sql`with due as (select 1) select * from due, unnest($1) as x`;',
      '// a comment about delete from customers does not count',
    ].join('\n');
    expect(handNamedTables(text, tables).sort()).toEqual(['promise_steps', 'teams']);
  });

  it('no server source names a table by hand in SQL: a rename of a table or column fails to compile', () => {
    const found: string[] = [];
    for (const path of sourceFiles('src/server')) {
      const file = path.slice('src/server/'.length);
      if (HAND_NAMED.some((h) => (h.path.endsWith('/') ? file.startsWith(h.path) : file === h.path))) continue;
      if (file.startsWith('db/schema/')) continue;
      for (const table of handNamedTables(readFileSync(join(ROOT, path), 'utf8'), tables))
        found.push(`${file}: ${table}`);
    }
    expect(found, 'name these tables through their schema objects (see voice/voice.repo.ts)').toEqual([]);
  });
});
