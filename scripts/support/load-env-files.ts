import nextEnv from '@next/env';

/** Loads `.env*` files the way Next will, so scripts and the app agree on configuration. */
export function loadEnvFiles(dev: boolean): void {
  nextEnv.loadEnvConfig(process.cwd(), dev, { info: () => {}, error: console.error });
}
