import { ConfigError, loadConfig } from '../config/config';
import { readEnv } from '../config/env';
import { startHub } from './start';

try {
  const { app } = await startHub(loadConfig(readEnv()));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void app.close().then(() => process.exit(0));
    });
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
