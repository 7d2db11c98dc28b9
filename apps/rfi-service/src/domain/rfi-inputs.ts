import { Channel, HandlingCode, Priority, SecretariatAccess } from '@bp/domain-kernel';
import { ResponseTimes } from './due-time';

export interface RfiDraftInput {
  title: string;
  question: string;
  topics: string[];
  priority: Priority;
  channel: Channel;
  targetParties: string[];
  handlingCode: HandlingCode;
  handlingNote: string | null;
  secretariatAccess: SecretariatAccess;
  language: string;
}

export interface Recipient {
  party: string;
  officerId: string | null;
  /** For an officer: the posting they are reached on. */
  postingId?: string | null;
}

export interface OfficerOnPost {
  officerId: string;
  postingId: string;
}

/** New ids and the clock come from outside, so the rules stay deterministic under test. */
export interface RfiEnvironment {
  now: Date;
  newId: () => string;
  responseTimes: ResponseTimes;
}
