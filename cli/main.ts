import { readFile, writeFile } from 'node:fs/promises';
import { runCli } from './run';

/** The process side of the CLI: real files, real streams, the exit code. */
// The bundle has the version built in; from source, package.json is one folder up.
const version = typeof __NEWSDESK_VERSION__ === 'string' ? __NEWSDESK_VERSION__ : await sourceVersion();

async function sourceVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'dev';
  } catch {
    return 'dev';
  }
}

const code = await runCli(
  process.argv.slice(2),
  {
    readFile: (path) => readFile(path, 'utf8'),
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  },
  version,
);
process.exitCode = code;

declare const __NEWSDESK_VERSION__: string | undefined;
