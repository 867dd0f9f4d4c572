// The `sysd` task type: "sysd: check workspace" in Tasks: Run Task, and `{ "type": "sysd" }` tasks in
// tasks.json. Each runs the CLI bundled with the extension (`sysd check`, stylish output) in its
// workspace folder, and the `$sysd-stylish` problem matcher turns the report into Problems entries,
// as ESLint's `eslint: lint whole folder` task does.
import * as vscode from 'vscode';

/** The task type (package.json `taskDefinitions`) and the source shown before the task's name. */
export const TASK_TYPE = 'sysd';
/** The name of the provided task: "sysd: check workspace". */
export const TASK_CHECK_WORKSPACE = 'check workspace';
/** The CLI's entry as bundled into the extension, relative to its root (see .vscodeignore). */
export const CLI_MODULE = 'out/cli/main.cjs';

/** What a `{ "type": "sysd" }` task may say (package.json `taskDefinitions`). */
export interface SysdTaskDefinition extends vscode.TaskDefinition {
    type: typeof TASK_TYPE;
    /** Files and folders to check, relative to the workspace folder; default: the folder itself. */
    paths?: string[];
    /** More options for `sysd check`. */
    args?: string[];
}

/** The command line of a task: the bundled CLI run by the extension host's own Node. */
export function checkCommandLine(cliPath: string, definition: SysdTaskDefinition): string[] {
    const paths = definition.paths && definition.paths.length > 0 ? definition.paths : ['.'];
    return [cliPath, 'check', ...paths, '--format', 'stylish', ...(definition.args ?? [])];
}

function checkTask(context: vscode.ExtensionContext, folder: vscode.WorkspaceFolder, definition: SysdTaskDefinition, name: string): vscode.Task {
    // In desktop VS Code the extension host is Electron: ELECTRON_RUN_AS_NODE makes it plain Node.
    const execution = new vscode.ProcessExecution(process.execPath, checkCommandLine(context.asAbsolutePath(CLI_MODULE), definition), {
        cwd: folder.uri.fsPath,
        env: { ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' }
    });
    const task = new vscode.Task(definition, folder, name, TASK_TYPE, execution, '$sysd-stylish');
    task.group = vscode.TaskGroup.Build;
    task.detail = `sysd check ${(definition.paths ?? ['.']).join(' ')}`;
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
    return task;
}

export function registerCheckTask(context: vscode.ExtensionContext): vscode.Disposable {
    return vscode.tasks.registerTaskProvider(TASK_TYPE, {
        provideTasks(): vscode.Task[] {
            // Only folders on disk: the CLI reads files, not VS Code's virtual file systems.
            const folders = (vscode.workspace.workspaceFolders ?? []).filter(folder => folder.uri.scheme === 'file');
            return folders.map(folder => checkTask(context, folder, { type: TASK_TYPE }, folders.length > 1 ? `${TASK_CHECK_WORKSPACE} (${folder.name})` : TASK_CHECK_WORKSPACE));
        },
        resolveTask(task: vscode.Task): vscode.Task | undefined {
            // A task from tasks.json: keep its definition (and so its identity), add how to run it.
            const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
            if (!folder || folder.uri.scheme !== 'file') return undefined;
            const resolved = checkTask(context, folder, task.definition as SysdTaskDefinition, task.name);
            resolved.problemMatchers = task.problemMatchers.length > 0 ? task.problemMatchers : ['$sysd-stylish'];
            return resolved;
        }
    });
}
