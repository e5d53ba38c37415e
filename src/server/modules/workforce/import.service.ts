import type { FastifyBaseLogger } from 'fastify';
import { emailSchema } from '../../../contracts/common.contract';
import type { Language, Role } from '../../../contracts/constants';
import {
  IMPORT_MAX_ROWS,
  type ImportPreview,
  type ImportResult,
  type ImportRow,
} from '../../../contracts/workforce.contract';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/app-error';
import { asLanguage } from '../../lib/i18n';
import type { TenantContext } from '../../lib/request-context';
import * as orgInvitations from '../org/invitations.service';
import * as org from '../org/org.service';
import { createCodePerson, issuedCode, type WorkforceDeps } from './codes.service';
import * as repo from './workforce.repo';

// Bulk import of members from a CSV file or text pasted from a spreadsheet: name, e-mail (or none),
// team, role, language. The preview shows each row's problems and saves nothing; the import checks the
// same again, then makes the missing teams, invites the people with an e-mail address and gives the
// others a sign-in code (shown once, printable as cards).

export type ImportDeps = WorkforceDeps & Pick<Deps, 'mailer'> & { log?: FastifyBaseLogger };

const COLUMNS = ['name', 'email', 'team', 'role', 'language'] as const;
type Column = (typeof COLUMNS)[number];

const HEADER_WORDS: Record<string, Column> = {
  name: 'name',
  naam: 'name',
  'full name': 'name',
  'volledige naam': 'name',
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  'e-mailadres': 'email',
  emailadres: 'email',
  'email address': 'email',
  'e-mail address': 'email',
  team: 'team',
  afdeling: 'team',
  department: 'team',
  role: 'role',
  rol: 'role',
  language: 'language',
  taal: 'language',
};

const ROLE_WORDS: Record<string, Role> = {
  '': 'member',
  member: 'member',
  medewerker: 'member',
  lid: 'member',
  manager: 'manager',
  leidinggevende: 'manager',
  director: 'director',
  directeur: 'director',
  directie: 'director',
  advisor: 'advisor',
  adviseur: 'advisor',
  admin: 'admin',
  administrator: 'admin',
  beheerder: 'admin',
};

const LANGUAGE_WORDS: Record<string, Language | ''> = {
  '': '',
  nl: 'nl',
  nederlands: 'nl',
  dutch: 'nl',
  en: 'en',
  english: 'en',
  engels: 'en',
};

/** Splits CSV text into rows of cells: quotes, doubled quotes and line breaks inside quotes are understood. */
export function parseDelimited(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', '\t', ','].map((d) => [d, firstLine.split(d).length - 1] as const);
  const delimiter = counts.sort((a, b) => b[1] - a[1])[0]![1] > 0 ? counts[0]![0] : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

interface Parsed {
  preview: ImportPreview;
  /** The rows as they will be imported (only meaningful without problems). */
  plan: {
    line: number;
    name: string;
    email: string | null;
    team: string;
    teamId: string | null;
    role: Role;
    language: Language | null;
  }[];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: a name or team with a control character (tab included) is refused
const CONTROL = /[\u0000-\u001f]/;

async function parseImport(deps: WorkforceDeps, tenant: TenantContext, text: string): Promise<Parsed> {
  const raw = parseDelimited(text);
  const first = raw[0]?.map((c) => c.trim().toLowerCase()) ?? [];
  const header = first.length > 0 && first.some((c) => HEADER_WORDS[c] === 'name');
  const positions: Partial<Record<Column, number>> = {};
  if (header) {
    for (const [i, c] of first.entries()) {
      const column = HEADER_WORDS[c];
      if (column && positions[column] === undefined) positions[column] = i;
    }
  } else for (const [i, c] of COLUMNS.entries()) positions[c] = i;
  const known = new Set(Object.values(positions));

  const lines = raw
    .map((cells, index) => ({ cells, line: index + 1 }))
    .slice(header ? 1 : 0)
    .filter(({ cells }) => cells.some((c) => c.trim() !== ''));
  if (lines.length > IMPORT_MAX_ROWS) {
    throw new AppError('validation_failed', 400, {
      errors: [{ path: 'body.text', code: 'too_many_rows', message: `at most ${IMPORT_MAX_ROWS} rows` }],
    });
  }
  const teams = await repo.selectActiveTeams(deps.db, tenant.orgId);
  const teamByName = new Map(teams.map((t) => [t.name.trim().toLowerCase(), t]));
  const emails = lines.map(({ cells }) => (cells[positions.email ?? -1] ?? '').trim().toLowerCase()).filter(Boolean);
  const members = await repo.selectMemberEmails(deps.db, tenant.orgId, emails);
  // An open invitation is not made twice (an import run again): it is sent again from the invitations list.
  const invited = await orgInvitations.findOpenInvitationEmails(deps.db, tenant.orgId, emails);
  const seen = new Map<string, number>();
  for (const email of emails) seen.set(email, (seen.get(email) ?? 0) + 1);

  const rows: ImportRow[] = [];
  const plan: Parsed['plan'] = [];
  for (const { cells, line } of lines) {
    const get = (column: Column) => (positions[column] === undefined ? '' : (cells[positions[column]!] ?? '').trim());
    const name = get('name').replace(/\s+/g, ' ');
    const emailText = get('email');
    const team = get('team').replace(/\s+/g, ' ');
    const role = get('role');
    const language = get('language');
    const problems: ImportRow['problems'] = [];
    if (!name) problems.push({ field: 'name', code: 'name_missing' });
    else if (name.length > 120 || CONTROL.test(name)) problems.push({ field: 'name', code: 'name_too_long' });
    let email: string | null = null;
    if (emailText) {
      const parsed = emailSchema.safeParse(emailText);
      if (!parsed.success) problems.push({ field: 'email', code: 'email_invalid' });
      else {
        email = parsed.data;
        if ((seen.get(email) ?? 0) > 1) problems.push({ field: 'email', code: 'email_twice' });
        if (members.has(email)) problems.push({ field: 'email', code: 'already_member' });
        else if (invited.has(email)) problems.push({ field: 'email', code: 'already_invited' });
      }
    }
    if (!team && !emailText) problems.push({ field: 'team', code: 'team_missing' });
    if (team.length > 80 || CONTROL.test(team)) problems.push({ field: 'team', code: 'team_too_long' });
    const roleValue = ROLE_WORDS[role.toLowerCase()];
    if (!roleValue) problems.push({ field: 'role', code: 'role_unknown' });
    const languageValue = LANGUAGE_WORDS[language.toLowerCase()];
    if (languageValue === undefined) problems.push({ field: 'language', code: 'language_unknown' });
    if (cells.some((c, i) => !known.has(i) && c.trim() !== ''))
      problems.push({ field: 'row', code: 'too_many_columns' });
    const existing = team ? teamByName.get(team.toLowerCase()) : undefined;
    rows.push({
      line,
      name: name.slice(0, 200),
      email: email ?? (emailText ? emailText.slice(0, 254) : null),
      team: team.slice(0, 200),
      newTeam: !!team && !existing,
      role: role.slice(0, 40),
      language: language.slice(0, 40),
      problems,
    });
    plan.push({
      line,
      name,
      email,
      team,
      teamId: existing?.id ?? null,
      role: roleValue ?? 'member',
      language: languageValue || null,
    });
  }
  return { preview: { rows, header, problemRows: rows.filter((r) => r.problems.length).length }, plan };
}

export async function previewImport(deps: WorkforceDeps, tenant: TenantContext, text: string): Promise<ImportPreview> {
  return (await parseImport(deps, tenant, text)).preview;
}

export async function runImport(
  deps: ImportDeps,
  tenant: TenantContext,
  inviter: { name: string },
  text: string,
): Promise<ImportResult> {
  const { preview, plan } = await parseImport(deps, tenant, text);
  if (preview.problemRows > 0 || plan.length === 0)
    throw new AppError('import_has_problems', 400, { detail: `${preview.problemRows} rows have problems` });
  const organization = await repo.selectOrganizationName(deps.db, tenant.orgId);
  const teamsMade: string[] = [];
  // Everything in one transaction, all or nothing: the teams, the people without an e-mail address and
  // the invitations of the others. Only the mails go after it; one that fails leaves its invitation
  // open and unmailed (the answer and the invitations list say so), to be sent again from the list.
  const made = await deps.db.transaction(async (tx) => {
    const teamIds = new Map<string, string>();
    for (const row of plan) {
      const key = row.team.toLowerCase();
      if (!row.team || row.teamId || teamIds.has(key)) continue;
      const team = await repo.insertTeamNamed(tx, tenant.orgId, row.team);
      teamIds.set(key, team.id);
      teamsMade.push(team.name);
    }
    const teamOf = (row: Parsed['plan'][number]) =>
      row.teamId ?? (row.team ? teamIds.get(row.team.toLowerCase())! : null);
    const codes: { code: string; memberId: string; name: string; team: string }[] = [];
    for (const row of plan.filter((r) => !r.email)) {
      const created = await createCodePerson(tx, tenant, {
        name: row.name,
        teamId: teamOf(row)!,
        language: row.language,
        roles: [row.role],
      });
      codes.push({ ...created, name: row.name, team: row.team });
    }
    const invitations = [];
    for (const row of plan.filter((r) => r.email)) {
      const teamId = teamOf(row);
      const created = await orgInvitations.createInvitation(deps, tx, tenant, {
        email: row.email!,
        name: row.name,
        roles: [row.role],
        teamIds: teamId ? [teamId] : [],
      });
      invitations.push({ ...created, row });
    }
    await org.recordAudit(tx, tenant, 'members.imported', 'organization', tenant.orgId, {
      rows: plan.length,
      teamsMade: teamsMade.length,
    });
    return { codes, invitations };
  });
  const mailDeps = { db: deps.db, mailer: deps.mailer, appUrl: deps.config.appUrl, secret: deps.secret };
  const invitations: ImportResult['invitations'] = [];
  for (const { invitation, token, row } of made.invitations) {
    let mailed = false;
    try {
      const sent = await orgInvitations.mailInvitation(mailDeps, tenant.orgId, invitation, token, {
        organizationName: organization?.name ?? '',
        inviterName: inviter.name,
        language: row.language ?? asLanguage(organization?.defaultLanguage),
      });
      mailed = !!sent.mailedAt;
    } catch (err) {
      // Saved already: this row's invitation waits, unmailed, in the list.
      deps.log?.warn(
        { orgId: tenant.orgId, invitationId: invitation.id, reason: (err as Error).message },
        'import mail failed',
      );
    }
    invitations.push({ line: row.line, invitationId: invitation.id, email: invitation.email, name: row.name, mailed });
  }
  const codes = await Promise.all(
    made.codes.map((c) =>
      issuedCode(deps, c.code, {
        memberId: c.memberId,
        name: c.name,
        teamName: c.team,
        organizationName: organization?.name ?? '',
      }),
    ),
  );
  return {
    invited: invitations.length,
    mailed: invitations.filter((i) => i.mailed).length,
    teamsMade,
    codes,
    invitations,
  };
}
