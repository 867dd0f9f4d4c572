// Writes the generated parts of the rule pages (docs/rules/<id>.md) from the rules' meta, as
// ESLint's docs build does: the header after the title (description, type, default severity,
// fixable, catalog entries, sources) and the options table under "## Options", each between
// `<!-- begin generated: ... -->` and `<!-- end generated -->`. The rules are TypeScript, so this
// script bundles them with esbuild (in memory) and imports the bundle. The rendering itself is
// language/src/lint/rule-docs.ts, which the catalog test uses too. Idempotent.
//
//   node scripts/gen-rule-docs.mjs          update the pages
//   node scripts/gen-rule-docs.mjs --check  exit 1 when a page is out of date or missing
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RULES_DIR = path.join(ROOT, 'docs', 'rules');

/** `ALL_RULES` and `withGeneratedBlocks`, compiled from the TypeScript sources. */
export async function loadRuleDocs() {
    const result = await esbuild.build({
        stdin: {
            contents: [
                "export { ALL_RULES } from './language/src/lint/rules/index.ts';",
                "export { withGeneratedBlocks } from './language/src/lint/rule-docs.ts';"
            ].join('\n'),
            resolveDir: ROOT,
            sourcefile: 'gen-rule-docs-entry.ts',
            loader: 'ts'
        },
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        write: false,
        logLevel: 'error'
    });
    const code = result.outputFiles[0].text;
    return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** Updates (or, with `check`, only compares) every rule's page; returns the stale and the missing ones. */
export async function generateRuleDocs({ check = false, dir = RULES_DIR } = {}) {
    const { ALL_RULES, withGeneratedBlocks } = await loadRuleDocs();
    const stale = [];
    const missing = [];
    for (const rule of ALL_RULES) {
        const name = `${rule.meta.id}.md`;
        const file = path.join(dir, name);
        if (!fs.existsSync(file)) {
            missing.push(name);
            continue;
        }
        const page = fs.readFileSync(file, 'utf8');
        const next = withGeneratedBlocks(page, rule.meta);
        if (next === page) continue;
        stale.push(name);
        if (!check) fs.writeFileSync(file, next);
    }
    return { stale, missing };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const check = process.argv.includes('--check');
    const { stale, missing } = await generateRuleDocs({ check });
    // A rule without a page is the catalog test's finding; the build still writes the other pages.
    for (const name of missing) console.error(`gen-rule-docs: docs/rules/${name} is missing; every rule needs a page`);
    if (check && stale.length > 0) console.error(`gen-rule-docs: out of date: ${stale.join(', ')} (run node scripts/gen-rule-docs.mjs)`);
    if (check && (stale.length > 0 || missing.length > 0)) process.exit(1);
    console.log(`gen-rule-docs: ${check ? 'checked' : `updated ${stale.length} page(s) in`} docs/rules`);
}
