import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { resolveConfig } from '../../language/src/lint/config.js';
import { lint } from '../../language/src/lint/engine.js';
import { ALL_RULES } from '../../language/src/lint/rules/index.js';
import { RESILIENCE_RULES } from '../../language/src/lint/rules/group-resilience.js';
import { workspace } from '../helpers.js';

function files(dir: string): string[] {
    return readdirSync(dir).flatMap(f => statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.sysd') ? [join(dir, f)] : []);
}

it('scan', async () => {
    const groups: Record<string, string[]> = {};
    for (const f of files('examples')) {
        const dir = f.includes('/ride-sharing/') || f.includes('/ticket-reservation/') ? f.split('/').slice(0, 2).join('/') : f;
        (groups[dir] ??= []).push(f);
    }
    groups['sketch'] = ['/work/shared/design/language-sketch.sysd'];
    for (const [name, list] of Object.entries(groups)) {
        const texts: Record<string, string> = {};
        for (const f of list) texts[f.split('/').pop()!] = readFileSync(f, 'utf8');
        const { model } = await workspace(texts);
        const byUri = new Map(Object.entries(texts).map(([k, v]) => [`file:///test/${k}`, v]));
        const config = resolveConfig(ALL_RULES, []);
        const findings = lint({ model, text: u => byUri.get(u), config, rules: RESILIENCE_RULES });
        console.log(`== ${name}\n` + findings.map(f => `${f.loc.uri.split('/').pop()}:${f.loc.range.start.line + 1} [${f.ruleId}] ${f.message}`).join('\n'));
    }
});
