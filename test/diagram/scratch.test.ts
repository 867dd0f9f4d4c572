import * as fs from 'node:fs';
import { test } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { workspace } from '../helpers.js';
import { buildDiagram } from '../../diagram/src/build-graph.js';
import { layoutDiagram } from '../../diagram/src/layout.js';
import { createNodeElk } from '../../diagram/src/elk-node.js';
import { renderSvg } from '../../diagram/src/render-svg.js';

test('scratch', async () => {
    for (const name of ['online-store', 'chat', 'url-shortener']) {
    const file = `/work/main/examples/${name}.sysd`;
    const { services, model } = await workspace({ [file]: fs.readFileSync(file, 'utf8') });
    const findings = [...services.model.ModelService.allFindings().values()].flat();
    const g = buildDiagram(model, findings);
    const t = Date.now();
    const l = await layoutDiagram(g, createNodeElk());
    console.log(name, Date.now() - t, 'ms');
    fs.writeFileSync(`/tmp/dg/${name}.json`, JSON.stringify(l, null, 1));
    const svg = renderSvg(l, { theme: name === 'chat' ? 'dark' : 'light' });
    fs.writeFileSync(`/tmp/dg/${name}.svg`, svg);
    fs.writeFileSync(`/tmp/dg/${name}.png`, new Resvg(svg, { fitTo: { mode: 'zoom', value: 1.5 }, font: { loadSystemFonts: true } }).render().asPng());
    }
});
