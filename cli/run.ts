import { parseArgs } from 'node:util';
import { BackupFormatError, backupToJson, describePlan, parseBackup, planImport, type ParsedBackup } from '../utils/backup';
import { composeDraft, draftFileName } from '../utils/export/draft';
import { isIsoDate } from '../utils/export/publish';
import { issueCadence } from '../utils/model/issue';
import { describeAhead, MAX_SKEW_MS, parseHlc } from '../utils/model/hlc';
import type { NewsItem } from '../utils/model/item';
import { listNewsletters, resolveNewsletter, UnknownNewsletterError } from '../utils/presets';
import { newsletterIds } from '../utils/presets/types';
import { isInIssue } from '../utils/export/select';
import { draftXeps, xepsBackup, XepsInputError } from './xeps';
import { ImportInputError, importIssue } from './import';
import { issueMetaKey } from '../utils/model/issue-meta';
import { filingId } from '../utils/presets/types';
import { newsroomAsBackup, NewsroomCliError, PASSWORD_VARIABLE, readNewsroom, type NewsroomIo } from './newsroom';

/**
 * The `newsdesk` command line, as a function of its arguments and a small I/O surface, so the
 * same code runs as the real binary and in tests. Uses the extension's own core (backup merge,
 * presets, draft export) with no browser API and no database: backups merge in memory.
 */

export interface CliIo {
  readFile(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** This computer's clock; tests set it. */
  now?: () => number;
  /** For `xeps --github`; the global fetch when absent. */
  fetch?: typeof fetch;
  /** Environment variables (GITHUB_TOKEN, NEWSDESK_PASSWORD). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Ask for a password on the terminal without echo; null when there is no terminal. */
  readPassword?: NewsroomIo['readPassword'];
  /** The WebSocket for the newsroom (default: the `ws` package). */
  WebSocket?: NewsroomIo['WebSocket'];
}

export const EXIT_OK = 0;
/** Wrong or missing arguments. */
export const EXIT_USAGE = 1;
/** The arguments were fine but an input was not: a missing or bad file, an unknown newsletter… */
export const EXIT_INPUT = 2;
/** The draft was written, but something was left out of it (listed on stderr): records that could not be read or were held back. */
export const EXIT_PARTIAL = 3;

export const HELP = `Usage: newsdesk export <backup.json>... --issue <issue> [--newsletter <id>] [-o <draft.md>]
       newsdesk export --newsroom <node> --service <wss://…> --jid <you@example.org> [--pubsub <service>] --issue <issue> [<backup.json>...]
       newsdesk newsroom pull --service <wss://…> --jid <you@example.org> --node <node> [--pubsub <service>] [-o <backup.json>]
       newsdesk import <issue.md> [--issue <YYYY-MM>] [--newsletter <id>] [-o <items.json>]
       newsdesk xeps --month <YYYY-MM> (--repo <clone of xsf/xeps> | --github) [-o <xeps.json>] [--backup <items.json>]

export: merge one or more Newsdesk backups (exported from the extension's Desk or options page),
and/or the items of a shared newsroom, and write the draft of one issue as Markdown.

Options:
  -i, --issue <issue>       the issue: a month (2023-10) or, for weekly newsletters, an ISO
                            week (2024-W07). Required.
  -n, --newsletter <id>     the newsletter: a built-in preset (xmpp, xmpp-2024,
                            weekly-digest, generic) or one defined in the backups. Default:
                            the one the issue's items belong to, else xmpp.
  -o, --output <file>       write the draft to <file> ("-" or none: standard output).
  -d, --publish-date <date> the front matter date, YYYY-MM-DD (default: the newsletter's
                            publish day after the issue).
  -q, --quiet               no merge report on standard error.
      --newsroom <node>     also read every item of this newsroom (a PubSub node), with
                            --service and --jid (and --pubsub) as for "newsroom pull".
  -h, --help                show this help.
  -v, --version             show the version.

Backups merge item by item: of two versions of one item the later edit wins and the other is
listed on standard error as a conflict (an issue's details — its teaser, extra contributors and
occasional blocks — merge the same way and go into the draft); the same page clipped by two contributors stays two
items and is listed as a possible duplicate.
An item the draft cannot include as written is named on standard error (even with --quiet)
and a TODO line stands in its place; what was changed for safety is listed there too.
Exit status: 0 done, 1 usage error, 2 input error (missing or unreadable file, not a backup,
unknown newsletter, bad issue), 3 draft written but records were left out (each one listed on
standard error: unreadable, or with a clock far ahead of this computer's).

newsroom pull: read every item of a shared newsroom (deleted ones included) into a backup file
that the extension and "export" read.

Options:
      --service <url>       the server's XMPP WebSocket address (wss://…; ws:// only on this
                            computer).
      --jid <address>       your XMPP address; you must be a member of the newsroom.
      --node <node>         the newsroom's node, e.g. xmpp-newsletter.
      --pubsub <service>    the PubSub service (default: pubsub.<your domain>).
  -o, --output <file>       write the backup to <file> ("-" or none: standard output).
The password is read from the environment variable ${PASSWORD_VARIABLE}, or asked for on the
terminal; it is never an argument. Records of the newsroom that are not Newsdesk items are kept in
the backup as damaged records and listed on standard error (exit status 3).

import: read a published issue or the team's pad in the same shape (Markdown) and write it as a
backup: one item per entry, in its section and order, with its link, title and text; the names
the issue credits, its teaser and the occasional blocks it prints as the issue's details. The
extension imports the file (Settings → Backups, or the Desk's "Import an issue or pad" for the
Markdown itself) and "export" reads it. Importing a newer file of the same issue later updates
the items no editor changed (each entry keeps its id).

Options:
  -i, --issue <YYYY-MM>     the issue the file covers (default: the month its front matter
                            names: "title: … March 2026", or the month before its "date:").
  -n, --newsletter <id>     the newsletter shape to read it with (default: xmpp, the XMPP
                            Newsletter as published now; xmpp-2024 and xmpp-2023 read older
                            issues).
  -o, --output <file>       write the backup to <file> ("-" or none: standard output).
  -q, --quiet               only what could not be placed on standard error.
Standard error counts the entries per section and lists every line the reader could not place
(always, even with --quiet).
Exit status: 0 done, 1 usage error, 2 input error (missing or unreadable file, unknown
newsletter, a file that says no issue and no --issue, an entry too large to store).

xeps: the month's XEP changes (Proposed, New, Deferred, Updated, Last Call, Stable, Deprecated,
Rejected…) from the xsf/xeps history, by the XSF's own rules, each with its entry in the
newsletter's current form, as JSON. A change counts in the month (UTC) it was merged into master.

Options:
  -m, --month <YYYY-MM>     the month. Required.
  -r, --repo <dir>          a local clone of https://github.com/xsf/xeps (git must be installed).
      --github              read GitHub's public API instead (one request per commit of the
                            month; 60 an hour without a token).
                            A GitHub token (no scope needed) in $GITHUB_TOKEN raises that to
                            5,000; never as an argument (it would show in the process list).
      --ref <ref>           the branch or commit whose history is read (default: master).
  -o, --output <file>       write the JSON to <file> ("-": standard output; the default when
                            there is no --backup).
      --backup <file>       also write the changes as items of a Newsdesk backup: import it in
                            the Desk, or merge it with contributors' backups in "export". Each
                            change keeps its id, so a later run of the same month updates the
                            items no editor changed and never duplicates them.
  -n, --newsletter <id>     whose sections and entry templates write the entries (default: xmpp).
  -i, --issue <YYYY-MM>     the issue the items go in (default: the month).
  -q, --quiet               nothing on standard error but errors.
Standard error lists the files that could not be read, what was repaired, and what the editor
must complete (a Last Call's mailing-list thread).

Exit status: 0 done, 1 usage error, 2 input error (missing or unreadable file, not a backup,
unknown newsletter, bad issue or month, history not readable, GitHub unreachable or limited).

Examples:
  npx newsdesk export alice.json bob.json --issue 2023-10 -o 2023-11-05-newsletter.md
  NEWSDESK_PASSWORD=… npx newsdesk newsroom pull --service wss://example.org/xmpp-websocket --jid editor@example.org --node xmpp-newsletter -o newsroom.json
  npx newsdesk export --newsroom xmpp-newsletter --service wss://example.org/xmpp-websocket --jid editor@example.org --issue 2026-11
  npx newsdesk import 2026-04-05-newsletter.md --issue 2026-03 -o march.json
  npx newsdesk xeps --month 2026-03 --repo ../xeps -o xeps.json
  npx newsdesk xeps --month 2026-03 --repo ../xeps --backup xeps-march.json && npx newsdesk export alice.json xeps-march.json --issue 2026-03
`;

class CliError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

export async function runCli(argv: readonly string[], io: CliIo, version = '0.0.0'): Promise<number> {
  try {
    return await dispatch(argv, io, version);
  } catch (error) {
    if (error instanceof NewsroomCliError) error = new CliError(error.message, error.kind === 'usage' ? EXIT_USAGE : EXIT_INPUT);
    if (error instanceof CliError) {
      io.stderr(`newsdesk: ${error.message}\n`);
      if (error.code === EXIT_USAGE) io.stderr('Run "newsdesk --help" for usage.\n');
      return error.code;
    }
    io.stderr(`newsdesk: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_INPUT;
  }
}

/** `text` to `file`, or to standard output for "-"; a file that cannot be written is an input error. */
async function writeOutput(io: CliIo, file: string, text: string): Promise<void> {
  if (file === '-') return io.stdout(text);
  try {
    await io.writeFile(file, text);
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${systemMessage(error)}`, EXIT_INPUT);
  }
}

async function dispatch(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        issue: { type: 'string', short: 'i' },
        newsletter: { type: 'string', short: 'n' },
        output: { type: 'string', short: 'o' },
        'publish-date': { type: 'string', short: 'd' },
        quiet: { type: 'boolean', short: 'q' },
        month: { type: 'string', short: 'm' },
        repo: { type: 'string', short: 'r' },
        github: { type: 'boolean' },
        token: { type: 'string' },
        backup: { type: 'string' },
        ref: { type: 'string' },
        newsroom: { type: 'string' },
        service: { type: 'string' },
        jid: { type: 'string' },
        pubsub: { type: 'string' },
        node: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    // parseArgs says which option was unknown or lacked a value.
    throw new CliError(error instanceof Error ? error.message : String(error), EXIT_USAGE);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (values.version) {
    io.stdout(`newsdesk ${version}\n`);
    return EXIT_OK;
  }
  const [command, ...files] = positionals;
  if (!command) throw new CliError('no command given (the commands are "export", "import", "newsroom" and "xeps")', EXIT_USAGE);
  if (command === 'xeps') {
    for (const option of ['newsroom', 'service', 'jid', 'pubsub', 'node'] as const) {
      if (values[option] !== undefined) throw new CliError(`--${option} is not an option of "xeps"`, EXIT_USAGE);
    }
    return xeps(values, files, io);
  }
  if (command === 'newsroom') return newsroom(values, files, io);
  if (command === 'import') return importCommand(values, files, io);
  if (command !== 'export') throw new CliError(`unknown command "${command}" (the commands are "export", "import", "newsroom" and "xeps")`, EXIT_USAGE);
  for (const option of ['month', 'repo', 'github', 'token', 'ref', 'backup'] as const) {
    if (values[option] !== undefined) throw new CliError(`--${option} is an option of "xeps", not of "export"`, EXIT_USAGE);
  }
  if (values.node !== undefined) throw new CliError('"export" names the newsroom with --newsroom <node>, not --node', EXIT_USAGE);
  if (values.newsroom === undefined) {
    for (const option of ['service', 'jid', 'pubsub'] as const) {
      if (values[option] !== undefined) throw new CliError(`--${option} goes with --newsroom <node>`, EXIT_USAGE);
    }
  }
  if (files.length === 0 && values.newsroom === undefined) throw new CliError('no backup file given (or --newsroom)', EXIT_USAGE);
  if (!values.issue) throw new CliError('--issue is required, e.g. --issue 2023-10', EXIT_USAGE);
  const issue = values.issue;
  if (!issueCadence(issue)) {
    throw new CliError(`"${issue}" is not an issue: use a month like 2023-10 or an ISO week like 2024-W07`, EXIT_INPUT);
  }
  const publishDate = values['publish-date'];
  if (publishDate !== undefined && !isIsoDate(publishDate)) {
    throw new CliError(`"${publishDate}" is not a date: use YYYY-MM-DD`, EXIT_INPUT);
  }

  const backups: ParsedBackup[] = [];
  for (const file of files) backups.push(await readBackup(file, io));
  if (values.newsroom !== undefined) {
    const { config, pulled } = await readNewsroom({ ...values, node: values.newsroom }, io, '--newsroom', values.quiet);
    backups.push(newsroomAsBackup(config, pulled, new Date(io.now?.() ?? Date.now())));
  }

  const now = io.now?.() ?? Date.now();
  const plan = planImport({ items: [], newsletters: [] }, backups, {
    // A version stamped far in the future (a wrong clock, a forged file) is not trusted.
    holdBack: (v) => {
      const wall = parseHlc(v.hlc)?.wall ?? 0;
      return wall > now + MAX_SKEW_MS ? `Its clock is ${describeAhead(wall, now)} ahead of this computer’s.` : null;
    },
  });
  const items = plan.items.items;
  const newsletters = plan.newsletters.added;
  const newsletterId = values.newsletter ?? defaultNewsletter(items, issue);
  let preset;
  try {
    preset = resolveNewsletter(newsletterId, newsletters);
  } catch (error) {
    if (error instanceof UnknownNewsletterError) {
      const known = listNewsletters(newsletters).map((n) => n.id).join(', ');
      throw new CliError(`unknown newsletter "${newsletterId}" (known: ${known})`, EXIT_INPUT);
    }
    throw error;
  }
  if (issueCadence(issue) !== preset.cadence) {
    const example = preset.cadence === 'weekly' ? 'an ISO week like 2024-W07' : 'a month like 2023-10';
    throw new CliError(`${preset.name} is ${preset.cadence}: --issue must be ${example}, not "${issue}"`, EXIT_INPUT);
  }

  // The issue's details (teaser, extra contributors, occasional blocks), merged like items.
  const meta = plan.issueMeta.metas.find((m) => m.key === issueMetaKey(filingId(preset), issue)) ?? null;
  const { markdown, problems, notices } = composeDraft({ preset, issue, items, meta, ...(publishDate ? { publishDate } : {}) });
  const inIssue = items.filter((i) => isInIssue(i, newsletterIds(preset), issue));
  const lines = describePlan(plan).slice(1);
  if (!values.quiet) {
    const sources = [files.length ? `${files.length} backup${files.length === 1 ? '' : 's'}` : '', values.newsroom !== undefined ? 'the newsroom' : ''].filter(Boolean).join(' and ');
    io.stderr(`Merged ${sources}: ${items.filter((i) => i.deletedAt === null).length} items in all, ${inIssue.length} in ${preset.id} ${issue}.\n`);
    for (const line of lines) io.stderr(`${line}\n`);
    for (const n of notices) io.stderr(`Changed for safety in ${n.itemId ? `"${n.title}"` : `the newsletter's ${n.title}`}: ${n.notice}\n`);
  } else {
    // Even when quiet, what was left out is said: nothing is dropped silently.
    for (const line of lines.filter((l) => /^(Not imported|Held back|\d+ records? the exporting)/.test(l))) io.stderr(`${line}\n`);
  }
  for (const p of problems) io.stderr(`Not included as written: "${p.title}" (${p.itemId}): ${p.reason}. The draft has a TODO line in its place.\n`);
  const output = values.output;
  await writeOutput(io, output ?? '-', markdown);
  if (output !== undefined && output !== '-' && !values.quiet) io.stderr(`Wrote ${output} (xmpp.org would name it ${draftFileName(preset, issue, publishDate)}).\n`);
  const leftOut = plan.summary.rejected + plan.summary.heldBack;
  return leftOut > 0 ? EXIT_PARTIAL : EXIT_OK;
}

interface NewsroomValues {
  service?: string | undefined;
  jid?: string | undefined;
  pubsub?: string | undefined;
  node?: string | undefined;
  output?: string | undefined;
  quiet?: boolean | undefined;
  [other: string]: string | boolean | undefined;
}

/** `newsroom pull`: the whole newsroom as a backup file. */
async function newsroom(values: NewsroomValues, args: string[], io: CliIo): Promise<number> {
  const [sub, ...extra] = args;
  if (sub !== 'pull') throw new CliError(sub ? `unknown newsroom command "${sub}" (the one there is: "newsroom pull")` : 'say what to do: "newsroom pull"', EXIT_USAGE);
  if (extra.length) throw new CliError(`"newsroom pull" takes no file arguments (got ${extra.join(' ')}); write the backup with -o`, EXIT_USAGE);
  for (const option of ['issue', 'newsletter', 'publish-date', 'month', 'repo', 'github', 'token', 'ref', 'newsroom', 'backup'] as const) {
    if (values[option] !== undefined) throw new CliError(`--${option} is not an option of "newsroom pull"${option === 'newsroom' ? ' (name the node with --node)' : ''}`, EXIT_USAGE);
  }
  const { config, pulled } = await readNewsroom(values, io, '--node', values.quiet);
  const parsed = newsroomAsBackup(config, pulled, new Date(io.now?.() ?? Date.now()));
  const json = backupToJson(parsed.backup);
  const output = values.output;
  await writeOutput(io, output ?? '-', json);
  const live = pulled.items.filter((i) => i.deletedAt === null).length;
  // What could not be read is said even when quiet: nothing is dropped silently.
  if (!values.quiet) io.stderr(`Read ${pulled.items.length} items from ${parsed.fileName} (${live} live, ${pulled.items.length - live} deleted).${output && output !== '-' ? ` Wrote ${output}.` : ''}\n`);
  for (const d of pulled.damaged) io.stderr(`Not a Newsdesk item, kept in the backup as damaged: ${d.reasons.join('; ')}.\n`);
  return pulled.damaged.length > 0 ? EXIT_PARTIAL : EXIT_OK;
}

interface ImportValues {
  issue?: string | undefined;
  newsletter?: string | undefined;
  output?: string | undefined;
  quiet?: boolean | undefined;
  [other: string]: string | boolean | undefined;
}

/** `import`: a published issue or pad (Markdown) as a backup file. */
async function importCommand(values: ImportValues, files: string[], io: CliIo): Promise<number> {
  for (const option of ['publish-date', 'month', 'repo', 'github', 'token', 'ref', 'newsroom', 'service', 'jid', 'pubsub', 'node', 'backup'] as const) {
    if (values[option] !== undefined) throw new CliError(`--${option} is not an option of "import"`, EXIT_USAGE);
  }
  if (files.length === 0) throw new CliError('no issue file given, e.g. newsdesk import 2026-04-05-newsletter.md', EXIT_USAGE);
  if (files.length > 1) throw new CliError(`"import" reads one issue at a time (got ${files.join(' ')})`, EXIT_USAGE);
  const file = files[0]!;
  if (values.issue !== undefined && !issueCadence(values.issue)) {
    throw new CliError(`"${values.issue}" is not an issue: use a month like 2026-03`, EXIT_INPUT);
  }
  const preset = builtInNewsletter(values.newsletter);
  let markdown: string;
  try {
    markdown = await io.readFile(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${systemMessage(error)}`, EXIT_INPUT);
  }
  let imported;
  try {
    imported = importIssue(markdown, preset, { issue: values.issue, file: file.split(/[\\/]/).pop() ?? file, now: io.now?.() ?? Date.now() });
  } catch (error) {
    if (error instanceof ImportInputError) throw new CliError(error.message, EXIT_INPUT);
    throw error;
  }
  const { backup, report } = imported;
  const json = backupToJson(backup);
  const output = values.output;
  await writeOutput(io, output ?? '-', json);
  if (!values.quiet) {
    io.stderr(`${preset.name}, ${report.issue}: ${report.added} item${report.added === 1 ? '' : 's'} from ${file}.\n`);
    for (const s of report.sections) io.stderr(`  ${s.path}: ${s.entries}\n`);
    for (const line of report.lines.slice(1).filter((l) => !l.startsWith('Reading the file: '))) io.stderr(`${line}\n`);
    if (output !== undefined && output !== '-') io.stderr(`Wrote ${output}.\n`);
  }
  // What the reader could not place is said even when quiet: nothing is dropped silently.
  for (const line of report.lines.filter((l) => l.startsWith('Reading the file: '))) io.stderr(`${line}\n`);
  return EXIT_OK;
}

/** A built-in newsletter by id (default: xmpp, the XMPP Newsletter as published now). */
function builtInNewsletter(id: string | undefined) {
  try {
    return resolveNewsletter(id ?? 'xmpp', []);
  } catch (error) {
    if (error instanceof UnknownNewsletterError) {
      throw new CliError(`unknown newsletter "${id}" (known: ${listNewsletters([]).map((n) => n.id).join(', ')})`, EXIT_INPUT);
    }
    throw error;
  }
}

interface XepsValues {
  month?: string | undefined;
  repo?: string | undefined;
  github?: boolean | undefined;
  token?: string | undefined;
  ref?: string | undefined;
  output?: string | undefined;
  quiet?: boolean | undefined;
  issue?: string | undefined;
  newsletter?: string | undefined;
  'publish-date'?: string | undefined;
  backup?: string | undefined;
}

async function xeps(values: XepsValues, extra: string[], io: CliIo): Promise<number> {
  if (extra.length > 0) throw new CliError(`"xeps" takes no file arguments (got ${extra.join(' ')})`, EXIT_USAGE);
  if (values['publish-date'] !== undefined) throw new CliError('--publish-date is an option of "export", not of "xeps"', EXIT_USAGE);
  if (values.token !== undefined) {
    throw new CliError('a token is never an argument (it would show in the process list and the shell history): set $GITHUB_TOKEN', EXIT_USAGE);
  }
  if (!values.month) throw new CliError('--month is required, e.g. --month 2026-03', EXIT_USAGE);
  if (values.repo && values.github) throw new CliError('use either --repo or --github, not both', EXIT_USAGE);
  if (!values.repo && !values.github) throw new CliError('say where the history is: --repo <clone of xsf/xeps> or --github', EXIT_USAGE);
  if (values.issue !== undefined && !issueCadence(values.issue)) throw new CliError(`"${values.issue}" is not an issue: use a month like 2026-03`, EXIT_INPUT);
  if (values.backup !== undefined && values.backup === values.output) throw new CliError('--backup and --output name the same file', EXIT_USAGE);
  const preset = builtInNewsletter(values.newsletter);
  const now = io.now?.() ?? Date.now();
  let drafted;
  let backup;
  try {
    drafted = await draftXeps({
      month: values.month,
      repo: values.repo,
      github: values.github,
      token: values.github ? io.env?.GITHUB_TOKEN || undefined : undefined,
      ref: values.ref,
      fetch: io.fetch,
      preset,
      issue: values.issue,
      now,
    });
    backup = values.backup === undefined ? null : xepsBackup(drafted.result, { preset, issue: values.issue, now });
  } catch (error) {
    if (error instanceof XepsInputError) throw new CliError(error.message, EXIT_INPUT);
    throw error;
  }
  const json = `${JSON.stringify(drafted.report, null, 2)}\n`;
  const output = values.output;
  // With --backup alone, the backup is what was asked for: the report is not printed.
  if (output !== undefined || !backup) await writeOutput(io, output ?? '-', json);
  if (backup && values.backup) await writeOutput(io, values.backup, backupToJson(backup));
  if (!values.quiet) {
    for (const line of drafted.log) io.stderr(`${line}\n`);
    if (output !== undefined && output !== '-') io.stderr(`Wrote ${output}.\n`);
    if (backup && values.backup !== '-') io.stderr(`Wrote ${values.backup}: ${backup.items.length} item${backup.items.length === 1 ? '' : 's'} for the ${backup.scope.kind === 'issue' ? backup.scope.issue : values.month} issue.\n`);
  }
  return EXIT_OK;
}

async function readBackup(file: string, io: CliIo): Promise<ParsedBackup> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${systemMessage(error)}`, EXIT_INPUT);
  }
  try {
    return parseBackup(text, file);
  } catch (error) {
    if (error instanceof BackupFormatError) throw new CliError(error.message, EXIT_INPUT);
    throw error;
  }
}

/** The newsletter the issue's live items belong to when there is exactly one, else xmpp. */
function defaultNewsletter(items: readonly NewsItem[], issue: string): string {
  const ids = new Set(items.filter((i) => i.issue === issue && i.deletedAt === null).map((i) => i.newsletter));
  if (ids.size > 1) {
    throw new CliError(`the backups hold issue ${issue} of several newsletters (${[...ids].sort().join(', ')}): choose one with --newsletter`, EXIT_USAGE);
  }
  return [...ids][0] ?? 'xmpp';
}

function systemMessage(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
