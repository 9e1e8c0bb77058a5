/**
 * Where the gateway's data lives: the configured PostgreSQL, or embedded PostgreSQL under DATA_DIR
 * when none is configured. Either way it is migrated before use.
 */
import { startEmbeddedPostgres, type Supervision } from "./embedded.js";
import { migrate } from "./migrate.js";

export interface Database {
  url: string;
  embedded: boolean;
  migrationsApplied: string[];
  stop(): Promise<void>;
}

export async function openDatabase(options: {
  url?: string;
  dataDir: string;
  log?: (line: string) => void;
  /** Embedded PostgreSQL only: it is restarted when it dies; these hear about it. */
  supervision?: Supervision;
}): Promise<Database> {
  const embedded = options.url ? null : await startEmbeddedPostgres(options.dataDir, options.log, options.supervision);
  const url = options.url ?? embedded!.url;
  try {
    const migrationsApplied = await migrate(url);
    return { url, embedded: !!embedded, migrationsApplied, stop: async () => embedded?.stop() };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
