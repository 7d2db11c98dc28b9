import * as argon2 from 'argon2';
import { WorkLimit } from './work-limit';

/**
 * Argon2id (memory-hard) with the library's defaults: 64 MiB, 3 passes, 4 lanes. In the gateway
 * every hash and check goes through one WorkLimit (see gateway.module.ts); the demo seed, which
 * runs alone, hashes without one.
 */
export class PasswordHasher {
  constructor(private readonly limit?: WorkLimit) {}

  hash(password: string): Promise<string> {
    return this.limited(() => argon2.hash(password, { type: argon2.argon2id }));
  }

  /** False for a wrong password and for a hash that is not one; WorkLimitExceeded when busy. */
  verify(hash: string, password: string): Promise<boolean> {
    return this.limited(async () => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    });
  }

  private limited<T>(work: () => Promise<T>): Promise<T> {
    return this.limit ? this.limit.run(work) : work();
  }
}
