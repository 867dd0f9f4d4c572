// The workspace-scale section of `npm run bench` (`--scale`): generated models of 10 to 20,000
// elements (scripts/bench/generate.ts), measured end to end as users run them:
// `sysd check` as a whole process (wall and CPU time, peak RSS) against `node -e 0` for start-up,
// `likec4 validate` on the same model when LikeC4 is installed, the bundled language server over
// stdio (open -> all diagnostics, a fixed script of edits -> diagnostics, the diagram request), and
// the pathological input (4,000 declarations of one name). One table, each row with the goals of
// issue 15 that apply to it and whether this run met them. Figures are printed, never asserted.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection
} from 'vscode-languageserver-protocol/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { generate, sameNameText, toLikeC4, toSysd, type GenerateOptions } from './bench/generate.js';

export interface ScaleBenchOptions {
    /** The repository root (bin/sysd.cjs, out/server/main.cjs). */
    root: string;
    /** Fewer sizes, one run each, a shorter edit script. */
    quick: boolean;
    /** Also the 20,000-element rows (minutes). */
    full: boolean;
    seed: number;
    /** Runs of each whole-process command; the median is printed. */
    runs: number;
    /** `likec4` executable, or undefined when LikeC4 is not installed. */
    likec4?: string;
}

interface Row {
    label: string;
    /** A generated model, or the pathological input (`sameName` declarations of one name). */
    options: GenerateOptions | { sameName: number };
    lsp: boolean;
}

interface Result {
    label: string;
    elements: number;
    relations: number;
    lines: number;
    checkMs?: number;
    /** CPU time (user + system) of the `sysd check` process: less sensitive to a busy machine than wall time. */
    checkCpuMs?: number;
    checkRssMb?: number;
    checkNote?: string;
    likec4Ms?: number;
    likec4CpuMs?: number;
    likec4RssMb?: number;
    likec4Note?: string;
    lsp?: LspResult;
}

interface LspResult {
    openMs: number;
    edits: number;
    p50?: number;
    p95?: number;
    max?: number;
    rssMb?: number;
    diagramP50?: number;
    diagramBytes?: number;
    /** Every edit's latency, in the order sent. */
    samples?: number[];
    /** CPU time (user + system) the server spent from the first edit to the last one's diagnostics. */
    editCpuMs?: number;
}

/** Start-up: `sysd check` on a one-line file against `node -e 0`, medians of interleaved runs. */
interface StartupResult {
    runs: number;
    nodeMs: number;
    nodeCpuMs?: number;
    checkMs: number;
    checkCpuMs?: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** Where LikeC4 is: `LIKEC4_BIN`, or the separate prefix /tmp/likec4 (`npm i likec4 --prefix /tmp/likec4`). */
export function findLikeC4(): string | undefined {
    const candidates = [process.env.LIKEC4_BIN, '/tmp/likec4/node_modules/.bin/likec4'];
    return candidates.find((file): file is string => !!file && fs.existsSync(file));
}

function rows(options: ScaleBenchOptions): Row[] {
    const { seed } = options;
    const list: Row[] = [
        { label: '10 in 10 systems', options: { elements: 10, systems: 10, files: 10, seed }, lsp: false },
        { label: '1,000 in 10 systems', options: { elements: 1000, systems: 10, files: 10, seed }, lsp: true }
    ];
    if (!options.quick) list.push({ label: '5,000 in 10 systems', options: { elements: 5000, systems: 10, files: 10, seed }, lsp: true });
    if (options.full) {
        list.push({ label: '1,000 in 1 system', options: { elements: 1000, systems: 1, files: 10, seed }, lsp: false });
        list.push({ label: '20,000 in 100 systems', options: { elements: 20000, systems: 100, files: 10, seed }, lsp: false });
        list.push({ label: '20,000 in 1 system', options: { elements: 20000, systems: 1, files: 10, seed }, lsp: false });
    }
    list.push({ label: '4,000 declarations of one name', options: { sameName: 4000 }, lsp: true });
    return list;
}

function writeFiles(dir: string, files: { name: string; text: string }[]): number {
    fs.mkdirSync(dir, { recursive: true });
    let lines = 0;
    for (const file of files) {
        fs.writeFileSync(path.join(dir, file.name), file.text);
        lines += file.text.split('\n').length;
    }
    return lines;
}

interface ProcessRun { ms: number; rssKb?: number; cpuMs?: number; code: number | null; stdout: string; stderr: string }

const TIME = '/usr/bin/time';

/** Runs a command to its end; wall time from spawn to exit, peak RSS and CPU time from GNU time when it is there. */
function runTimed(command: string, args: string[], cwd: string, scratch: string): Promise<ProcessRun> {
    const rssFile = path.join(scratch, 'rss.txt');
    const timed = fs.existsSync(TIME);
    const [file, argv] = timed ? [TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args]] : [command, args];
    return new Promise((resolve, reject) => {
        const start = performance.now();
        const child = spawn(file, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
        child.on('error', reject);
        child.on('close', code => {
            const ms = performance.now() - start;
            let rssKb: number | undefined;
            let cpuMs: number | undefined;
            if (timed) {
                const [rss, user, system] = (fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
                if (Number.isFinite(rss)) rssKb = rss;
                if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = (user + system) * 1000;
            }
            resolve({ ms, rssKb, cpuMs, code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
        });
    });
}

/** Errors in `sysd check --format json` output that are not lint findings (syntax, references): the generator's fault. */
function checkErrors(stdout: string): string[] {
    const files = JSON.parse(stdout) as { file: string; diagnostics: { rule: string | null; severity: string; message: string }[] }[];
    return files.flatMap(f => f.diagnostics.filter(d => d.severity === 'error' && !d.rule).map(d => `${path.basename(f.file)}: ${d.message}`));
}

async function measureCheck(root: string, dir: string, scratch: string, runs: number, expectClean: boolean): Promise<Pick<Result, 'checkMs' | 'checkCpuMs' | 'checkRssMb' | 'checkNote'>> {
    const times: number[] = [];
    const cpu: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < runs; i++) {
        const run = await runTimed(process.execPath, [path.join(root, 'bin/sysd.cjs'), 'check', dir, '--format', 'json'], root, scratch);
        if (run.code !== 0 && run.code !== 1) return { checkNote: `exit ${run.code}: ${run.stderr.trim().split('\n')[0]}` };
        if (i === 0 && expectClean) {
            const errors = checkErrors(run.stdout);
            if (errors.length > 0) throw new Error(`generated workspace ${dir} has ${errors.length} errors, first: ${errors[0]}`);
        }
        times.push(run.ms);
        if (run.cpuMs !== undefined) cpu.push(run.cpuMs);
        if (run.rssKb !== undefined) rss.push(run.rssKb);
    }
    return { checkMs: median(times), checkCpuMs: cpu.length > 0 ? median(cpu) : undefined, checkRssMb: rss.length > 0 ? median(rss) / 1024 : undefined };
}

/** `node -e 0` and `sysd check` on a one-line file, interleaved, `runs` times each. */
async function measureStartup(root: string, scratch: string, runs: number): Promise<StartupResult> {
    const file = path.join(scratch, 'one-line.sysd');
    fs.writeFileSync(file, 'service Orders\n');
    const node: ProcessRun[] = [];
    const check: ProcessRun[] = [];
    for (let i = 0; i < runs; i++) {
        node.push(await runTimed(process.execPath, ['-e', '0'], root, scratch));
        const run = await runTimed(process.execPath, [path.join(root, 'bin/sysd.cjs'), 'check', file], root, scratch);
        if (run.code !== 0) throw new Error(`sysd check on a one-line file exited with ${run.code}: ${run.stderr.trim()}`);
        check.push(run);
    }
    const cpu = (list: ProcessRun[]) => (list.every(r => r.cpuMs !== undefined) ? median(list.map(r => r.cpuMs!)) : undefined);
    return { runs, nodeMs: median(node.map(r => r.ms)), nodeCpuMs: cpu(node), checkMs: median(check.map(r => r.ms)), checkCpuMs: cpu(check) };
}

async function measureLikeC4(bin: string, dir: string, scratch: string, runs: number): Promise<Pick<Result, 'likec4Ms' | 'likec4CpuMs' | 'likec4RssMb' | 'likec4Note'>> {
    const times: number[] = [];
    const cpu: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < runs; i++) {
        const run = await runTimed(bin, ['validate', dir], dir, scratch);
        const output = run.stdout + run.stderr;
        if (run.code !== 0 || /\bERROR\b/.test(output)) {
            const first = output.split('\n').find(line => /ERROR|Error|error/.test(line)) ?? '';
            // eslint-disable-next-line no-control-regex
            return { likec4Note: `exit ${run.code}: ${first.replace(/\u001b\[[0-9;]*m/g, '').trim().slice(0, 120)}` };
        }
        times.push(run.ms);
        if (run.cpuMs !== undefined) cpu.push(run.cpuMs);
        if (run.rssKb !== undefined) rss.push(run.rssKb);
    }
    return { likec4Ms: median(times), likec4CpuMs: cpu.length > 0 ? median(cpu) : undefined, likec4RssMb: rss.length > 0 ? median(rss) / 1024 : undefined };
}

/** Peak resident set of a live process (Linux), in MB. */
function peakRssMb(pid: number | undefined): number | undefined {
    if (pid === undefined) return undefined;
    try {
        const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
        return match ? Number(match[1]) / 1024 : undefined;
    } catch {
        return undefined;
    }
}

/** CPU time (user + system) a live process has used so far (Linux), in ms; 10 ms resolution. */
function cpuMs(pid: number | undefined): number | undefined {
    if (pid === undefined) return undefined;
    try {
        // The fields after the command name (which may hold spaces) start with the state, field 3.
        const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
        return undefined;
    }
}

/**
 * The fixed edit script on one file, cycling through five small edits: change a timeout value,
 * rename an element, rename it back, add a property, remove it. Each entry is the whole new text.
 */
export function editScript(text: string, count: number): string[] {
    const declaration = /^( {4}service )(\w+)( \{)$/m.exec(text);
    const replicas = /^( {8}replicas 2)$/m.exec(text);
    const timeout = /timeout (\d+)ms/.exec(text);
    if (!declaration || !replicas || !timeout) throw new Error('the edited file has no service with replicas and a timeout');
    const texts: string[] = [];
    let current = text;
    for (let i = 0; i < count; i++) {
        switch (i % 5) {
            case 0: current = current.replace(/timeout \d+ms/, `timeout ${100 + (i % 50) * 10}ms`); break;
            case 1: current = current.replace(declaration[0], `${declaration[1]}${declaration[2]}Renamed${declaration[3]}`); break;
            case 2: current = current.replace(`${declaration[1]}${declaration[2]}Renamed${declaration[3]}`, declaration[0]); break;
            case 3: current = current.replace(replicas[0], `${replicas[0]}\n        health check "/healthz"`); break;
            default: current = current.replace(`${replicas[0]}\n        health check "/healthz"`, replicas[0]); break;
        }
        texts.push(current);
    }
    return texts;
}

async function measureServer(root: string, dir: string, fileNames: string[], edits: number, diagrams: number, bundle?: string, nodeArgs: string[] = []): Promise<LspResult> {
    const server = bundle ?? path.join(root, 'out/server/main.cjs');
    if (!fs.existsSync(server)) throw new Error(`${server} is missing: run node esbuild.mjs`);
    const uris = fileNames.map(name => pathToFileURL(path.join(dir, name)).href);
    const published = new Map<string, { count: number; version?: number }>();
    let waiters: (() => void)[] = [];
    const notify = () => { for (const waiter of [...waiters]) waiter(); };
    function until(condition: () => boolean, what: string, timeout = 120_000): Promise<void> {
        return new Promise((resolve, reject) => {
            const check = () => {
                if (!condition()) return;
                waiters = waiters.filter(w => w !== check);
                clearTimeout(timer);
                resolve();
            };
            const timer = setTimeout(() => {
                waiters = waiters.filter(w => w !== check);
                reject(new Error(`timed out waiting for ${what}`));
            }, timeout);
            waiters.push(check);
            check();
        });
    }

    const start = performance.now();
    const child: ChildProcess = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.resume();
    const connection: ProtocolConnection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('window/showMessageRequest', () => null);
    connection.onNotification('window/showMessage', () => undefined);
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        const entry = published.get(params.uri) ?? { count: 0 };
        entry.count++;
        entry.version = params.version;
        published.set(params.uri, entry);
        notify();
    });
    connection.listen();
    try {
        const folder = pathToFileURL(dir).href;
        await connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri: folder,
            workspaceFolders: [{ uri: folder, name: 'scale' }],
            capabilities: {
                workspace: { configuration: true, workspaceFolders: true },
                textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } }
            }
        });
        await connection.sendNotification('initialized', {});
        await until(() => uris.every(uri => published.has(uri)), 'the diagnostics of every file');
        const openMs = performance.now() - start;
        process.stderr.write(`[scale]   all diagnostics after ${(openMs / 1000).toFixed(2)} s\n`);
        if (edits === 0) return { openMs, edits: 0, rssMb: peakRssMb(child.pid) };

        // The edited file: the middle one, opened in the editor first.
        const target = uris[Math.floor(uris.length / 2)];
        const text = fs.readFileSync(path.join(dir, fileNames[Math.floor(uris.length / 2)]), 'utf8');
        let version = 1;
        const countOf = () => published.get(target)?.count ?? 0;
        let seen = countOf();
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: target, languageId: 'sysd', version, text } });
        await until(() => countOf() > seen, 'the diagnostics after didOpen');
        // Let re-publications caused by the open settle.
        await new Promise(resolve => setTimeout(resolve, 200));

        const latencies: number[] = [];
        const cpuBefore = cpuMs(child.pid);
        for (const next of editScript(text, edits)) {
            version++;
            seen = countOf();
            const sent = performance.now();
            await connection.sendNotification('textDocument/didChange', { textDocument: { uri: target, version }, contentChanges: [{ text: next }] });
            const wanted = version;
            await until(() => {
                const entry = published.get(target);
                if (!entry || entry.count <= seen) return false;
                return entry.version === undefined || entry.version >= wanted;
            }, `the diagnostics of edit ${version}`);
            latencies.push(performance.now() - sent);
            if (process.env.SYSD_SCALE_VERBOSE) process.stderr.write(`[scale]   edit ${version}: ${latencies[latencies.length - 1].toFixed(0)} ms\n`);
        }

        const cpuAfter = cpuMs(child.pid);
        const editCpuMs = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
        const diagramTimes: number[] = [];
        let diagramBytes = 0;
        for (let i = 0; i < diagrams; i++) {
            const sent = performance.now();
            const graph = await connection.sendRequest('sysd/diagram', { uri: target });
            diagramTimes.push(performance.now() - sent);
            diagramBytes = Buffer.byteLength(JSON.stringify(graph));
        }
        const rssMb = peakRssMb(child.pid);
        return {
            openMs, edits: latencies.length, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), max: Math.max(...latencies),
            rssMb, diagramP50: diagrams > 0 ? median(diagramTimes) : undefined, diagramBytes, samples: latencies, editCpuMs
        };
    } finally {
        try {
            await Promise.race([connection.sendRequest('shutdown'), new Promise(resolve => setTimeout(resolve, 5000))]);
            await connection.sendNotification('exit');
        } catch { /* the server may be gone */ }
        connection.dispose();
        const exited = new Promise<void>(resolve => {
            if (child.exitCode !== null || child.signalCode !== null) resolve();
            else child.once('exit', () => resolve());
        });
        const timer = setTimeout(() => child.kill(), 5000);
        await exited;
        clearTimeout(timer);
    }
}

const cell = (value: number | undefined, digits = 0, unit = '') => (value === undefined ? '—' : `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })}${unit}`);
const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
const withCpu = (wall: number | undefined, cpu: number | undefined) => (wall === undefined ? '—' : cpu === undefined ? seconds(wall) : `${seconds(wall)} (${seconds(cpu)})`);
const verdict = (met: boolean) => (met ? 'met' : 'missed');

/** The goals of issue 15 that apply to a row, each with this run's verdict. */
function goals(r: Result, results: Result[], likec4: boolean): string[] {
    const out: string[] = [];
    if (/ in 10 systems$/.test(r.label)) {
        const ratio = r.checkMs !== undefined && r.likec4Ms !== undefined ? r.checkMs / r.likec4Ms : undefined;
        out.push(ratio === undefined ? `≥ 5× faster than likec4: ${likec4 ? 'not measured' : 'LikeC4 not installed'}` : `≥ 5× faster than likec4 (≤ 0.20): ${verdict(ratio <= 0.2)}`);
    }
    if (r.elements === 20000) {
        const reference = results.find(other => other.elements === 1000 && other.label.endsWith(r.label.endsWith('1 system') ? '1 system' : '10 systems'));
        const per = perElement(r);
        const base = reference ? perElement(reference) : undefined;
        if (per !== undefined && base !== undefined) out.push(`per element ≤ 1.5× ${reference!.label}'s: ${(per / base).toFixed(2)}× ${verdict(per <= 1.5 * base)}`);
    }
    const lsp = r.lsp;
    if (lsp?.p50 !== undefined && lsp.p95 !== undefined && r.elements === 1000) out.push(`edit p50 < 50 ms: ${verdict(lsp.p50 < 50)}; p95 < 150 ms: ${verdict(lsp.p95 < 150)}`);
    if (lsp?.p95 !== undefined && r.elements === 5000) {
        out.push(`edit p95 < 300 ms: ${verdict(lsp.p95 < 300)}`);
        if (lsp.rssMb !== undefined) out.push(`server < 300 MB: ${verdict(lsp.rssMb < 300)}`);
    }
    if (r.label.includes('of one name')) out.push('linear and bounded (work counted by test/model/scope-scale.test.ts)');
    return out;
}

/** CPU time per element of `sysd check` (wall time without GNU time), in ms. */
function perElement(r: Result): number | undefined {
    const ms = r.checkCpuMs ?? r.checkMs;
    return ms === undefined || r.elements === 0 ? undefined : ms / r.elements;
}

/** Two significant digits or more: 92, 2.0, 0.65. */
const perElementCell = (ms: number | undefined) => cell(ms, ms === undefined || ms >= 10 ? 0 : ms >= 1 ? 1 : 2);

function printTable(results: Result[], startup: StartupResult | undefined, options: ScaleBenchOptions, edits: number): void {
    console.log('');
    console.log(`| model | elements / relations / lines | sysd check, wall (CPU), median of ${options.runs} | sysd check peak RSS | CPU ms per element | likec4 validate, wall (CPU), median of ${options.runs} | likec4 peak RSS | sysd / likec4, wall (CPU) | LSP open -> all diagnostics | LSP edit -> diagnostics p50 / p95 / max (${edits} edits) | LSP peak RSS | diagram request p50 | diagram response | goals (issue 15) |`);
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    if (startup) {
        const over = startup.checkMs - startup.nodeMs;
        console.log([
            '', `one-line file (start-up; node -e 0: ${withCpu(startup.nodeMs, startup.nodeCpuMs)}, median of ${startup.runs} interleaved)`, '1 / 0 / 1',
            withCpu(startup.checkMs, startup.checkCpuMs), '—', '—', '—', '—', '—', '—', '—', '—', '—', '—',
            `within 150 ms of node -e 0: +${over.toFixed(0)} ms${startup.checkCpuMs !== undefined && startup.nodeCpuMs !== undefined ? ` (CPU +${(startup.checkCpuMs - startup.nodeCpuMs).toFixed(0)} ms)` : ''} ${verdict(over <= 150)}`, ''
        ].join(' | ').trim());
    }
    for (const r of results) {
        const cpuRatio = r.checkCpuMs !== undefined && r.likec4CpuMs !== undefined ? ` (CPU ${(r.checkCpuMs / r.likec4CpuMs).toFixed(2)}×)` : '';
        const ratio = r.checkMs !== undefined && r.likec4Ms !== undefined ? `${(r.checkMs / r.likec4Ms).toFixed(2)}×${cpuRatio}` : '—';
        const lsp = r.lsp;
        const likec4 = r.label.includes('of one name') ? '—' : r.likec4Note ?? (options.likec4 ? withCpu(r.likec4Ms, r.likec4CpuMs) : 'not installed');
        console.log([
            '', r.label,
            `${cell(r.elements)} / ${cell(r.relations)} / ${cell(r.lines)}`,
            r.checkNote ?? withCpu(r.checkMs, r.checkCpuMs),
            cell(r.checkRssMb, 0, ' MB'),
            perElementCell(perElement(r)),
            likec4,
            cell(r.likec4RssMb, 0, ' MB'),
            ratio,
            lsp ? seconds(lsp.openMs) : '—',
            lsp?.p50 !== undefined ? `${lsp.p50.toFixed(0)} / ${lsp.p95!.toFixed(0)} / ${lsp.max!.toFixed(0)} ms` : '—',
            cell(lsp?.rssMb, 0, ' MB'),
            lsp?.diagramP50 !== undefined ? `${lsp.diagramP50.toFixed(0)} ms` : '—',
            lsp?.diagramBytes !== undefined ? `${(lsp.diagramBytes / 1024).toFixed(0)} KB` : '—',
            goals(r, results, !!options.likec4).join('; ') || '—',
            ''
        ].join(' | ').trim());
    }
}

/** Prints the scale table (progress goes to standard error, one line per measurement). */
export async function runScaleBench(options: ScaleBenchOptions): Promise<void> {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sysd-scale-'));
    const edits = options.quick ? 20 : 100;
    const diagrams = options.quick ? 3 : 10;
    const results: Result[] = [];
    let startup: StartupResult | undefined;
    console.log(`sysd scale benchmark — seed ${options.seed}, node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map(l => l.toFixed(1)).join(' ')}, ${options.quick ? 'quick' : options.full ? 'full' : 'default'} run, LikeC4: ${options.likec4 ?? 'not installed (npm i likec4 --prefix /tmp/likec4, or LIKEC4_BIN)'}`);
    // Interrupted (Ctrl+C, a timeout): the rows measured so far are still printed.
    const interrupted = (signal: NodeJS.Signals) => {
        printTable(results, startup, options, edits);
        console.log(`(interrupted by ${signal})`);
        fs.rmSync(scratch, { recursive: true, force: true });
        process.exit(130);
    };
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    try {
        const startupRuns = Math.max(11, options.runs);
        process.stderr.write(`[scale] start-up: node -e 0 and sysd check on a one-line file, ${startupRuns} runs each...\n`);
        startup = await measureStartup(options.root, scratch, startupRuns);
        for (const row of rows(options)) {
            const same = 'sameName' in row.options ? row.options.sameName : undefined;
            const model = 'sameName' in row.options ? undefined : generate(row.options);
            const base = path.join(scratch, same !== undefined ? `same-${same}` : `${model!.options.elements}-${model!.options.systems}`);
            const sysdFiles = model ? toSysd(model) : [{ name: 'same.sysd', text: sameNameText(same!) }];
            const lines = writeFiles(path.join(base, 'sysd'), sysdFiles);
            const result: Result = { label: row.label, elements: model ? model.elements.length : same!, relations: model ? model.relations.length : 0, lines };
            process.stderr.write(`[scale] ${row.label}: sysd check...\n`);
            Object.assign(result, await measureCheck(options.root, path.join(base, 'sysd'), scratch, options.runs, model !== undefined));
            if (options.likec4 && model) {
                writeFiles(path.join(base, 'likec4'), toLikeC4(model));
                process.stderr.write(`[scale] ${row.label}: likec4 validate...\n`);
                Object.assign(result, await measureLikeC4(options.likec4, path.join(base, 'likec4'), scratch, options.runs));
            }
            if (row.lsp) {
                process.stderr.write(`[scale] ${row.label}: language server...\n`);
                result.lsp = await measureServer(options.root, path.join(base, 'sysd'), sysdFiles.map(f => f.name), model ? edits : 0, diagrams);
            }
            results.push(result);
        }
    } finally {
        process.off('SIGINT', interrupted);
        process.off('SIGTERM', interrupted);
        printTable(results, startup, options, edits);
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}

export interface LspBenchOptions {
    /** The repository root (out/server/main.cjs). */
    root: string;
    /** Server bundles to compare (e.g. the base build of another checkout, then this one's); this checkout's when empty. */
    servers: string[];
    /** Workspace sizes in elements (10 systems, 10 files each, as in the scale table). */
    sizes: number[];
    /** Edits per server start; each round starts every server once, interleaved. */
    edits: number;
    rounds: number;
    seed: number;
    /** Extra Node flags for the server process (`--cpu-prof --cpu-prof-dir=...` to profile it). */
    nodeArgs: string[];
}

/**
 * The language server's edit latency alone (`--lsp`): for each size, `rounds` rounds that each start
 * every given server bundle once, in turn (interleaved A/B on a loaded machine), and send it the same
 * edit script. Prints p50 / p95 / max over all edits of all rounds, the server's CPU time per edit
 * (less sensitive to a loaded machine than the latencies) and the highest peak RSS.
 */
export async function runLspBench(options: LspBenchOptions): Promise<void> {
    const servers = options.servers.length > 0 ? options.servers : [path.join(options.root, 'out/server/main.cjs')];
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sysd-lsp-'));
    console.log(`sysd language server edit benchmark — seed ${options.seed}, node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map(l => l.toFixed(1)).join(' ')}, ${options.edits} edits x ${options.rounds} rounds per server`);
    console.log('');
    console.log('| elements | server | open -> all diagnostics (median) | edit -> diagnostics p50 / p95 / max | server CPU per edit (mean; median of rounds) | peak RSS (max) | goals (issue 15) |');
    console.log('|---|---|---|---|---|---|---|');
    try {
        for (const elements of options.sizes) {
            const model = generate({ elements, systems: 10, files: 10, seed: options.seed });
            const files = toSysd(model);
            const dir = path.join(scratch, String(elements));
            writeFiles(dir, files);
            const results = servers.map(() => ({ latencies: [] as number[], opens: [] as number[], rss: [] as number[], cpu: [] as number[] }));
            for (let round = 0; round < options.rounds; round++) {
                for (const [i, server] of servers.entries()) {
                    process.stderr.write(`[lsp] ${elements} elements, round ${round + 1}, ${server}\n`);
                    const result = await measureServer(options.root, dir, files.map(f => f.name), options.edits, 0, server, options.nodeArgs);
                    results[i].latencies.push(...(result.samples ?? []));
                    results[i].opens.push(result.openMs);
                    if (result.rssMb !== undefined) results[i].rss.push(result.rssMb);
                    if (result.editCpuMs !== undefined) results[i].cpu.push(result.editCpuMs / Math.max(1, result.edits));
                }
            }
            for (const [i, server] of servers.entries()) {
                const { latencies, opens, rss, cpu } = results[i];
                const p50 = percentile(latencies, 0.5);
                const p95 = percentile(latencies, 0.95);
                const peak = rss.length > 0 ? Math.max(...rss) : undefined;
                const goal = elements >= 5000
                    ? `p95 < 300 ms: ${verdict(p95 < 300)}${peak === undefined ? '' : `; < 300 MB: ${verdict(peak < 300)}`}`
                    : `p50 < 50 ms: ${verdict(p50 < 50)}; p95 < 150 ms: ${verdict(p95 < 150)}`;
                console.log(`| ${cell(elements)} | ${path.relative(process.cwd(), server) || server} | ${seconds(median(opens))} | ${p50.toFixed(0)} / ${p95.toFixed(0)} / ${Math.max(...latencies).toFixed(0)} ms | ${cpu.length > 0 ? `${median(cpu).toFixed(1)} ms` : '—'} | ${cell(peak, 0, ' MB')} | ${goal} |`);
            }
        }
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}
