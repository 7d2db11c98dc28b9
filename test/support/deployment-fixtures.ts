import { as } from './api';

export interface DeploymentBody {
  id: string;
  officerId: string;
  status: string;
  startDate: string;
  endDate: string;
  version: number;
  extensions: { id: string; status: string; requestedEndDate: string }[];
}

export const isoDay = (offsetDays = 0) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

export async function registerOfficer(
  by = 'fp-pak',
  sendingParty = 'PAK',
  fullName = 'Ayesha Khan',
): Promise<{ id: string }> {
  const created = await as<{ id: string }>(by, 'POST', '/officers', {
    json: {
      fullName,
      sendingParty,
      agency: 'Federal Investigation Agency',
      languages: ['en', 'ur'],
      expertise: ['SMUGGLING_OF_MIGRANTS'],
      email: 'officer@example.org',
    },
  });
  if (created.status !== 201)
    throw new Error(
      `Officer registration failed: ${created.status} ${JSON.stringify(created.body)}`,
    );
  return created.body;
}

/** An officer of `sending` posted in `host` from today, approved, so ACTIVE at once. */
export async function activePosting(
  sending = 'PAK',
  host = 'SRB',
): Promise<{ officerId: string; deployment: DeploymentBody }> {
  const officer = await registerOfficer(`fp-${sending.toLowerCase()}`, sending);
  const proposed = await as<DeploymentBody>(`fp-${sending.toLowerCase()}`, 'POST', '/deployments', {
    json: {
      officerId: officer.id,
      hostParty: host,
      postingCity: 'Capital',
      mandateTopics: ['SMUGGLING_OF_MIGRANTS'],
      startDate: isoDay(0),
      endDate: isoDay(365),
    },
  });
  if (proposed.status !== 201)
    throw new Error(`Proposal failed: ${proposed.status} ${JSON.stringify(proposed.body)}`);
  const approved = await as<DeploymentBody>(
    `fp-${host.toLowerCase()}`,
    'POST',
    `/deployments/${proposed.body.id}/approve`,
  );
  if (approved.body.status !== 'ACTIVE')
    throw new Error(`Approval did not activate: ${JSON.stringify(approved.body)}`);
  return { officerId: officer.id, deployment: approved.body };
}
