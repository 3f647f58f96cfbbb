import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PendingChangeset } from '@sqlrs/liquibase';
import { sha256OfFile } from './file-hasher.js';
import { type HashRecord, hashRecords } from './hash-records.js';
import type { LbRequest } from './lb-request.js';
import { sortedEntries } from './name-values.js';
import type { PrepareContext } from './prepare-context.js';

/** Above this many files under the roots the memo is bypassed (engine.md §2.5 step 1). */
const MAX_TREE_FILES = 50_000;
/** Entries kept; the oldest is dropped first. */
const MAX_ENTRIES = 256;
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/**
 * `lb_plan_memo` of engine.md §2.5 step 1, kept in memory for the engine's lifetime (a restart
 * pays one preview per changelog again): preview results by everything that can change them, so
 * an unchanged changelog is planned without a JVM.
 */
export class LbPlanMemo {
  private readonly entries = new Map<string, PendingChangeset[]>();

  get(key: string): PendingChangeset[] | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, pending: PendingChangeset[]): void {
    this.entries.delete(key);
    this.entries.set(key, pending);
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/** Every regular file under the roots (sorted, `.git/` and `node_modules/` skipped), or undefined past the limit or on a symlink. */
async function treeFiles(roots: readonly string[]): Promise<string[] | undefined> {
  const files: string[] = [];
  const walk = async (dir: string): Promise<boolean> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !(await walk(path))) return false;
      } else if (entry.isSymbolicLink()) {
        // A link's target can change without the tree changing: no memo for such a tree.
        return false;
      } else if (entry.isFile()) {
        files.push(path);
        if (files.length > MAX_TREE_FILES) return false;
      }
    }
    return true;
  };
  for (const root of roots) if (!(await walk(root))) return undefined;
  return files;
}

/**
 * The memo key: image and init spec, Liquibase version, normalised arguments, roots, environment
 * (without `JAVA_HOME`), defaults file, and the tree hash of the roots (through the file hash
 * memo). Undefined when the tree is too large or a file vanished while hashing.
 */
export async function lbPlanMemoKey(
  ctx: PrepareContext,
  a: { imageKey: string; initSpecHash: string; buildConf: string; lbVersion: string; lb: LbRequest },
): Promise<string | undefined> {
  const files = await treeFiles(a.lb.roots);
  if (files === undefined) return undefined;
  const records: HashRecord[] = [
    ['domain', 'sqlrs.lbplan.v1'],
    ['image_key', a.imageKey],
    ['init_spec', a.initSpecHash],
    ['build_conf', a.buildConf],
    ['lb_version', a.lbVersion],
    ['args', a.lb.parsed.normalized],
    ['changelog', a.lb.changelogRelative],
  ];
  for (const root of a.lb.roots) records.push(['root', root]);
  for (const [name, value] of sortedEntries(a.lb.env)) if (name !== 'JAVA_HOME') records.push(['env_name', name], ['env_value', value]);
  records.push(['defaults_hash', a.lb.defaultsHash]);
  try {
    for (const file of files) records.push(['file', file], ['file_hash', await sha256OfFile(file, 'changelog tree', { memo: ctx.store, now: ctx.now })]);
  } catch {
    return undefined;
  }
  return hashRecords(records);
}
