import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ClassConstructor } from 'class-transformer';

/**
 * For ConfigModule.forRoot({ validate }): a process with a wrong setting stops at boot with every
 * bad variable named, instead of failing later in a way that has to be guessed from.
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
