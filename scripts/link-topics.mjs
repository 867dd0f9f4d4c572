// Links the rule pages to the topics that explain them: inserts or updates a "## Learn more"
// section at the end of each docs/rules/<id>.md, listing the topics whose front matter `rules`
// include that id. Idempotent: running it twice changes nothing; a page no topic names loses the
// section. Topics link to rules through their front matter (rendered by the knowledge base).
//
//   node scripts/link-topics.mjs          update the pages
//   node scripts/link-topics.mjs --check  exit 1 when a page is out of date
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTopics } from './gen-knowledge.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RULES_DIR = path.join(ROOT, 'docs', 'rules');

const SECTION = /\n*^## Learn more\n[\s\S]*?(?=^## |(?![\s\S]))/m;

/** The "## Learn more" section for a rule, or '' when no topic names it. */
export function learnMoreSection(ruleId, topics) {
    const linked = topics.filter(t => t.rules.includes(ruleId)).sort((a, b) => a.title.localeCompare(b.title));
    if (linked.length === 0) return '';
    const lines = linked.map(t => `- [${t.title}](../topics/${t.id}.md): ${t.gist}`);
    return `## Learn more\n\n${lines.join('\n')}\n`;
}

/** The page with its "## Learn more" section replaced (or added, or removed) for the given topics. */
export function linkPage(page, ruleId, topics) {
    const without = page.replace(SECTION, '\n\n').replace(/\s+$/, '');
    const section = learnMoreSection(ruleId, topics);
    return section ? `${without}\n\n${section}` : `${without}\n`;
}

export function linkAll({ check = false, dir = RULES_DIR } = {}) {
    const topics = loadTopics();
    const stale = [];
    for (const name of fs.readdirSync(dir).filter(n => n.endsWith('.md')).sort()) {
        const file = path.join(dir, name);
        const page = fs.readFileSync(file, 'utf8');
        const next = linkPage(page, path.basename(name, '.md'), topics);
        if (next === page) continue;
        stale.push(name);
        if (!check) fs.writeFileSync(file, next);
    }
    return stale;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const check = process.argv.includes('--check');
    const stale = linkAll({ check });
    if (check && stale.length > 0) {
        console.error(`link-topics: out of date: ${stale.join(', ')} (run node scripts/link-topics.mjs)`);
        process.exit(1);
    }
    console.log(`link-topics: ${check ? 'checked' : `updated ${stale.length} page(s) in`} docs/rules`);
}
