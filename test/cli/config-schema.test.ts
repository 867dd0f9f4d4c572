import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import { resolveConfig, type ConfigProblem } from '../../language/src/lint/config.js';
import { configSchema, generateConfigSchema, ruleSettingSchema } from '../../scripts/gen-config-schema.mjs';
import { CONFIG_SCHEMA, schemaErrors } from './json-schema.js';

const ROOT = path.resolve(__dirname, '../..');
const read = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as T;

interface SettingSchema { properties: Record<string, unknown>; additionalProperties: boolean; markdownDescription: string }
interface Manifest {
    contributes: {
        jsonValidation: { fileMatch: string[]; url: string }[];
        configuration: { properties: Record<string, SettingSchema> };
    };
}

/** What the loader says about a configuration: its problems (unknown rules, bad severities, wrong options). */
function loaderProblems(config: unknown): string[] {
    const problems: ConfigProblem[] = [];
    resolveConfig(ALL_RULES, [{ source: 'test', config: config as never }], problems);
    return problems.map(problem => problem.message);
}

/** A rule with each kind of option, to build wrong values from. */
const withOptions = ALL_RULES.find(rule => Object.values(rule.meta.options).some(o => o.type === 'number' && o.minimum !== undefined))!;
const [numberKey, numberOption] = Object.entries(withOptions.meta.options).find(([, o]) => o.type === 'number' && o.minimum !== undefined)! as [string, { minimum: number }];

describe('JSON schema of sysd.config.json / .sysdrc.json', () => {
    it('is generated from the rules and up to date (run node scripts/gen-config-schema.mjs)', async () => {
        expect(await generateConfigSchema({ check: true })).toEqual([]);
        const onDisk = JSON.parse(fs.readFileSync(CONFIG_SCHEMA, 'utf8')) as unknown;
        expect(onDisk).toEqual(JSON.parse(JSON.stringify(configSchema(ALL_RULES.map(rule => rule.meta), id => `https://github.com/sysd-dev/sysd/blob/main/docs/rules/${id}.md`))));
    }, 60_000);

    it('names every rule, with its options', () => {
        const schema = read<{ properties: { rules: { properties: Record<string, { anyOf: [unknown, { items: [unknown, { properties: Record<string, unknown> }] }] }> } } }>('schemas/sysd.config.schema.json');
        const entries = schema.properties.rules.properties;
        expect(Object.keys(entries).sort()).toEqual(ALL_RULES.map(rule => rule.meta.id).sort());
        for (const rule of ALL_RULES) {
            expect(Object.keys(entries[rule.meta.id].anyOf[1].items[1].properties).sort(), rule.meta.id).toEqual(Object.keys(rule.meta.options).sort());
        }
    });

    it('accepts the example configurations and what the loader accepts', () => {
        const examples = [
            read<unknown>('examples/ticket-reservation/sysd.config.json'),
            // README.md and docs/cli.md
            { rules: { 'sync-call-without-circuit-breaker': 'info', 'consumers-exceed-partitions': 'off' } },
            { $schema: './node_modules/sysd/schemas/sysd.config.schema.json', rules: { 'shared-database': ['error'], 'long-sync-call-chain': ['warning', { maxDepth: 4 }] } },
            { rules: Object.fromEntries(ALL_RULES.map(rule => [rule.meta.id, [rule.meta.defaultSeverity, Object.fromEntries(Object.entries(rule.meta.options).map(([k, o]) => [k, o.default]))]])) },
            {}
        ];
        for (const config of examples) {
            expect(loaderProblems(config), JSON.stringify(config)).toEqual([]);
            expect(schemaErrors(CONFIG_SCHEMA, config), JSON.stringify(config)).toEqual([]);
        }
    });

    it('rejects what the loader rejects: an unknown rule, a bad severity, an unknown or mistyped option', () => {
        const wrong = [
            { rules: { 'shared-databse': 'warning' } },
            { rules: { 'shared-database': 'warn' } },
            { rules: { 'shared-database': 2 } },
            { rules: { [withOptions.meta.id]: ['warning', { nope: 1 }] } },
            { rules: { [withOptions.meta.id]: ['warning', { [numberKey]: 'four' }] } },
            { rules: { [withOptions.meta.id]: ['warning', { [numberKey]: numberOption.minimum - 1 }] } },
            { rules: { 'shared-database': ['warning', {}, 'extra'] } }
        ];
        for (const config of wrong) {
            expect(schemaErrors(CONFIG_SCHEMA, config).length, JSON.stringify(config)).toBeGreaterThan(0);
        }
        // The loader agrees on all but the extra array item, which it ignores.
        for (const config of wrong.slice(0, -1)) expect(loaderProblems(config).length, JSON.stringify(config)).toBeGreaterThan(0);
        // A key the loader does not read is flagged in the editor too.
        expect(schemaErrors(CONFIG_SCHEMA, { rule: {} }).length).toBeGreaterThan(0);
    });

    it('is what VS Code validates the two file names with', () => {
        const manifest = read<Manifest>('package.json');
        expect(manifest.contributes.jsonValidation).toEqual([{ fileMatch: ['sysd.config.json', '.sysdrc.json'], url: './schemas/sysd.config.schema.json' }]);
        expect(fs.existsSync(path.join(ROOT, manifest.contributes.jsonValidation[0].url))).toBe(true);
    });
});

describe('the sysd.rules setting', () => {
    it('completes every rule id and checks each entry\'s severity', () => {
        for (const file of ['package.json', 'client/package-contributes.json']) {
            const setting = read<Manifest>(file).contributes.configuration.properties['sysd.rules'];
            const names = (setting as unknown as { propertyNames: { enum: string[]; markdownEnumDescriptions: string[] } }).propertyNames;
            expect([...names.enum].sort(), file).toEqual(ALL_RULES.map(rule => rule.meta.id).sort());
            expect(names.markdownEnumDescriptions).toHaveLength(names.enum.length);
            expect(names.markdownEnumDescriptions[names.enum.indexOf('shared-database')]).toContain('docs/rules/shared-database.md');
            expect(setting.markdownDescription).toContain('a configuration file above the document wins over this setting');
            expect(setting).toEqual(ruleSettingSchema(ALL_RULES.map(rule => rule.meta), setting as unknown as Record<string, unknown>, id => `https://github.com/sysd-dev/sysd/blob/main/docs/rules/${id}.md`));
        }
        // The setting's value is a `rules` object: the same schema decides, inline (no references).
        const setting = read<Manifest>('package.json').contributes.configuration.properties['sysd.rules'];
        expect(JSON.stringify(setting)).not.toContain('$ref');
        const asFile = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { rules: setting }, additionalProperties: false };
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sysd-setting-')), 'setting.schema.json');
        fs.writeFileSync(file, JSON.stringify(asFile));
        expect(schemaErrors(file, { rules: { 'long-sync-call-chain': ['warning', { maxDepth: 4 }], 'shared-database': 'off' } })).toEqual([]);
        expect(schemaErrors(file, { rules: { 'shared-databse': 'off' } }).length).toBeGreaterThan(0);
        expect(schemaErrors(file, { rules: { 'shared-database': 'warn' } }).length).toBeGreaterThan(0);
        // Options are checked against the rule's schema when the setting is read (as config files are), not in package.json.
        expect(schemaErrors(file, { rules: { 'long-sync-call-chain': ['warning', 4] } }).length).toBeGreaterThan(0);
    });

    it('stays small in package.json (one entry shape, not one schema per rule)', () => {
        expect(JSON.stringify(read<Manifest>('package.json').contributes.configuration.properties['sysd.rules']).length).toBeLessThan(40_000);
    });
});
