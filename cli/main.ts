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

/** Ask for the password on the terminal, echoing nothing; null when stdin is not a terminal. */
function readPassword(prompt: string): Promise<string | null> {
  const input = process.stdin;
  if (!input.isTTY) return Promise.resolve(null);
  return new Promise((resolve) => {
    process.stderr.write(prompt);
    let typed = '';
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.resume();
    const done = (value: string | null) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done(typed);
        if (char === '\u0003' || char === '\u0004') return done(null); // Ctrl-C, Ctrl-D
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}

const code = await runCli(
  process.argv.slice(2),
  {
    readFile: (path) => readFile(path, 'utf8'),
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    readPassword,
  },
  version,
);
process.exitCode = code;

declare const __NEWSDESK_VERSION__: string | undefined;
