// The steady load: short chains of commands across the three services, each step only after the
// one before was accepted. Every created thing carries its command's Idempotency-Key in its text
// (title, body, e-mail, note, description), so the checks can count the effects of each key in
// the databases.
import { randomUUID } from 'node:crypto';

const TODAY = new Date();
const day = (offset) => new Date(TODAY.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

export const USERS = ['fp-pak', 'fp-srb', 'fp-mkd', 'fp-aut'];

/** The chains: each a list of steps; a step sends one command and returns what the next needs. */
export const CHAINS = {
  rfi: [
    async (c, t, key) => {
      const rfi = await c.send('POST', '/rfis', {
        token: t['fp-pak'],
        command: { service: 'rfi', kind: 'rfi.file', key },
        body: {
          title: `Chaos ${key}`,
          question: 'Do you hold information on the facilitators named in the annex?',
          topics: ['SMUGGLING_OF_MIGRANTS'],
          priority: 'NORMAL',
          channel: 'BILATERAL',
          targetParties: ['SRB'],
          handlingCode: 'H1',
          secretariatAccess: 'FULL',
          language: 'en',
          submit: true,
        },
      });
      return { rfiId: rfi.id };
    },
    async (c, t, key, { rfiId }) => {
      await c.send('POST', `/rfis/${rfiId}/messages`, {
        token: t['fp-srb'],
        command: { service: 'rfi', kind: 'rfi.respond', key, subject: rfiId },
        body: { kind: 'RESPONSE', body: `Chaos answer ${key}`, handlingCode: 'H1' },
      });
    },
  ],
  deployment: [
    async (c, t, key) => {
      const officer = await c.send('POST', '/officers', {
        token: t['fp-pak'],
        command: { service: 'deployment', kind: 'officer.register', key },
        body: {
          fullName: 'Chaos Officer',
          sendingParty: 'PAK',
          agency: 'Federal Investigation Agency',
          languages: ['en'],
          expertise: ['SMUGGLING_OF_MIGRANTS'],
          email: `chaos-${key}@fia.example.org`,
        },
      });
      return { officerId: officer.id };
    },
    async (c, t, key, { officerId }) => {
      const posting = await c.send('POST', '/deployments', {
        token: t['fp-pak'],
        command: { service: 'deployment', kind: 'deployment.propose', key },
        body: {
          officerId,
          hostParty: 'SRB',
          postingCity: 'Belgrade',
          mandateTopics: ['SMUGGLING_OF_MIGRANTS'],
          // In the future: the posting calendar leaves it APPROVED, nothing else moves it.
          startDate: day(30),
          endDate: day(400),
          note: `Chaos ${key}`,
        },
      });
      return { deploymentId: posting.id };
    },
    async (c, t, key, { deploymentId }) => {
      await c.send('POST', `/deployments/${deploymentId}/approve`, {
        token: t['fp-srb'],
        command: { service: 'deployment', kind: 'deployment.approve', key, subject: deploymentId },
      });
    },
  ],
  knowledgeExchange: [
    async (c, t, key) => {
      const need = await c.send('POST', '/knowledge-exchanges', {
        token: t['fp-mkd'],
        command: { service: 'knowledge-exchange', kind: 'exchange.post', key },
        body: {
          kind: 'NEED',
          type: 'STUDY_VISIT',
          topics: ['REINTEGRATION'],
          format: 'IN_PERSON',
          title: `Chaos ${key}`,
          description: 'How are returnees referred to health, psycho-social and job services?',
        },
      });
      return { exchangeId: need.id };
    },
    async (c, t, key, { exchangeId }) => {
      await c.send('POST', `/knowledge-exchanges/${exchangeId}/offers`, {
        token: t['fp-aut'],
        command: {
          service: 'knowledge-exchange',
          kind: 'exchange.offer',
          key,
          subject: exchangeId,
        },
        body: { description: `Chaos offer ${key}` },
      });
    },
  ],
};

/**
 * Runs chains on `concurrency` workers until `enough()` says so. A chain whose step is given up or
 * refused ends there; the worker starts the next.
 */
export async function runLoad(client, tokens, { enough, concurrency, log }) {
  const kinds = Object.keys(CHAINS);
  let chain = 0;
  const worker = async () => {
    while (!enough()) {
      // A system that refuses or drops everything would keep the workers going for ever.
      if (client.refused.length + client.abandoned.length > 100) return;
      const steps = CHAINS[kinds[chain++ % kinds.length]];
      let carried = {};
      for (const stepFn of steps) {
        if (enough()) return;
        try {
          carried = (await stepFn(client, tokens, randomUUID(), carried)) ?? {};
        } catch (error) {
          if (!error.abandoned && !error.refusal) throw error;
          log(`chain ended: ${error.message}`);
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
