import { SqlrsError } from '@sqlrs/errors';

/** The parts of an image reference the process runtime cares about. */
export interface ProcessImageRef {
  /** The tag's leading integer (`postgres:16.2` → 16); undefined = the newest binaries found. */
  major: number | undefined;
  /** The 64-hex digest of a pinned ref (`…@sha256:<hex>`), lowercased. */
  digestHex: string | undefined;
}

/** Reads the major version and the pinned digest from a reference such as `postgres:15@sha256:…`. */
export function parseProcessImageRef(ref: string): ProcessImageRef {
  const trimmed = ref.trim();
  const at = trimmed.indexOf('@');
  const name = at === -1 ? trimmed : trimmed.slice(0, at);
  const digest = at === -1 ? undefined : trimmed.slice(at + 1);
  if (name === '' || (digest !== undefined && !/^sha256:[0-9a-fA-F]{64}$/.test(digest))) {
    throw new SqlrsError('invalid_argument', `invalid image reference "${ref}"; use name[:tag][@sha256:<64 hex>]`);
  }
  // A ':' before the last '/' belongs to a registry host, not to a tag.
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : '';
  const leading = /^(\d+)/.exec(tag);
  return {
    major: leading?.[1] === undefined ? undefined : Number.parseInt(leading[1], 10),
    digestHex: digest?.slice('sha256:'.length).toLowerCase(),
  };
}
