import { AppConfig, ConfigError, loadConfig } from '@redress/config';
import { checkDatabase } from '@redress/database';
import { checkRedis } from '@redress/queue';

/**
 * Loads the configuration and checks that the database and Redis answer before Nest starts, so a
 * missing service ends the process with one clear line instead of a retry loop of stack traces.
 */
export async function preflight(): Promise<AppConfig> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  try {
    await checkDatabase(config);
    const warning = await checkRedis(config.redisUrl);
    if (warning) console.warn(`warning: ${warning}`);
  } catch (error) {
    fail((error as Error).message);
  }
  return config;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
