/**
 * `tfa`: the command line. Each command lives in its own file; this one only dispatches.
 */
import { devCommand } from './dev';

const USAGE = `Usage: tfa <command> [options]

Commands:
  dev     Serve a Twilio Functions project locally (default: the current folder)
  build   Bundle a project for AWS Lambda and Cloudflare Workers
  init    Add deployment files to an existing serverless-toolkit project

Run "tfa <command> --help" for the options of a command.`;

type Command = (args: string[]) => Promise<number | void>;

// Loaded on demand with require: tsx's CommonJS hook (bin/tfa.cjs) does not cover import(),
// which fails with "Cannot find module .../src/cli/build".
const commands: Record<string, () => Promise<Command>> = {
  dev: async () => devCommand,
  build: async () => (require('./build') as typeof import('./build')).buildCommand,
  init: async () => (require('./init') as typeof import('./init')).initCommand,
};

export async function main(argv: string[]): Promise<number | void> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    console.error(`tfa: unknown command "${name}"\n\n${USAGE}`);
    return 1;
  }
  return (await load())(args);
}
