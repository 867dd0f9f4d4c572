import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import { cli, fixture, onlyKnownRules, SHOP } from './cli-helpers.js';

interface SarifRegion { startLine: number; startColumn: number; endLine: number; endColumn: number }
interface SarifLocation { id?: number; physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: SarifRegion }; message?: { text: string } }
interface SarifResult {
    ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: SarifLocation[]; relatedLocations?: SarifLocation[];
    properties?: { messageId?: string };
}
interface SarifRule {
    id: string; name: string; shortDescription: { text: string }; fullDescription: { text: string }; helpUri?: string;
    help: { text: string; markdown: string }; defaultConfiguration: { level: string };
}
interface SarifLog {
    $schema: string; version: string;
    runs: { tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } }; results: SarifResult[] }[];
}

const packageVersion = (JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;

describe('sysd check --format sarif', () => {
    it('describes every rule and locates results with 1-based regions relative to %SRCROOT%', async () => {
        const broken = 'system Other {\n  service Api { replicas 2; calls Missing over http { timeout 1s } }\n}\n';
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'src/shop.sysd': SHOP, 'src/broken.sysd': broken });
        const sarif = await cli(root, ['check', 'src', '--format', 'sarif']);
        const json = await cli(root, ['check', 'src', '--format', 'json']);
        expect(sarif.code).toBe(1);
        const log = JSON.parse(sarif.stdout) as SarifLog;
        expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
        expect(log.version).toBe('2.1.0');
        expect(log.runs).toHaveLength(1);
        const { driver } = log.runs[0].tool;
        expect(driver.name).toBe('sysd');
        expect(driver.version).toBe(packageVersion);
        expect(driver.informationUri).toMatch(/^https:\/\//);

        const ids = driver.rules.map(rule => rule.id);
        for (const rule of ALL_RULES) expect(ids).toContain(rule.meta.id);
        expect(ids).toEqual(expect.arrayContaining(['sysd-syntax', 'sysd-reference', 'sysd-model']));
        expect(new Set(ids).size).toBe(ids.length);
        for (const rule of driver.rules) {
            expect(rule.name).toMatch(/^[A-Z0-9][A-Za-z0-9]*$/);
            expect(rule.shortDescription.text.length).toBeGreaterThan(0);
            expect(rule.fullDescription.text.length).toBeGreaterThan(0);
            expect(rule.help.text.length).toBeGreaterThan(0);
            expect(rule.help.markdown.length).toBeGreaterThan(0);
            expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
        }
        const timeout = driver.rules.find(rule => rule.id === 'sync-call-without-timeout')!;
        expect(timeout.name).toBe('SyncCallWithoutTimeout');
        expect(timeout.defaultConfiguration.level).toBe('warning');
        expect(timeout.helpUri).toBe('https://github.com/sysd-dev/sysd/blob/main/docs/rules/sync-call-without-timeout.md');
        // The page, with its relative links made absolute against the page's address.
        const page = fs.readFileSync(path.join(__dirname, '../../docs/rules/sync-call-without-timeout.md'), 'utf8');
        const relative = (markdown: string) => markdown.replace(/\]\([^)]*\)/g, '](…)');
        expect(relative(timeout.help.markdown)).toBe(relative(page));

        const results = log.runs[0].results;
        const entries = JSON.parse(json.stdout) as { file: string; diagnostics: { rule: string | null; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] }[];
        expect(results).toHaveLength(entries.flatMap(entry => entry.diagnostics).length);
        for (const result of results) {
            expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
            expect(['error', 'warning', 'note']).toContain(result.level);
            expect(result.message.text.length).toBeGreaterThan(0);
            expect(result.locations).toHaveLength(1);
            expect(result.locations[0].physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
        }

        const reference = results.find(result => result.ruleId === 'sysd-reference')!;
        expect(reference.level).toBe('error');
        expect(reference.locations[0].physicalLocation.artifactLocation.uri).toBe('src/broken.sysd');
        const refRange = entries.find(entry => entry.file === path.join('src', 'broken.sysd'))!.diagnostics[0].range;
        expect(reference.locations[0].physicalLocation.region).toEqual({
            startLine: refRange.start.line + 1, startColumn: refRange.start.character + 1,
            endLine: refRange.end.line + 1, endColumn: refRange.end.character + 1
        });
        expect(reference.locations[0].physicalLocation.region).toEqual({ startLine: 2, startColumn: 35, endLine: 2, endColumn: 42 });
        // Only lint findings have a message id.
        expect(reference.properties).toBeUndefined();

        const shared = results.find(result => result.ruleId === 'shared-database')!;
        expect(shared.locations[0].physicalLocation.artifactLocation.uri).toBe('src/shop.sysd');
        expect(shared.properties).toEqual({ messageId: 'shared' });
        expect(shared.locations[0].physicalLocation.region.startLine).toBe(4);
        expect(shared.locations[0].physicalLocation.region.startColumn).toBe(12);
        // The services that write the database are related locations.
        expect(shared.relatedLocations?.map(related => related.physicalLocation.region.startLine).sort()).toEqual([2, 3]);
        for (const related of shared.relatedLocations ?? []) {
            expect(related.id).toBeTypeOf('number');
            expect(related.message?.text.length).toBeGreaterThan(0);
            expect(related.physicalLocation.artifactLocation.uri).toBe('src/shop.sysd');
        }
    });

    it('encodes paths as URI references with forward slashes', async () => {
        const root = fixture({ 'sysd.config.json': onlyKnownRules(), 'my arch/shop.sysd': SHOP });
        const log = JSON.parse((await cli(root, ['check', '--format', 'sarif'])).stdout) as SarifLog;
        expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('my%20arch/shop.sysd');
    });
});

describe('sysd rules', () => {
    it('--format json lists every rule with the contract keys', async () => {
        const result = await cli(process.cwd(), ['rules', '--format', 'json']);
        expect(result.code).toBe(0);
        const rules = JSON.parse(result.stdout) as Record<string, unknown>[];
        expect(rules.map(rule => rule.id)).toEqual(expect.arrayContaining(ALL_RULES.map(rule => rule.meta.id)));
        expect(rules).toHaveLength(ALL_RULES.length);
        for (const rule of rules) {
            expect(Object.keys(rule).sort()).toEqual(['defaultSeverity', 'description', 'docs', 'fixable', 'id', 'type']);
            expect(['problem', 'suggestion']).toContain(rule.type);
            expect(['error', 'warning', 'info', 'hint', 'off']).toContain(rule.defaultSeverity);
            expect(rule.fixable).toBeTypeOf('boolean');
            expect(rule.docs === null || typeof rule.docs === 'string').toBe(true);
        }
        const shared = rules.find(rule => rule.id === 'shared-database')!;
        expect(shared).toMatchObject({ type: 'problem', defaultSeverity: 'warning', fixable: false, description: 'Two or more services own or write the same database.' });
        expect(fs.existsSync(fileURLToPath(shared.docs as string))).toBe(true);
        const timeout = rules.find(rule => rule.id === 'sync-call-without-timeout')!;
        expect(timeout).toMatchObject({ type: 'problem', defaultSeverity: 'warning', fixable: true });
        expect(timeout.docs).toMatch(/docs\/rules\/sync-call-without-timeout\.md$/);
    });

    it('prints an aligned table by default', async () => {
        const result = await cli(process.cwd(), ['rules']);
        expect(result.code).toBe(0);
        const lines = result.stdout.split('\n');
        expect(lines[0]).toMatch(/^RULE\s+TYPE\s+SEVERITY\s+FIXABLE\s+DESCRIPTION$/);
        const row = lines.find(line => line.startsWith('sync-call-without-timeout '))!;
        expect(row).toMatch(/^sync-call-without-timeout\s+problem\s+warning\s+yes\s+A synchronous call/);
        expect(row.indexOf('problem')).toBe(lines[0].indexOf('TYPE'));
        expect(lines.find(line => line.startsWith('shared-database '))!.indexOf('warning')).toBe(lines[0].indexOf('SEVERITY'));
        expect((await cli(process.cwd(), ['rules', '--format', 'yaml'])).code).toBe(2);
    });

    it('answers --help and --version', async () => {
        const help = await cli(process.cwd(), ['--help']);
        expect(help.code).toBe(0);
        expect(help.stdout).toContain('sysd check');
        const checkHelp = await cli(process.cwd(), ['check', '--help']);
        expect(checkHelp.stdout).toContain('--max-warnings');
        expect((await cli(process.cwd(), ['rules', '-h'])).stdout).toContain('--format table|json');
        const version = await cli(process.cwd(), ['--version']);
        expect(version).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: '' });
    });
});
