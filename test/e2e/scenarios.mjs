// The end-to-end scenarios, in the order the harness (scripts/e2e/run.mjs) runs them. Each module
// exports { id, title, run(t), cleanup?(t) }; `t` is described in scripts/e2e/run.mjs.
import flawedExample from './01-flawed-example.mjs';
import quickFix from './02-quick-fix.mjs';
import completion from './03-completion.mjs';
import definitionRename from './04-definition-rename.mjs';
import preview from './05-preview.mjs';
import exportMermaid from './06-export-mermaid.mjs';
import settings from './07-settings.mjs';
import explain from './08-explain.mjs';
import markdownPreview from './09-markdown-preview.mjs';
import views from './10-views.mjs';
import whatIf from './11-what-if.mjs';
import walkthrough from './12-walkthrough.mjs';

export const scenarios = [flawedExample, quickFix, completion, definitionRename, preview, exportMermaid, settings, explain, markdownPreview, views, whatIf, walkthrough];
