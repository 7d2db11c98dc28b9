import { randomUUID } from 'node:crypto';
import {
  Actor,
  CommandMessage,
  CommandReply,
  DIRECT_READ_PATH,
  RfiCommands,
  SystemCommands,
} from '@bp/contracts';
import { as, tokenFor } from './support/api';
import { EVERY_SERVICE, appsForFile } from './support/apps-for-file';
import { gatewaySigner, signedCommand } from './support/command-signing';
import { http } from './support/http';
import { scrape, sample } from './support/metrics';
import { fileRfi, newRfi } from './support/rfi-fixtures';
import { GATEWAY_PORT, SERVICE_PORTS, apps } from './support/test-env';

// Issue 10: a user's reads go from the gateway straight to the service's HTTP port; changes still
// travel through Kafka. Whoever reaches that port without the gateway's assertion learns nothing.

jest.setTimeout(120_000);

const RFI_SERVICE = `http://127.0.0.1:${SERVICE_PORTS['rfi-service']}`;
const signer = gatewaySigner();

const requester: Actor = {
  userId: randomUUID(),
  username: 'fp-pak',
  role: 'focal_point',
  party: 'PAK',
  officerId: null,
};

/** A read as the gateway would send it to the rfi-service, for the HTTP road unless told Kafka. */
const signed = (
  name: string,
  payload: Record<string, unknown>,
  actor: Actor | null,
  road: 'http' | 'kafka' = 'http',
): CommandMessage =>
  signedCommand(
    signer,
    'rfi-service',
    name,
    payload,
    { deadline: new Date(Date.now() + 5_000).toISOString() },
    actor,
    road === 'http' ? 'http' : undefined,
  );

/** The history's lines of one action on an RFI, as its requester sees them. */
async function linesOf(rfiId: string, action: string): Promise<number> {
  const history = await as<{ items: { action: string }[] }>(
    'fp-pak',
    'GET',
    `/rfis/${rfiId}/history`,
  );
  return history.body.items.filter((line) => line.action === action).length;
}

async function readDirect(message: unknown): Promise<{ status: number; reply: CommandReply }> {
  const answer = await http<CommandReply>(`${RFI_SERVICE}/${DIRECT_READ_PATH}`, {
    method: 'POST',
    json: message,
  });
  return { status: answer.status, reply: answer.body };
}

/** How many times the rfi-service timed `command` on `road`. */
async function handled(command: string, road: 'http' | 'kafka'): Promise<number> {
  const metrics = await scrape(SERVICE_PORTS['rfi-service']);
  return (
    sample(metrics, 'bp_command_duration_seconds_count', { command, road, outcome: 'ok' }) ?? 0
  );
}

describe('reads straight to the service, changes through Kafka', () => {
  appsForFile(...EVERY_SERVICE);

  it("sends the gateway's reads over HTTP and its changes through Kafka", async () => {
    const readsBefore = await handled(RfiCommands.get.name, 'http');
    const createsBefore = await handled(RfiCommands.create.name, 'kafka');
    const rfi = await fileRfi('fp-pak');
    const read = await as<{ id: string; question: string }>('fp-pak', 'GET', `/rfis/${rfi.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: rfi.id, question: newRfi().question });
    expect(await handled(RfiCommands.get.name, 'http')).toBe(readsBefore + 1);
    expect(await handled(RfiCommands.create.name, 'kafka')).toBe(createsBefore + 1);
    expect(await handled(RfiCommands.create.name, 'http')).toBe(0);
  });

  it("records a read straight to the service once in the request's history", async () => {
    const rfi = await fileRfi('fp-pak');
    const before = await linesOf(rfi.id, 'BODY_READ');
    const read = await as('fp-srb', 'GET', `/rfis/${rfi.id}`);
    expect(read.status).toBe(200);
    expect(await linesOf(rfi.id, 'BODY_READ')).toBe(before + 1);
  });

  it('answers a signed read on its port once: the same message again is refused and tells nothing', async () => {
    const rfi = await fileRfi('fp-pak');
    const message = signed(RfiCommands.get.name, { rfiId: rfi.id }, requester);
    const first = await readDirect(message);
    expect(first.status).toBe(200);
    expect(first.reply).toMatchObject({ ok: true, body: { id: rfi.id } });

    const replay = await readDirect(message);
    expect(replay.reply).toEqual({
      ok: false,
      problem: expect.objectContaining({ status: 403, code: 'COMMAND.UNVERIFIED' }),
    });
    expect(JSON.stringify(replay.reply)).not.toContain(rfi.id);
    expect(JSON.stringify(replay.reply)).not.toContain(newRfi().question);
  });

  it('refuses a read without the assertion, with one of another request or road, or a moved deadline, and tells nothing', async () => {
    const rfi = await fileRfi('fp-pak');
    const genuine = signed(RfiCommands.get.name, { rfiId: rfi.id }, requester);
    const unsigned = { ...genuine, meta: { ...genuine.meta, assertion: undefined } };
    const otherRequest = signed(RfiCommands.get.name, { rfiId: randomUUID() }, requester);
    const swapped = {
      ...genuine,
      meta: { ...genuine.meta, assertion: otherRequest.meta.assertion },
    };
    // Signed for Kafka: the copy a command topic keeps cannot be replayed over HTTP.
    const forKafka = signed(RfiCommands.get.name, { rfiId: rfi.id }, requester, 'kafka');
    // A deadline moved past the one signed, to outlive the replay guard.
    const extended = {
      ...genuine,
      meta: { ...genuine.meta, deadline: new Date(Date.now() + 3_600_000).toISOString() },
    };
    for (const forged of [unsigned, swapped, forKafka, extended]) {
      const { reply } = await readDirect(forged);
      expect(reply).toMatchObject({ ok: false, problem: { status: 403 } });
      expect(JSON.stringify(reply)).not.toContain(newRfi().question);
    }
  });

  it('refuses a change and a system probe on its port: those travel through Kafka, and nothing is applied', async () => {
    const title = `Sent by the wrong road ${randomUUID()}`;
    const create = signed(RfiCommands.create.name, { ...newRfi({ title }) }, requester);
    const refused = await readDirect(create);
    expect(refused.reply).toMatchObject({
      ok: false,
      problem: { status: 400, code: 'COMMAND.WRONG_ROAD' },
    });
    const probe = await readDirect(signed(SystemCommands.health.name, {}, null));
    expect(probe.reply).toMatchObject({
      ok: false,
      problem: { status: 400, code: 'COMMAND.WRONG_ROAD' },
    });
    const mine = await as<{ items: { title: string }[] }>(
      'fp-pak',
      'GET',
      `/rfis?q=${encodeURIComponent('wrong road')}`,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((item) => item.title)).not.toContain(title);
  });

  describe('a gateway that cannot reach the service over HTTP', () => {
    // gateway@2 (port + 10) is told of an rfi-service address where nothing listens.
    const second = `http://127.0.0.1:${GATEWAY_PORT + 10}/api/v1`;
    beforeAll(() => apps.startWith({ RFI_SERVICE_URL: 'http://127.0.0.1:9' }, 'gateway@2'));
    afterAll(() => apps.release('gateway@2'));

    it('reads through Kafka instead, with the same answer', async () => {
      const rfi = await fileRfi('fp-pak');
      const direct = await as<{ id: string }>('fp-pak', 'GET', `/rfis/${rfi.id}`);
      const kafkaBefore = await handled(RfiCommands.get.name, 'kafka');
      // The gateways share their signing keys: one token is good at both.
      const fallback = await http<{ id: string }>(`${second}/rfis/${rfi.id}`, {
        headers: { authorization: `Bearer ${await tokenFor('fp-pak')}` },
      });
      expect(fallback.status).toBe(200);
      expect(fallback.body).toEqual(direct.body);
      expect(await handled(RfiCommands.get.name, 'kafka')).toBe(kafkaBefore + 1);
    });
  });
});
