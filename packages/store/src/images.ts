/** Where an image's PostgreSQL runs: Docker containers or host binaries. */
export type RuntimeKind = 'docker' | 'process';

/** A PostgreSQL distribution chains start from (engine.md §1, table `images`). */
export interface ImageRecord {
  /** `docker:sha256:<64hex>` or `process:sha256:<64hex>`. */
  imageKey: string;
  runtimeKind: RuntimeKind;
  /** The resolved reference the API shows as `image_id` (engine.md §7.2, §7.3). */
  displayRef: string;
  repoDigest: string | null;
  platform: string;
  pgMajor: number;
  pgVersion: string;
  runUid: number | null;
  runGid: number | null;
  locales: string | null;
  firstSeenAt: number;
  lastUsedAt: number;
}

/** Persistence of images. */
export interface ImageStore {
  /** Inserts or updates an image; an existing row keeps its `firstSeenAt`. */
  upsertImage(image: ImageRecord): ImageRecord;
  /** The image with this key, or undefined. */
  getImage(imageKey: string): ImageRecord | undefined;
  /** Every image, oldest first. */
  listImages(): ImageRecord[];
}
