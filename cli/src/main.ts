// The `sysd` command: wires the process to `run` (all logic lives in run.ts and the modules it uses).
import * as module from 'node:module';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { readStream } from './files.js';
import { inertLines } from './format/inert.js';
import { run } from './run.js';

// Node 22.1+ keeps V8's compiled code of the command bundles (check.cjs is 2 MB of JavaScript) in a
// cache on disk, so the next start skips most of the compiling. NODE_DISABLE_COMPILE_CACHE=1 turns
// it off, NODE_COMPILE_CACHE=<dir> moves it; a cache that cannot be written just stays empty.
module.enableCompileCache?.();

// A reader that stops early (`sysd check | head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK);
    throw error;
});

run(process.argv.slice(2), {
    stdout: text => void process.stdout.write(text),
    stderr: text => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    readStdin: () => readStream(process.stdin)
}).then(
    code => {
        process.exitCode = code;
    },
    (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(inertLines(`sysd: internal error: ${message}\n`));
        if (process.env.SYSD_DEBUG && error instanceof Error && error.stack) process.stderr.write(inertLines(`${error.stack}\n`));
        process.exitCode = EXIT_USAGE;
    }
);
