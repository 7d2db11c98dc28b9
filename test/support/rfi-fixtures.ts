import { as } from './api';

export interface RfiBody {
  id: string;
  reference: string;
  status: string;
  question: string | null;
  bodyWithheld: boolean;
  version: number;
  assignments: {
    id: string;
    recipientParty: string;
    status: string;
    dueAt: string;
    overdue: boolean;
    clockPaused: boolean;
  }[];
}

export const newRfi = (overrides: Record<string, unknown> = {}) => ({
  title: 'Facilitators of a smuggling network on the Silk Routes',
  question: 'Do you hold information on the three facilitators named in the annex?',
  topics: ['SMUGGLING_OF_MIGRANTS'],
  priority: 'HIGH',
  channel: 'BILATERAL',
  targetParties: ['SRB'],
  handlingCode: 'H2',
  secretariatAccess: 'FULL',
  language: 'en',
  submit: true,
  ...overrides,
});

/** Files an RFI as `requester` through the API and returns it. */
export async function fileRfi(
  requester = 'fp-pak',
  overrides: Record<string, unknown> = {},
): Promise<RfiBody> {
  const created = await as<RfiBody>(requester, 'POST', '/rfis', { json: newRfi(overrides) });
  if (created.status !== 201)
    throw new Error(`Filing failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}
