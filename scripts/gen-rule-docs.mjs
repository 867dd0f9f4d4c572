// Writes the generated parts of the rule pages (docs/rules/<id>.md) from the rules' meta, as
// ESLint's docs build does: the header after the title (description, type, default severity,
// fixable, catalog entries, sources) and the options table under "## Options", each between
// `<!-- begin generated: ... -->` and `<!-- end generated -->`. The rules are TypeScript, so this
// script bundles them with esbuild (in memory) and imports the bundle. The rendering itself is
// language/src/lint/rule-docs.ts, which the catalog test uses too. It also writes the index of the
// rules in docs/rules/README.md (between `<!-- begin generated: rule index -->` and
// `<!-- end generated -->`): one row per rule with its type, default severity, fixability, catalog
// entries and description. The README's "Catalog coverage" table is hand-written; the catalog test
// checks it against the rules' meta. Idempotent.
//
//   node scripts/gen-rule-docs.mjs          update the pages
//   node scripts/gen-rule-docs.mjs --check  exit 1 when a page is out of date or missing
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RULES_DIR = path.join(ROOT, 'docs', 'rules');
export const INDEX_BEGIN = '<!-- begin generated: rule index -->';
const GENERATED_END = '<!-- end generated -->';

/** Text that is safe inside a Markdown table cell. */
const cell = text => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The index block of docs/rules/README.md, markers included: one row per rule, sorted by id. */
export function ruleIndex(metas) {
    const rows = [...metas].sort((a, b) => a.id.localeCompare(b.id)).map(meta => [
        `[\`${meta.id}\`](${meta.id}.md)`,
        meta.type,
        meta.defaultSeverity,
        meta.fixable ? 'yes' : 'no',
        meta.grounding.catalog.length > 0 ? meta.grounding.catalog.join(', ') : '—',
        cell(meta.description)
    ]);
    return [
        INDEX_BEGIN,
        `${metas.length} rules.`,
        '',
        '| rule | type | default severity | fixable | catalog | description |',
        '|---|---|---|---|---|---|',
        ...rows.map(row => `| ${row.join(' | ')} |`),
        '',
        GENERATED_END
    ].join('\n');
}

/** The README with its index block replaced; undefined when the page has no index block. */
export function withRuleIndex(page, metas) {
    const start = page.indexOf(INDEX_BEGIN);
    if (start < 0) return undefined;
    const end = page.indexOf(GENERATED_END, start);
    if (end < 0) return undefined;
    return page.slice(0, start) + ruleIndex(metas) + page.slice(end + GENERATED_END.length);
}

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
    const readme = path.join(dir, 'README.md');
    const page = fs.existsSync(readme) ? fs.readFileSync(readme, 'utf8') : undefined;
    const next = page === undefined ? undefined : withRuleIndex(page, ALL_RULES.map(rule => rule.meta));
    if (next === undefined) missing.push('README.md (with its rule index block)');
    else if (next !== page) {
        stale.push('README.md');
        if (!check) fs.writeFileSync(readme, next);
    }
    return { stale, missing };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const check = process.argv.includes('--check');
    const { stale, missing } = await generateRuleDocs({ check });
    // A rule without a page is the catalog test's finding; the build still writes the other pages.
    for (const name of missing) console.error(`gen-rule-docs: docs/rules/${name} is missing${name.endsWith('.md') ? '; every rule needs a page' : ''}`);
    if (check && stale.length > 0) console.error(`gen-rule-docs: out of date: ${stale.join(', ')} (run node scripts/gen-rule-docs.mjs)`);
    if (check && (stale.length > 0 || missing.length > 0)) process.exit(1);
    console.log(`gen-rule-docs: ${check ? 'checked' : `updated ${stale.length} page(s) in`} docs/rules`);
}
