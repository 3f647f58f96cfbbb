import Dockerode from 'dockerode';
import type { ConfigStore, EngineInfo } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import { DockerLiquibaseRunner, HostLiquibaseRunner, type LiquibaseRunner, pinnedLauncher } from '@sqlrs/liquibase';
import type { LiquibaseRunners } from '@sqlrs/prepare';

/**
 * The engine's Liquibase runners (engine.md §8.3 "Mode"): `liquibase.image` set → the Docker
 * runner; null → host mode with `liquibase.exec` or the pinned distribution; a request's
 * `liquibase_exec` → host mode with it. Runners are kept per executable/image so versions stay memoised.
 */
export class EngineLiquibaseRunners implements LiquibaseRunners {
  private readonly hosts = new Map<string, HostLiquibaseRunner>();
  private readonly dockers = new Map<string, DockerLiquibaseRunner>();
  private docker: Dockerode | undefined;

  constructor(private readonly config: ConfigStore) {}

  forJob(exec: string | null): LiquibaseRunner {
    const { liquibase } = this.config.effective();
    if (exec === null && liquibase.image !== null) return this.dockerRunner(liquibase.image);
    return this.hostRunner(exec ?? liquibase.exec ?? pinnedLauncher());
  }

  private hostRunner(executable: string): HostLiquibaseRunner {
    let runner = this.hosts.get(executable);
    if (runner === undefined) {
      const javaHome = process.env['JAVA_HOME'];
      runner = new HostLiquibaseRunner({ executable, ...(javaHome === undefined || javaHome === '' ? {} : { javaHome }) });
      this.hosts.set(executable, runner);
    }
    return runner;
  }

  private dockerRunner(image: string): DockerLiquibaseRunner {
    let runner = this.dockers.get(image);
    if (runner === undefined) {
      this.docker ??= new Dockerode();
      const user = { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
      runner = new DockerLiquibaseRunner({ docker: this.docker, image, user });
      this.dockers.set(image, runner);
    }
    return runner;
  }

  /** What `GET /v1/engine` shows of the configured mode (api.md §3.5). */
  async info(): Promise<EngineInfo['liquibase']> {
    const runner = this.forJob(null);
    try {
      return { mode: runner.mode, version: await runner.version(), ok: true, reason: null };
    } catch (error) {
      return { mode: runner.mode, version: null, ok: false, reason: error instanceof SqlrsError ? error.message : String(error) };
    }
  }
}
