import { Actor, ForbiddenError, ValidationFailedError } from '@bp/domain-kernel';
import { OfficerErrors } from './deployment-errors';

/** A liaison officer of a sending party, who may be posted in other parties' countries. */
export class Officer {
  id!: string;
  fullName!: string;
  sendingParty!: string;
  agency!: string;
  rank!: string | null;
  languages!: string[];
  expertise!: string[];
  email!: string;
  phone!: string | null;
  createdAt!: Date;
  createdBy!: string;

  static register(props: {
    id: string;
    by: Actor;
    now: Date;
    fullName: string;
    sendingParty: string;
    agency: string;
    rank?: string | null;
    languages: string[];
    expertise: string[];
    email: string;
    phone?: string | null;
  }): Officer {
    const { by } = props;
    const mayRegister =
      by.role === 'secretariat' || (by.role === 'focal_point' && by.party === props.sendingParty);
    if (!mayRegister)
      throw new ForbiddenError(
        OfficerErrors.NOT_SENDING_SIDE,
        "Only the sending party's focal point or the secretariat registers its officers",
      );
    if (!props.fullName.trim())
      throw new ValidationFailedError(OfficerErrors.NAME_REQUIRED, 'An officer has a name', [
        { field: 'fullName', message: 'must not be empty' },
      ]);
    return Object.assign(new Officer(), {
      id: props.id,
      fullName: props.fullName.trim(),
      sendingParty: props.sendingParty,
      agency: props.agency.trim(),
      rank: props.rank?.trim() || null,
      languages: [...new Set(props.languages)],
      expertise: [...new Set(props.expertise)],
      email: props.email.trim().toLowerCase(),
      phone: props.phone?.trim() || null,
      createdAt: props.now,
      createdBy: by.userId,
    });
  }
}
