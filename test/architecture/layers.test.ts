/**
 * The layers of ARCHITECTURE.md, proved: the import rule that eslint.config.mjs builds for each
 * package rejects every wrong-way import and accepts the allowed ones, the real configuration applies
 * that rule to each package's sources, and the packages' manifests declare no dependency their layer
 * forbids. The rule is run through ESLint's Node API on small in-memory sources; it needs no type
 * information, so this stays fast.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const RULE = '@typescript-eslint/no-restricted-imports';

interface LayerConfig {
    /** Which workspace packages each package may import. */
    LAYERS: Record<string, string[]>;
    /** The options of the import rule for one package. */
    layerRule(pkg: string): Linter.RuleEntry;
}

/**
 * eslint.config.mjs is plain JavaScript without a declaration file, so it is imported by its URL and
 * its two exports are checked before they are trusted.
 */
async function loadLayerConfig(): Promise<LayerConfig> {
    const exported = (await import(pathToFileURL(path.join(ROOT, 'eslint.config.mjs')).href)) as Partial<LayerConfig>;
    const { LAYERS, layerRule } = exported;
    if (typeof layerRule !== 'function' || typeof LAYERS !== 'object') throw new Error('eslint.config.mjs must export LAYERS and layerRule');
    return { LAYERS, layerRule };
}

interface Manifest {
    name: string;
    exports?: Record<string, string>;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
}

function readManifest(folder: string): Manifest {
    return JSON.parse(fs.readFileSync(path.join(ROOT, folder, 'package.json'), 'utf8')) as Manifest;
}

/** Every .ts file under a folder of the repository, as absolute paths. */
function sourcesOf(folder: string): string[] {
    return fs.readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
        .filter(file => file.endsWith('.ts'))
        .map(file => path.join(ROOT, folder, file));
}

/** The module names a source imports or re-exports, statically or dynamically. */
function importedModules(text: string): string[] {
    const pattern = /(?:\bfrom\s+|\bimport\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
    return [...text.matchAll(pattern)].map(match => match[1]);
}

let config: LayerConfig;
let eslint: ESLint;

beforeAll(async () => {
    config = await loadLayerConfig();
    // The same blocks as the root configuration's layer section, without its type-aware rules.
    eslint = new ESLint({
        cwd: ROOT,
        overrideConfigFile: true,
        overrideConfig: [
            {
                files: ['**/*.ts'],
                languageOptions: { parser: tseslint.parser },
                plugins: { '@typescript-eslint': tseslint.plugin }
            },
            ...Object.keys(config.LAYERS).map(pkg => ({
                files: [`${pkg}/src/**/*.ts`],
                rules: { [RULE]: config.layerRule(pkg) }
            }))
        ]
    });
});

/** The messages of the import rule for `code` placed at `filePath` (relative to the repository). */
async function importErrors(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    const fatal = result.messages.filter(m => m.fatal);
    expect(fatal, `${filePath} must parse`).toEqual([]);
    return result.messages.filter(m => m.ruleId === RULE && m.severity === 2).map(m => m.message);
}

// ESLint puts "'<module>' import is restricted from being used by a pattern." before each message.
const LAYER_MESSAGE = / The layers point one way: \w+ may import .* \(ARCHITECTURE\.md, "Layers"\)\.$/;
const HOST_MESSAGE = / \w+ must not depend on this host \(ARCHITECTURE\.md, "Layers"\)\.$/;
const BY_NAME_MESSAGE = / Import another package by its name \(@sysd\/<package>\), never by a path into its folder\.$/;
const EXPORTS_MESSAGE = / Import what the package exports \(see its package\.json "exports"\), not its files\.$/;
const TYPES_ONLY_MESSAGE = / The protocol imports the data it carries as types only\.$/;

describe('the layer rule', () => {
    const rejected: [from: string, code: string, message: RegExp][] = [
        ['language/src/x.ts', "import { layout } from '@sysd/diagram';", LAYER_MESSAGE],
        ['language/src/x.ts', "import { encodeIdPart } from '@sysd/diagram/elk-node';", LAYER_MESSAGE],
        ['diagram/src/x.ts', "import { DiagramRequest } from '@sysd/protocol';", LAYER_MESSAGE],
        ['client/src/x.ts', "import { createSysdServices } from '@sysd/language';", LAYER_MESSAGE],
        ['client/src/x.ts', "import type { ArchModel } from '@sysd/language/model';", LAYER_MESSAGE],
        ['protocol/src/x.ts', "import type { Args } from '@sysd/server';", LAYER_MESSAGE],
        ['cli/src/x.ts', "import { DiagramRequest } from '@sysd/protocol';", LAYER_MESSAGE],
        ['webview/src/x.ts', "import * as fs from 'node:fs';", HOST_MESSAGE],
        ['diagram/src/x.ts', "import * as path from 'node:path';", HOST_MESSAGE],
        ['language/src/x.ts', "import * as vscode from 'vscode';", HOST_MESSAGE],
        ['server/src/x.ts', "import * as vscode from 'vscode';", HOST_MESSAGE],
        ['client/src/x.ts', "import { DefaultLinker } from 'langium';", HOST_MESSAGE],
        ['diagram/src/x.ts', "import type { ArchModel } from '@sysd/language/src/model/types.js';", EXPORTS_MESSAGE],
        ['server/src/x.ts', "import type { DiagramGraph } from '../../diagram/src/types.js';", BY_NAME_MESSAGE],
        ['server/src/x.ts', "export { layout } from '../../diagram/src/layout.js';", BY_NAME_MESSAGE],
        ['protocol/src/x.ts', "import { layout } from '@sysd/diagram';", TYPES_ONLY_MESSAGE],
        ['protocol/src/x.ts', "import { ArchModel } from '@sysd/language/model';", TYPES_ONLY_MESSAGE]
    ];
    for (const [from, code, message] of rejected) {
        it(`rejects \`${code}\` in ${from}`, async () => {
            const errors = await importErrors(from, code);
            expect(errors.length, errors.join('\n')).toBeGreaterThan(0);
            expect(errors.some(m => message.test(m)), errors.join('\n')).toBe(true);
        });
    }

    it('names the allowed packages in the layer message', async () => {
        expect(await importErrors('language/src/x.ts', "import { layout } from '@sysd/diagram';"))
            .toContain(`'@sysd/diagram' import is restricted from being used by a pattern. The layers point one way: language may import no other sysd package (ARCHITECTURE.md, "Layers").`);
        expect(await importErrors('client/src/x.ts', "import { ast } from '@sysd/language';"))
            .toContain(`'@sysd/language' import is restricted from being used by a pattern. The layers point one way: client may import @sysd/protocol (ARCHITECTURE.md, "Layers").`);
        expect(await importErrors('webview/src/x.ts', "import { ast } from '@sysd/language';"))
            .toContain(`'@sysd/language' import is restricted from being used by a pattern. The layers point one way: webview may import @sysd/diagram, @sysd/protocol (ARCHITECTURE.md, "Layers").`);
    });

    const allowed: [from: string, code: string][] = [
        ['server/src/x.ts', "import { createSysdServices } from '@sysd/language';"],
        ['server/src/x.ts', "import { DiagramRequest } from '@sysd/protocol';"],
        ['client/src/x.ts', "import { DiagramRequest } from '@sysd/protocol';"],
        ['client/src/x.ts', "import * as vscode from 'vscode';"],
        ['protocol/src/x.ts', "import type { DiagramGraph } from '@sysd/diagram';"],
        ['protocol/src/x.ts', "import { type DiagramGraph } from '@sysd/diagram';"],
        ['protocol/src/x.ts', "import type { ArchModel } from '@sysd/language/model';"],
        ['diagram/src/x.ts', "import type { ArchModel } from '@sysd/language/model';"],
        ['diagram/src/x.ts', "import { layout } from './layout.js';"],
        ['cli/src/x.ts', "import { layout } from '@sysd/diagram';\nimport { createElk } from '@sysd/diagram/elk-node';\nimport * as fs from 'node:fs';"],
        ['webview/src/x.ts', "import { renderSvg } from '@sysd/diagram';\nimport type { DiagramRequest } from '@sysd/protocol';"],
        ['language/src/lsp/x.ts', "import { qualifiedName } from '../names.js';\nimport * as fs from 'node:fs';"]
    ];
    for (const [from, code] of allowed) {
        it(`accepts \`${code.split('\n')[0]}\` in ${from}`, async () => {
            expect(await importErrors(from, code)).toEqual([]);
        });
    }

    it('is what the repository configuration applies to every package', async () => {
        const real = new ESLint({ cwd: ROOT });
        for (const pkg of Object.keys(config.LAYERS)) {
            const calculated = (await real.calculateConfigForFile(`${pkg}/src/x.ts`)) as Linter.Config;
            const entry = calculated.rules?.[RULE];
            const expected = config.layerRule(pkg);
            expect(Array.isArray(entry) && Array.isArray(expected), pkg).toBe(true);
            // The severity comes back normalised (2 for 'error'); the options must be the same.
            expect((entry as unknown[]).slice(1), pkg).toEqual((expected as unknown[]).slice(1));
        }
    });
});

describe('the packages', () => {
    const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };

    it('are exactly the layered ones', () => {
        expect([...root.workspaces].sort()).toEqual(Object.keys(config.LAYERS).sort());
    });

    it('each have exports and are named @sysd/<folder>', () => {
        for (const folder of root.workspaces) {
            const manifest = readManifest(folder);
            expect(manifest.name).toBe(`@sysd/${folder}`);
            expect(Object.keys(manifest.exports ?? {}), folder).toContain('.');
            for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
                expect(fs.existsSync(path.join(ROOT, folder, target)), `${folder} exports ${subpath} as ${target}`).toBe(true);
            }
        }
    });

    it('declare only the sysd packages their layer allows, and every one they import', () => {
        for (const folder of root.workspaces) {
            const manifest = readManifest(folder);
            const declared = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies })
                .filter(name => name.startsWith('@sysd/'))
                .map(name => name.slice('@sysd/'.length));
            for (const dependency of declared) {
                expect(config.LAYERS[folder], `${folder} depends on @sysd/${dependency}`).toContain(dependency);
            }
            const imported = new Set(sourcesOf(`${folder}/src`)
                .flatMap(file => importedModules(fs.readFileSync(file, 'utf8')))
                .filter(name => name.startsWith('@sysd/'))
                .map(name => name.split('/')[1]));
            for (const used of imported) expect(declared, `${folder} imports @sysd/${used}`).toContain(used);
        }
    });
});

describe('host neutrality', () => {
    // Belt and braces with the lint rule: a plain scan of the sources, which no lint configuration can switch off.
    for (const folder of ['language', 'diagram']) {
        it(`${folder}/ never imports vscode`, () => {
            const files = sourcesOf(`${folder}/src`);
            expect(files.length).toBeGreaterThan(0);
            const offenders = files.flatMap(file => importedModules(fs.readFileSync(file, 'utf8'))
                .filter(name => name === 'vscode' || name.startsWith('vscode/') || name.startsWith('vscode-languageclient'))
                .map(name => `${path.relative(ROOT, file)} imports ${name}`));
            expect(offenders).toEqual([]);
        });
    }
});
