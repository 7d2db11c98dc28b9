import {
  Actor,
  AggregateRoot,
  ForbiddenError,
  LimitReachedError,
  ValidationFailedError,
} from '@bp/domain-kernel';
import { AlertErrors } from './alert-errors';

export type AlertSeverity = 'LOW' | 'MEDIUM' | 'HIGH';

/** How the sender addressed the alert, as it said it. */
export interface AlertAddress {
  routes: string[];
  regions: string[];
  parties: string[];
}

export interface AlertAcknowledgement {
  party: string;
  by: string;
  at: string;
}

/** How long the daily limit of alerts looks back. */
export const ALERT_QUOTA_WINDOW_MS = 24 * 3_600_000;

/**
 * An alert reaches every focal point of the parties it addresses, live and by webhook: a sender
 * (a party, or the secretariat) raises so many in a day and no more, so that one account cannot
 * flood the channel with them.
 */
export function assertAlertQuota(raisedInWindow: number, dailyLimit: number): void {
  if (raisedInWindow >= dailyLimit)
    throw new LimitReachedError(
      AlertErrors.DAILY_LIMIT,
      `${dailyLimit} alerts in 24 hours is the limit; try again later`,
    );
}

export interface AlertChange {
  action: 'RAISED' | 'ACKNOWLEDGED';
  at: Date;
  actor: Actor;
  party: string | null;
}

/**
 * A warning told by people: an influx, a route shift, a new modus operandi. It is raised by a
 * party's focal point or the secretariat to the parties of routes, regions or named parties; each
 * addressed party acknowledges it once.
 */
export class Alert extends AggregateRoot<AlertChange> {
  id!: string;
  title!: string;
  summary!: string;
  severity!: AlertSeverity;
  /** null: the secretariat raised it. */
  senderParty!: string | null;
  raisedBy!: string;
  routes!: string[];
  regions!: string[];
  parties!: string[];
  /** Every party the address reaches, the sender's own aside, sorted. */
  addressedParties!: string[];
  acknowledgements!: AlertAcknowledgement[];
  raisedAt!: Date;

  protected get kindName(): string {
    return 'alert';
  }

  /** `reached`: the parties the address names, as the reference data resolves it. */
  static raise(props: {
    id: string;
    by: Actor;
    title: string;
    summary: string;
    severity: AlertSeverity;
    address: AlertAddress;
    reached: readonly string[];
    now: Date;
  }): Alert {
    const { by, now } = props;
    const fromParty = by.role === 'focal_point' && by.party !== null;
    if (!fromParty && by.role !== 'secretariat')
      throw new ForbiddenError(
        AlertErrors.NOT_A_SENDER,
        'A focal point, for its party, or the secretariat raises alerts',
      );
    const senderParty = fromParty ? by.party : null;
    const addressedParties = [...new Set(props.reached)]
      .filter((party) => party !== senderParty)
      .sort();
    if (!addressedParties.length)
      throw new ValidationFailedError(
        AlertErrors.NO_ADDRESSEE,
        'The routes, regions and parties name no party but the sender',
        [{ field: 'parties', message: 'name at least one route, region or party besides yours' }],
      );
    const unique = (codes: string[]) => [...new Set(codes)];
    const alert = Object.assign(new Alert(), {
      id: props.id,
      title: props.title.trim(),
      summary: props.summary.trim(),
      severity: props.severity,
      senderParty,
      raisedBy: by.userId,
      routes: unique(props.address.routes),
      regions: unique(props.address.regions),
      parties: unique(props.address.parties),
      addressedParties,
      acknowledgements: [],
      raisedAt: now,
      version: 1,
    });
    alert.record({ action: 'RAISED', at: now, actor: by, party: senderParty }, false);
    return alert;
  }

  isAddressedTo(party: string | null): boolean {
    return party !== null && this.addressedParties.includes(party);
  }

  acknowledgementOf(party: string): AlertAcknowledgement | undefined {
    return this.acknowledgements.find((ack) => ack.party === party);
  }

  /** Once per party: a second acknowledgement changes nothing. */
  acknowledge(by: Actor, now: Date): void {
    if (by.role !== 'focal_point' || !this.isAddressedTo(by.party))
      throw new ForbiddenError(
        AlertErrors.NOT_ADDRESSED,
        'Only a focal point of an addressed party acknowledges an alert',
      );
    const party = by.party!;
    if (this.acknowledgementOf(party)) return;
    this.acknowledgements = [
      ...this.acknowledgements,
      { party, by: by.userId, at: now.toISOString() },
    ];
    this.record({ action: 'ACKNOWLEDGED', at: now, actor: by, party });
  }
}
