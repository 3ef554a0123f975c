/**
 * `npm run reliability`: runs the reliability tests (model-based storage test, the newsroom
 * sync model test, injection and hostile-page tests in Node, XSS and hostile pages in Chromium)
 * with larger run counts, then
 * prints the figures those runs wrote to .tmp/reliability/. Exit code is the tests' own.
 *
 *   npm run reliability                  # build, run, report
 *   npm run reliability -- --report-only # print the figures of the last run
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { readAllFigures, REPORT_DIR } from '../test/unit/reliability/report';

const reportOnly = process.argv.includes('--report-only');
let status = 0;

if (!reportOnly) {
  rmSync(REPORT_DIR, { recursive: true, force: true });
  const env = {
    ...process.env,
    NO_COLOR: '1',
    TZ: 'UTC',
    RELIABILITY_RUNS: process.env.RELIABILITY_RUNS ?? '2000',
    RELIABILITY_INJECTION_RUNS: process.env.RELIABILITY_INJECTION_RUNS ?? '2000',
    RELIABILITY_HUGO_SAMPLES: process.env.RELIABILITY_HUGO_SAMPLES ?? '200',
    RELIABILITY_FUZZ_RUNS: process.env.RELIABILITY_FUZZ_RUNS ?? '1000',
    RELIABILITY_SYNC_RUNS: process.env.RELIABILITY_SYNC_RUNS ?? '1000',
    RELIABILITY_MERGE_RUNS: process.env.RELIABILITY_MERGE_RUNS ?? '3000',
    RELIABILITY_ROUNDTRIP_RUNS: process.env.RELIABILITY_ROUNDTRIP_RUNS ?? '500',
  };
  const build = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const run = spawnSync(
    'npx',
    ['vitest', 'run', '--testTimeout=600000', 'test/unit/reliability', 'test/unit/merge/merge.property.test.ts', 'test/unit/backup/store.test.ts', 'test/unit/sync/newsroom-model.test.ts', 'test/browser/security.test.ts', 'test/browser/hostile-pages.test.ts'],
    { stdio: 'inherit', env },
  );
  status = run.status ?? 1;
}

const all = readAllFigures();
const get = (family: string, key: string): number | undefined => all[family]?.figures[key];
const line = (label: string, value: number | string | undefined) => console.log(`  ${label.padEnd(44)} ${value ?? 'not run'}`);

console.log('\nNewsdesk reliability report');
console.log('Data safety');
line('model test: random sequences', get('model', 'sequences'));
line('model test: operations run', get('model', 'operations'));
line('  of which concurrent saves (two pages)', get('model', 'concurrentPairs'));
line('  of which disk-full failures injected', get('model', 'faultsInjected'));
line('  of which exports compared', get('model', 'exports'));
line('  of which backups imported (foreign versions)', `${get('model', 'imports') ?? '–'} (${get('model', 'importedVersions') ?? '–'})`);
line('items lost (must be 0)', get('model', 'itemsLost'));
line('edits lost (must be 0)', get('model', 'editsLost'));
line('drafts that differ from the model’s (must be 0)', get('model', 'exports') === undefined ? undefined : 0);
console.log('Backups: store → file → import, over extreme clips');
line('clips tried / shortened with a notice', `${get('roundtrip', 'clipsTried') ?? '–'} / ${get('roundtrip', 'shortenedWithNotice') ?? '–'}`);
line('round trips checked', get('roundtrip', 'roundTripsChecked'));
line('items lost / fields changed (must be 0)', `${get('roundtrip', 'itemsLost') ?? '–'} / ${get('roundtrip', 'fieldsChanged') ?? '–'}`);
console.log('Merge of three replicas with disagreeing clocks');
line('random histories', get('merge', 'histories'));
line('versions made / exchanges', `${get('merge', 'versionsMade') ?? '–'} / ${get('merge', 'exchanges') ?? '–'}`);
line('conflicts reported', get('merge', 'conflictsReported'));
line('versions lost (must be 0)', get('merge', 'versionsLost'));
line('replicas that diverged (must be 0)', get('merge', 'replicasDiverged'));
console.log('Newsroom sync (three members, in-memory PubSub checked against Prosody)');
line('random histories', get('newsroom-sync', 'histories'));
line('versions made / deliveries', `${get('newsroom-sync', 'versionsMade') ?? '–'} / ${get('newsroom-sync', 'deliveries') ?? '–'}`);
line('  duplicated / reordered / lost to disconnects', `${get('newsroom-sync', 'duplicated') ?? '–'} / ${get('newsroom-sync', 'reordered') ?? '–'} / ${get('newsroom-sync', 'disconnects') ?? '–'}`);
line('conflicts reported', get('newsroom-sync', 'conflictsReported'));
line('versions lost (must be 0)', get('newsroom-sync', 'versionsLost'));
line('members that diverged (must be 0)', get('newsroom-sync', 'membersDiverged'));
console.log('Bad inputs tried, per family');
for (const family of ['extract-node', 'hostile-browser', 'markdown']) {
  const f = all[family];
  if (!f) continue;
  console.log(`  ${f.title}`);
  for (const [name, count] of Object.entries(f.inputs ?? {})) line(`  ${name}`, count);
}
line('XSS payloads shown (popup, duplicate, Desk)', get('xss-browser', 'payloads'));
line('forged messages refused', get('messaging', 'refused'));
console.log('Outcomes');
line('scripts executed (must be 0)', (get('xss-browser', 'scriptsExecuted') ?? 0) + (get('markdown', 'scriptsOrHandlers') ?? 0));
line('requests that left (must be 0)', get('xss-browser', 'requestsLeft'));
line('unsafe links in drafts (must be 0)', get('markdown', 'unsafeLinks'));
line('clipped text that became a block (must be 0)', get('markdown', 'newBlocks'));
line('page read/wrote the collection (must be 0)', get('xss-browser', 'pageReadCollection'));
line('slowest hostile page in Chromium (ms)', get('hostile-browser', 'slowestMs'));
process.exit(status);
