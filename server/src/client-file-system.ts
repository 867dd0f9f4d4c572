import { EmptyFileSystem, URI, type FileSystemNode, type FileSystemProvider } from 'langium';
import type { Connection } from 'vscode-languageserver';
import { ReadDirectoryRequest, ReadFileRequest, type WorkspaceFileEntry } from '@sysd/protocol';

/**
 * The workspace's files, read through the client (which has `vscode.workspace.fs`). Until the client
 * says it answers (`workspaceFiles`), or when a request fails, the workspace is empty and the server
 * knows the open documents only, as Langium's `EmptyFileSystem`. Nothing in sysd reads files
 * synchronously; the synchronous methods behave as the empty file system.
 */
export class ClientFileSystem implements FileSystemProvider {
    enabled = false;
    private readonly empty = EmptyFileSystem.fileSystemProvider();

    constructor(private readonly client: Connection) {}

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        if (!this.enabled) return [];
        try {
            const entries = await this.client.sendRequest<WorkspaceFileEntry[]>(ReadDirectoryRequest.method, { uri: uri.toString() });
            return entries.map(entry => ({ uri: URI.parse(entry.uri), isFile: entry.isFile, isDirectory: entry.isDirectory }));
        } catch {
            return [];
        }
    }

    async readFile(uri: URI): Promise<string> {
        const text = this.enabled ? await this.client.sendRequest<string | null>(ReadFileRequest.method, { uri: uri.toString() }) : null;
        if (text === null) throw new Error(`sysd: cannot read ${uri.toString()}`);
        return text;
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return new TextEncoder().encode(await this.readFile(uri));
    }

    async stat(uri: URI): Promise<FileSystemNode> {
        const text = this.enabled ? await this.client.sendRequest<string | null>(ReadFileRequest.method, { uri: uri.toString() }) : null;
        if (text === null) return this.empty.stat(uri);
        return { uri, isFile: true, isDirectory: false };
    }

    async exists(uri: URI): Promise<boolean> {
        return this.enabled && await this.client.sendRequest<string | null>(ReadFileRequest.method, { uri: uri.toString() }) !== null;
    }

    statSync(uri: URI): FileSystemNode {
        return this.empty.statSync(uri);
    }

    existsSync(): boolean {
        return false;
    }

    readBinarySync(): Uint8Array {
        return this.empty.readBinarySync();
    }

    readFileSync(): string {
        return this.empty.readFileSync();
    }

    readDirectorySync(): FileSystemNode[] {
        return [];
    }
}
