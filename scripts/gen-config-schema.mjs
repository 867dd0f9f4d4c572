// Writes the JSON schemas of sysd's configuration from the rules' meta, so that editors complete and
// check rule ids, severities and each rule's options:
//
//   schemas/sysd.config.schema.json  sysd.config.json and .sysdrc.json (package.json `jsonValidation`)
//   the `sysd.rules` setting         contributes.configuration in client/package-contributes.json and
//                                    package.json (the same object in both, so package-check agrees)
//
// The rules are TypeScript: this script bundles them with esbuild (in memory), as gen-rule-docs.mjs
// does. Part of `npm run generate`; deterministic and idempotent, so a stale file shows in the diff.
//
//   node scripts/gen-config-schema.mjs          write the files
//   node scripts/gen-config-schema.mjs --check  exit 1 when one is out of date
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_FILE = path.join(ROOT, 'schemas', 'sysd.config.schema.json');
const MANIFESTS = [path.join(ROOT, 'client', 'package-contributes.json'), path.join(ROOT, 'package.json')];
const SETTING = 'sysd.rules';

export const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'];
const SEVERITY_DESCRIPTIONS = [
    'Turn the rule off.',
    'Show findings as hints (faded, no squiggle).',
    'Show findings as information.',
    'Show findings as warnings.',
    'Show findings as errors.'
];

/** `ALL_RULES` and the web-link helpers, compiled from the TypeScript sources. */
export async function loadSources() {
    const result = await esbuild.build({
        stdin: {
            contents: [
                "export { ALL_RULES } from './language/src/lint/rules/index.ts';",
                "export { repositoryWebUrl, rulesBaseUrlOf, ruleWebUrl } from './cli/src/web-links.ts';"
            ].join('\n'),
            resolveDir: ROOT,
            sourcefile: 'gen-config-schema-entry.ts',
            loader: 'ts'
        },
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        write: false,
        logLevel: 'error'
    });
    return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}

/** A severity, inline; `described`: with VS Code's `enumDescriptions` (shown once per rule, on the plain form). */
const severitySchema = (described = true) => ({ type: 'string', enum: [...SEVERITIES], ...(described ? { enumDescriptions: [...SEVERITY_DESCRIPTIONS] } : {}) });

/** One option of a rule's `meta.options` as JSON schema. */
function optionSchema(option) {
    const common = { description: option.description, default: option.default };
    switch (option.type) {
        case 'number':
            return { type: 'number', ...(option.minimum !== undefined ? { minimum: option.minimum } : {}), ...(option.maximum !== undefined ? { maximum: option.maximum } : {}), ...common };
        case 'boolean':
            return { type: 'boolean', ...common };
        case 'string':
            return { type: 'string', ...(option.enum ? { enum: [...option.enum] } : {}), ...common };
        case 'string[]':
            return { type: 'array', items: { type: 'string' }, ...common };
        default:
            throw new Error(`gen-config-schema: option type '${option.type}' has no JSON schema`);
    }
}

/** The options object of `[severity, { options }]`: exactly the rule's options, each typed. */
function optionsSchema(meta) {
    const keys = Object.keys(meta.options).sort();
    return {
        type: 'object',
        description: keys.length > 0 ? `Options of ${meta.id}.` : `${meta.id} has no options.`,
        properties: Object.fromEntries(keys.map(key => [key, optionSchema(meta.options[key])])),
        additionalProperties: false
    };
}

/**
 * What one rule's entry may be: a severity, or `[severity]` / `[severity, { options }]` (as in
 * ESLint). `severity` is the schema of a severity: a `$ref` in the config schema, inline in the
 * setting (VS Code's settings cannot follow references).
 */
function ruleSchema(meta, severity, docsUrl, { plainDescription = true } = {}) {
    const defaults = Object.keys(meta.options).sort().map(key => `\`${key}\`: \`${JSON.stringify(meta.options[key].default)}\``);
    const facts = [`Default: \`${meta.defaultSeverity}\`.`, ...(defaults.length > 0 ? [`Options (defaults): ${defaults.join(', ')}.`] : [])];
    return {
        ...(plainDescription ? { description: `${meta.description} Default: ${meta.defaultSeverity}.` } : {}),
        markdownDescription: [meta.description, facts.join(' '), ...(docsUrl ? [`[Documentation](${docsUrl})`] : [])].join('\n\n'),
        anyOf: [
            severity(true),
            {
                type: 'array',
                minItems: 1,
                maxItems: 2,
                items: [severity(false), optionsSchema(meta)],
                additionalItems: false
            }
        ]
    };
}

function docsUrlOf(sources, manifest) {
    const base = sources.rulesBaseUrlOf(sources.repositoryWebUrl(manifest.repository));
    return base === undefined ? () => undefined : id => sources.ruleWebUrl(base, id);
}

/** The schema of sysd.config.json / .sysdrc.json (JSON schema draft-07). */
export function configSchema(metas, docsUrl = () => undefined) {
    const sorted = [...metas].sort((a, b) => a.id.localeCompare(b.id));
    return {
        $schema: 'http://json-schema.org/draft-07/schema#',
        title: 'sysd configuration (sysd.config.json, .sysdrc.json)',
        description: 'Per-rule severities and options for sysd check and the SysD editor extension. Generated from the rules by scripts/gen-config-schema.mjs.',
        type: 'object',
        properties: {
            $schema: { type: 'string', description: 'The JSON schema of this file.' },
            rules: {
                type: 'object',
                description: 'Map a rule id to a severity ("off", "hint", "info", "warning", "error") or to [severity, { options }]. Run `sysd rules` to list the rules.',
                properties: Object.fromEntries(sorted.map(meta => [meta.id, ruleSchema(meta, () => ({ $ref: '#/definitions/severity' }), docsUrl(meta.id))])),
                additionalProperties: false
            }
        },
        additionalProperties: false,
        definitions: { severity: severitySchema() }
    };
}

/**
 * The `sysd.rules` setting. It stays small in package.json (a per-rule schema for 90 rules would be
 * most of the manifest): rule ids as a `propertyNames` enum, which VS Code's JSON editor completes
 * (with each rule's description), and an entry shape of a severity or `[severity, { options }]`.
 * Options are checked against each rule's schema when the setting is read, as config files are, and
 * sysd.config.json files get the full per-rule schema above. The setting's own keys are kept from `current`.
 */
export function ruleSettingSchema(metas, current, docsUrl = () => undefined) {
    const sorted = [...metas].sort((a, b) => a.id.localeCompare(b.id));
    const { properties: _properties, additionalProperties: _additional, propertyNames: _names, ...own } = current ?? {};
    return {
        type: 'object',
        scope: 'resource',
        default: {},
        ...own,
        propertyNames: {
            enum: sorted.map(meta => meta.id),
            markdownEnumDescriptions: sorted.map(meta => {
                const url = docsUrl(meta.id);
                return `${meta.description} Default: \`${meta.defaultSeverity}\`.${url ? ` [Documentation](${url})` : ''}`;
            })
        },
        additionalProperties: {
            anyOf: [
                severitySchema(true),
                {
                    type: 'array',
                    minItems: 1,
                    maxItems: 2,
                    items: [severitySchema(false), { type: 'object', description: 'The rule\'s options: see its documentation (`sysd explain <rule>`).' }],
                    additionalItems: false
                }
            ]
        }
    };
}

const json = value => `${JSON.stringify(value, null, 2)}\n`;

/** Writes (or, with `check`, compares) the schema file and the setting; returns the files that are stale. */
export async function generateConfigSchema({ check = false } = {}) {
    const sources = await loadSources();
    const metas = sources.ALL_RULES.map(rule => rule.meta);
    const rootManifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const docsUrl = docsUrlOf(sources, rootManifest);
    const stale = [];

    const schema = json(configSchema(metas, docsUrl));
    const existing = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : undefined;
    if (existing !== schema) {
        stale.push(path.relative(ROOT, SCHEMA_FILE));
        if (!check) {
            fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
            fs.writeFileSync(SCHEMA_FILE, schema);
        }
    }

    for (const file of MANIFESTS) {
        // Read right before writing: other tools edit these files too; only the one setting changes.
        const text = fs.readFileSync(file, 'utf8');
        const manifest = JSON.parse(text);
        const properties = manifest.contributes?.configuration?.properties;
        if (!properties) throw new Error(`gen-config-schema: ${path.relative(ROOT, file)} has no contributes.configuration.properties`);
        properties[SETTING] = ruleSettingSchema(metas, properties[SETTING], docsUrl);
        const next = json(manifest);
        if (next !== text) {
            stale.push(path.relative(ROOT, file));
            if (!check) fs.writeFileSync(file, next);
        }
    }
    return stale;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const check = process.argv.includes('--check');
    const stale = await generateConfigSchema({ check });
    if (check && stale.length > 0) {
        console.error(`gen-config-schema: out of date: ${stale.join(', ')} (run node scripts/gen-config-schema.mjs)`);
        process.exit(1);
    }
    console.log(`gen-config-schema: ${check ? 'the configuration schemas are up to date' : stale.length > 0 ? `updated ${stale.join(', ')}` : 'the configuration schemas were up to date'}`);
}
