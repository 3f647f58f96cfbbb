import type { LiquibaseRunner } from '@sqlrs/liquibase';

/**
 * Picks the Liquibase runner of a job (engine.md §8.3 "Mode"): config `liquibase.image` set →
 * docker; null → host; a request's `liquibase_exec` → host with that executable. The composition
 * root implements it, so prepare never constructs a runner itself.
 */
export interface LiquibaseRunners {
  forJob(exec: string | null): LiquibaseRunner;
}
