import {
  Accuracy,
  HandlingCode,
  MessageKind,
  Releasability,
  Role,
  SourceReliability,
} from '@bp/domain-kernel';

/** One entry of an RFI's thread. Append-only: a message is never changed once posted. */
export class RfiMessage {
  id!: string;
  rfiId!: string;
  assignmentId!: string | null;
  kind!: MessageKind;
  authorUserId!: string;
  authorRole!: Role;
  authorParty!: string | null;
  body!: string;
  handlingCode!: HandlingCode;
  handlingNote!: string | null;
  sourceReliability!: SourceReliability | null;
  accuracy!: Accuracy | null;
  releasability!: Releasability | null;
  postedAt!: Date;

  static create(props: Omit<RfiMessage, never>): RfiMessage {
    return Object.assign(new RfiMessage(), props);
  }
}
