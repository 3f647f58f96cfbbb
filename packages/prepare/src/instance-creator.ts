import type { ResolvedImage } from '@sqlrs/runtime';
import type { InstanceRecord } from '@sqlrs/store';

/** What `prepare_instance` needs from `@sqlrs/instances` (issue 4 interface; structurally equal). */
export interface InstanceCreator {
  /**
   * Clones the ready state, starts it, sets a random password, publishes the instance row with its
   * name binding in one transaction and returns it; removes what it made and throws on failure.
   */
  create(o: {
    jobId: string;
    stateId: string;
    image: ResolvedImage;
    name: string | null;
    rebind: boolean;
    expiresAt: number | null;
    signal?: AbortSignal;
  }): Promise<InstanceRecord>;
}
