import fs from 'node:fs';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * Checks an app's environment against its class-validator class, converting numbers on the way. A
 * process with a wrong setting stops at boot with every bad variable named, instead of failing
 * later in a way that has to be guessed from. Each app's config (apps/<app>/src/config/) calls it
 * once, on the one place its process environment is read.
 */
export function validateEnvironment<T extends object>(type: ClassConstructor<T>) {
  return (raw: Record<string, unknown>): T => {
    const config = plainToInstance(type, raw, { enableImplicitConversion: true });
    const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
    if (errors.length) {
      const lines = errors.map(
        (e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
      );
      throw new Error(`Invalid environment:\n${lines.join('\n')}`);
    }
    return config;
  };
}

/** Freezes settings all the way down: what was validated at boot is what every reader sees. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const key of Reflect.ownKeys(value))
      deepFreeze((value as Record<PropertyKey, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/**
 * A secret an environment variable points to (a file mounted 0600 or as a container secret), so the
 * secret itself is never in the environment. Stops the process naming the variable, not the value.
 */
export function readSecretFile(variable: string, file: string): string {
  let secret: string;
  try {
    // Its first line: a file written by hand ends with a newline that is no part of the secret.
    secret = fs.readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
  } catch (error) {
    throw new Error(
      `Invalid environment:\n  ${variable}: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  if (!secret) throw new Error(`Invalid environment:\n  ${variable}: ${file} is empty`);
  return secret;
}
