import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** The identity of a changeset as Liquibase recorded it. */
export interface ChangesetIdentity {
  path: string;
  id: string;
  author: string;
}

/** `runAlways` as declared: absent/false → false; anything else (true, `${prop}`) → true. */
function declared(value: unknown): boolean {
  return !(value === undefined || value === false || value === 'false');
}

async function readChangelog(path: string, roots: readonly string[]): Promise<string | undefined> {
  const candidates = isAbsolute(path) ? [path] : roots.map((root) => join(root, path));
  for (const candidate of candidates) {
    try {
      return await readFile(candidate, 'utf8');
    } catch {
      // try the next root
    }
  }
  return undefined;
}

function formattedSql(text: string, cs: ChangesetIdentity): boolean {
  for (const line of text.split('\n')) {
    const match = /^\s*--\s*changeset\s+(.+?):(\S+)(.*)$/i.exec(line);
    if (match === null || match[1] !== cs.author || match[2] !== cs.id) continue;
    const flag = /\brunAlways:(\S+)/i.exec(match[3] as string);
    return flag === null ? false : declared(flag[1]);
  }
  return true;
}

function xmlAttributes(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    attributes.set(match[1] as string, (match[3] ?? match[4]) as string);
  }
  return attributes;
}

function xml(text: string, cs: ChangesetIdentity): boolean {
  for (const match of text.matchAll(/<changeSet\b[^>]*>/g)) {
    const attributes = xmlAttributes(match[0]);
    if (attributes.get('id') !== cs.id || attributes.get('author') !== cs.author) continue;
    return declared(attributes.get('runAlways'));
  }
  return true;
}

function structured(document: unknown, cs: ChangesetIdentity): boolean {
  const entries = (document as { databaseChangeLog?: unknown } | null)?.databaseChangeLog;
  if (!Array.isArray(entries)) return true;
  for (const entry of entries) {
    const changeSet = (entry as { changeSet?: Record<string, unknown> } | null)?.changeSet;
    if (changeSet === undefined || String(changeSet['id']) !== cs.id || String(changeSet['author']) !== cs.author) continue;
    return declared(changeSet['runAlways']);
  }
  return true;
}

/**
 * Whether a changeset is declared `runAlways` (engine.md §2.5 step 4), read from the file its
 * `FILENAME` names through the search path. A file that cannot be read or parsed, or a changeset
 * not found in it, counts as `runAlways`: that only moves the uncached tail earlier.
 */
export async function isRunAlways(cs: ChangesetIdentity, roots: readonly string[]): Promise<boolean> {
  const text = await readChangelog(cs.path, roots);
  if (text === undefined) return true;
  try {
    switch (extname(cs.path).toLowerCase()) {
      case '.sql':
        return formattedSql(text, cs);
      case '.xml':
        return xml(text, cs);
      case '.json':
        return structured(JSON.parse(text), cs);
      case '.yaml':
      case '.yml':
        return structured(parseYaml(text), cs);
      default:
        return true;
    }
  } catch {
    return true;
  }
}
