// ESLint for the whole repository: typescript-eslint's type-aware recommended set, and the layer
// rules that keep the packages pointing one way (see ARCHITECTURE.md, "Layers").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Which workspace packages each package may import (by package name, never by a deep path). */
export const LAYERS = {
    language: [],
    diagram: ['language'],
    protocol: ['language', 'diagram'],
    server: ['language', 'diagram', 'protocol'],
    cli: ['language', 'diagram'],
    webview: ['diagram', 'protocol'],
    client: ['protocol']
};
const PACKAGES = Object.keys(LAYERS);

/** Packages that run outside Node or must stay host-neutral, and what they may not import. */
const HOST_BANS = {
    language: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'],
    diagram: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*', 'node:*', 'langium', 'langium/*'],
    protocol: ['vscode', 'node:*', 'langium', 'langium/*'],
    webview: ['vscode', 'node:*', 'langium', 'langium/*'],
    server: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'],
    cli: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'],
    client: ['langium', 'langium/*']
};

/** The `no-restricted-imports` options of one package. */
export function layerRule(pkg) {
    const forbidden = PACKAGES.filter(other => other !== pkg && !LAYERS[pkg].includes(other));
    const patterns = [
        {
            // A relative path into another package's sources (`../../diagram/src/x.js`).
            group: ['**/src/**', '../**/language/**', '../**/diagram/**', '../**/protocol/**', '../**/server/**', '../**/cli/**', '../**/webview/**', '../**/client/**'],
            message: 'Import another package by its name (@sysd/<package>), never by a path into its folder.'
        },
        {
            group: ['@sysd/*/src', '@sysd/*/src/**'],
            message: 'Import what the package exports (see its package.json "exports"), not its files.'
        }
    ];
    if (forbidden.length > 0) {
        patterns.push({
            group: forbidden.flatMap(other => [`@sysd/${other}`, `@sysd/${other}/*`]),
            message: `The layers point one way: ${pkg} may import ${LAYERS[pkg].length ? LAYERS[pkg].map(p => '@sysd/' + p).join(', ') : 'no other sysd package'} (ARCHITECTURE.md, "Layers").`
        });
    }
    patterns.push({ group: HOST_BANS[pkg], message: `${pkg} must not depend on this host (ARCHITECTURE.md, "Layers").` });
    if (pkg === 'protocol') {
        // The protocol may name the data its messages carry, but must not pull their code into the client.
        patterns.push({
            group: ['@sysd/language', '@sysd/language/*', '@sysd/diagram', '@sysd/diagram/*'],
            allowTypeImports: true,
            message: 'The protocol imports the data it carries as types only.'
        });
    }
    return ['error', { patterns }];
}

export default tseslint.config(
    {
        ignores: ['out/**', 'node_modules/**', '**/generated/**', 'language/src/knowledge/topics.generated.ts', 'test-results/**', '**/*.js', '**/*.cjs', '**/*.mjs', 'test/e2e/**']
    },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
        },
        linterOptions: { reportUnusedDisableDirectives: 'error' },
        rules: {
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }]
        }
    },
    ...PACKAGES.map(pkg => ({
        // The playground (webview/playground/) is part of the webview package and keeps its layers.
        files: pkg === 'webview' ? ['webview/src/**/*.ts', 'webview/playground/**/*.ts'] : [`${pkg}/src/**/*.ts`],
        rules: { '@typescript-eslint/no-restricted-imports': layerRule(pkg) }
    }))
);
