// Type-checks every package with its own tsconfig.json (its own `lib` and `types`: the language and
// diagram packages see neither the DOM nor, for the diagram, Node), then the tests and scripts.
// Two at a time, one per core.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const projects = ['language', 'diagram', 'protocol', 'server', 'client', 'webview', 'cli', '.'];
let failed = false;

async function check(project) {
    const code = await new Promise(resolve => {
        const child = spawn(process.execPath, [tsc, '-p', `${project}/tsconfig.json`, '--pretty'], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', chunk => (out += chunk));
        child.stderr.on('data', chunk => (out += chunk));
        child.on('close', status => {
            if (out) process.stdout.write(out);
            resolve(status);
        });
    });
    console.log(`typecheck ${project === '.' ? 'tests and scripts' : project}: ${code === 0 ? 'ok' : 'failed'}`);
    if (code !== 0) failed = true;
}

const queue = [...projects];
await Promise.all([0, 1].map(async () => {
    while (queue.length > 0) await check(queue.shift());
}));
process.exit(failed ? 1 : 0);
