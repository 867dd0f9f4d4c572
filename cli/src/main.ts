// The `sysd` command: wires the process to `run` (all logic lives in run.ts and the modules it uses).
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { readStream } from './files.js';
import { inertLines } from './format/inert.js';
import { run } from './run.js';

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
