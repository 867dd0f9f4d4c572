// A Langium file system held in memory, for the benchmarks that edit documents without touching disk.
import type { FileSystemNode, FileSystemProvider, URI } from 'langium';

/** Files in memory: the asynchronous methods answer at once, from the synchronous ones. */
export class MemoryFileSystem implements FileSystemProvider {
    readonly files = new Map<string, string>();
    stat(uri: URI): Promise<FileSystemNode> { return Promise.resolve(this.statSync(uri)); }
    statSync(uri: URI): FileSystemNode { return { isFile: true, isDirectory: false, uri }; }
    exists(uri: URI): Promise<boolean> { return Promise.resolve(this.existsSync(uri)); }
    existsSync(uri: URI) { return this.files.has(uri.toString()); }
    readBinary(uri: URI): Promise<Uint8Array> { return Promise.resolve(this.readBinarySync(uri)); }
    readBinarySync(uri: URI) { return new TextEncoder().encode(this.readFileSync(uri)); }
    readFile(uri: URI): Promise<string> { return Promise.resolve(this.readFileSync(uri)); }
    readFileSync(uri: URI) { return this.files.get(uri.toString()) ?? ''; }
    readDirectory(): Promise<FileSystemNode[]> { return Promise.resolve(this.readDirectorySync()); }
    readDirectorySync(): FileSystemNode[] { return []; }
}
