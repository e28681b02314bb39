import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { unzipSync } from 'fflate';

/**
 * Folders the runtimes run functions from: `<work>/tasks/<code hash>/` holds a
 * function's unzipped code (its LAMBDA_TASK_ROOT), shared by all of its
 * environments and by every function with the same code.
 *
 * `<work>/node_modules/@aws-sdk` points at labbook's own AWS SDK, so Node.js
 * handlers can import `@aws-sdk/*` as they can on AWS, where the runtime
 * provides it; a function's own node_modules still comes first.
 */
export class TaskRoots {
  private readonly workDir: string;
  private readonly ready = new Map<string, Promise<string>>();
  private sdkLinked?: Promise<void>;

  constructor(workDir: string) {
    this.workDir = workDir;
  }

  /** The task root for this code, unzipping it on first use. */
  taskRoot(codeKey: string, loadZip: () => Promise<Uint8Array>): Promise<string> {
    let folder = this.ready.get(codeKey);
    if (!folder) {
      folder = this.unpack(codeKey, loadZip);
      this.ready.set(codeKey, folder);
      folder.catch(() => this.ready.delete(codeKey));
    }
    return folder;
  }

  async remove(): Promise<void> {
    await rm(this.workDir, { recursive: true, force: true });
  }

  private async unpack(codeKey: string, loadZip: () => Promise<Uint8Array>): Promise<string> {
    await this.linkSdk();
    const folder = path.join(this.workDir, 'tasks', codeKey.replace(/[^A-Za-z0-9_-]/g, '_'));
    const staging = `${folder}.partial`;
    await rm(staging, { recursive: true, force: true });
    const files = unzipSync(await loadZip());
    for (const [name, data] of Object.entries(files)) {
      const target = safeJoin(staging, name);
      if (!target) continue;
      if (name.endsWith('/')) {
        await mkdir(target, { recursive: true });
        continue;
      }
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, data);
    }
    await mkdir(staging, { recursive: true });
    await rm(folder, { recursive: true, force: true });
    await rename(staging, folder);
    return folder;
  }

  private linkSdk(): Promise<void> {
    this.sdkLinked ??= (async () => {
      const require = createRequire(import.meta.url);
      const sdk = path.dirname(path.dirname(require.resolve('@aws-sdk/client-lambda/package.json')));
      const link = path.join(this.workDir, 'node_modules', '@aws-sdk');
      await mkdir(path.dirname(link), { recursive: true });
      // A junction: on Windows a directory symlink needs Administrator or Developer Mode, a junction
      // does not (Node's fs.symlink docs); other systems ignore the type.
      await symlink(sdk, link, 'junction').catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
    })();
    return this.sdkLinked;
  }
}

/** `root/name`, or undefined for a zip entry that would land outside `root`. */
function safeJoin(root: string, name: string): string | undefined {
  const target = path.resolve(root, name);
  return target === root || target.startsWith(root + path.sep) ? target : undefined;
}
