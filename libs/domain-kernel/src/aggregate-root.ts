import { PreconditionFailedError } from './domain-errors';
import { VersionErrors } from './kernel-errors';

/**
 * What every aggregate of the system does the same way: it records the changes its rules make,
 * for the application to keep and publish once, and it carries a version that every change bumps
 * (the ETag), checked against If-Match.
 */
export abstract class AggregateRoot<TChange extends { at: Date }> {
  version!: number;

  // Not set when the ORM loads an aggregate (it skips constructors): hence the `?? []`.
  private pendingChanges?: TChange[];

  pullChanges(): TChange[] {
    const changes = this.pendingChanges ?? [];
    this.pendingChanges = [];
    return changes;
  }

  /**
   * `shown`: the version the caller was shown, where need to know hides some changes from it (the
   * ETag it holds counts only what it may see); by default the stored version.
   */
  assertVersion(ifMatch: string | undefined, shown: number = this.version): void {
    if (ifMatch !== undefined && ifMatch !== String(shown)) {
      throw new PreconditionFailedError(
        VersionErrors.STALE,
        `This ${this.kindName} is at version ${shown}, not ${ifMatch}`,
      );
    }
  }

  /** How a refusal names the aggregate, e.g. "request for information". */
  protected abstract get kindName(): string;

  protected record(change: TChange, bumpVersion = true): void {
    this.pendingChanges = [...(this.pendingChanges ?? []), change];
    if (bumpVersion) this.version += 1;
    this.onRecorded(change);
  }

  /** Hook for aggregates that also keep an updated-at time. */
  protected onRecorded(_change: TChange): void {}
}
