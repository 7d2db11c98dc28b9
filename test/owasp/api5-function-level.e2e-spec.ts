import { randomUUID } from 'node:crypto';
import {
  Actor,
  CommandDefinition,
  DeploymentCommands,
  ROLES,
  Role,
  readsDirect,
} from '@bp/contracts';
import { ServiceClient } from '@bp/messaging';
import { GATEWAY_PORT, apps } from '../support/test-env';
import { tokenFor } from '../support/api';
import { http } from '../support/http';
import { activePosting } from '../support/deployment-fixtures';
import { officerAccount, postingSeen } from '../support/officer-fixtures';
import { fileRfi } from '../support/rfi-fixtures';
import { ROUTE_ACCESS, RouteAccess, documentedRoutes, fillPath } from '../support/route-access';
import { SERVICE_COMMANDS, officerBody } from '../support/service-command-probes';
import { ForgingSigner, directClient, fixedKeys, strangerKeys } from '../support/command-signing';
import { EVERY_SERVICE, appsForFile } from '../support/apps-for-file';

jest.setTimeout(300_000);

const GATEWAY = `http://127.0.0.1:${GATEWAY_PORT}`;

interface Problem {
  type: string;
  status: number;
}

describe('API5: broken function level authorization', () => {
  const user: Record<Role, string> = {
    admin: 'admin',
    secretariat: 'secretariat',
    focal_point: 'fp-pak',
    chair: 'chair',
    liaison_officer: '',
  };
  /** A real request the rfi-service can refuse a role on: bilateral PAK → SRB, PAK's officer on post in SRB. */
  const rfiIds: Record<string, string> = {};
  let routes: ReturnType<typeof documentedRoutes>;

  appsForFile(...EVERY_SERVICE);
  beforeAll(async () => {
    const { officerId, deployment } = await activePosting('PAK', 'SRB');
    await postingSeen(deployment.id, 'ACTIVE');
    user.liaison_officer = await officerAccount(officerId);
    const probe = await fileRfi('fp-pak', { title: 'Function level probe' });
    rfiIds.id = probe.id;
    rfiIds.aid = probe.assignments.find(
      (a) => a.recipientParty === 'SRB' && !(a as { officerId?: string }).officerId,
    )!.id;
    routes = documentedRoutes((await http<never>(`${GATEWAY}/api/docs-json`)).body);
  });

  async function call(
    role: Role,
    method: string,
    path: string,
    json?: unknown,
    headers: Record<string, string> = {},
  ) {
    return http<Problem & { items?: unknown[] }>(`${GATEWAY}${path}`, {
      method,
      json,
      headers: { authorization: `Bearer ${await tokenFor(user[role])}`, ...headers },
    });
  }

  it('has a row in the role matrix for every route of the OpenAPI document, and no other', () => {
    const documented = routes.map((r) => r.key).sort();
    expect(documented.length).toBeGreaterThan(40);
    expect(documented.filter((key) => !(key in ROUTE_ACCESS))).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((key) => !documented.includes(key))).toEqual([]);
  });

  it('keeps every route documented as open, open, and every other one behind a token', async () => {
    for (const route of routes) {
      const opened = ROUTE_ACCESS[route.key]?.public === true;
      const url = `${GATEWAY}${fillPath(route.path)}`;
      const anonymous = await http(url, {
        method: route.method,
        json: route.hasBody ? {} : undefined,
      });
      expect([route.key, anonymous.status === 401]).toEqual([route.key, !opened]);
    }
  });

  /** Every role against every route: the roles of `may` pass the role checks, the others get 403. */
  it.each(ROLES.map((role) => [role]))(
    'answers %s as the matrix says on every route',
    async (role) => {
      const verdicts: string[] = [];
      for (const route of routes) {
        const rule = ROUTE_ACCESS[route.key]!;
        verdicts.push(`${route.key}: ${await verdictOf(rule, route, role)}`);
      }
      expect(verdicts.filter((line) => !line.endsWith(': as the matrix says'))).toEqual([]);
    },
  );

  async function verdictOf(
    rule: RouteAccess,
    route: { method: string; path: string; hasBody: boolean },
    role: Role,
  ): Promise<string> {
    const query = rule.query ? `?${rule.query}` : '';
    const creates = route.method === 'POST' && !route.path.includes('{');
    if (rule.may.includes(role)) {
      // Ids that do not exist (404) and, where a POST creates, an empty body (400): nothing changes.
      const body = route.hasBody ? (creates ? {} : rule.body) : undefined;
      const answer = await call(
        role,
        route.method,
        `${fillPath(route.path)}${query}`,
        body,
        rule.headers,
      );
      return answer.status !== 403 ? 'as the matrix says' : `403 for a role that may call it`;
    }
    const ids = rule.probe === 'rfi' ? rfiIds : {};
    const answer = await call(
      role,
      route.method,
      `${fillPath(route.path, ids)}${query}`,
      route.hasBody ? rule.body : undefined,
      rule.headers,
    );
    const problem = (answer.headers.get('content-type') ?? '').includes('application/problem+json');
    if (rule.nothing?.includes(role)) {
      const empty = route.method === 'GET' && !route.path.includes('{');
      if (empty)
        return answer.status === 200 && answer.body.items?.length === 0
          ? 'as the matrix says'
          : `${answer.status}, not an empty list`;
      return answer.status === 404 && problem ? 'as the matrix says' : `${answer.status}, not 404`;
    }
    return answer.status === 403 && problem && answer.body.status === 403
      ? 'as the matrix says'
      : `${answer.status} where 403 problem+json was due`;
  }
});

/**
 * The gateway's @Roles come first, so through HTTP a service's own role check never shows. Asked
 * directly over Kafka, as the gateway would, each service refuses a role it does not serve by
 * itself (and a command without an actor), before it reads any record.
 */
describe('API5: the services check the role themselves', () => {
  let client: ServiceClient;
  let asGateway: ServiceClient;
  const actorOf = (role: Role): Actor => ({
    userId: randomUUID(),
    username: `api5-${role.replace('_', '-')}`,
    role,
    party: role === 'focal_point' || role === 'liaison_officer' ? 'PAK' : null,
    officerId: role === 'liaison_officer' ? randomUUID() : null,
  });
  beforeAll(async () => {
    await apps.start(
      'deployment-service',
      'knowledge-exchange-service',
      'notification-service',
      'reporting-service',
    );
    client = directClient('owasp-api5');
    // Reads as the gateway sends them, straight to the services' HTTP ports.
    asGateway = directClient('owasp-api5-http', undefined, 'as the gateway');
    await Promise.all([client.connect(), asGateway.connect()]);
  });
  afterAll(async () => {
    await Promise.all([client.close(), asGateway.close()]);
    await apps.release(
      'deployment-service',
      'knowledge-exchange-service',
      'notification-service',
      'reporting-service',
    );
  });

  it.each(
    SERVICE_COMMANDS.map(
      ([service, command, payload, roles]) =>
        [command.name, service, command, payload, roles] as const,
    ),
  )(
    '%s: 403 for every role outside the table, and for no actor at all',
    async (_, service, command, payload, roles) => {
      const answers: [string, number][] = [];
      // A read is checked on both roads: through Kafka, and straight over HTTP.
      const roads = readsDirect(command as CommandDefinition) ? [client, asGateway] : [client];
      for (const road of roads) {
        for (const role of ROLES) {
          const reply = await road.request(service, command as never, payload, {
            actor: actorOf(role),
            correlationId: randomUUID(),
          });
          answers.push([role, reply.ok ? reply.status : reply.problem.status]);
        }
        const anonymous = await road.request(service, command as never, payload, {
          correlationId: randomUUID(),
        });
        answers.push(['no actor', anonymous.ok ? anonymous.status : anonymous.problem.status]);
      }
      for (const [who, status] of answers) {
        const refused = who === 'no actor' || !roles.includes(who as Role);
        expect([who, status === 403]).toEqual([who, refused]);
      }
    },
  );

  it('a command whose caller the gateway did not sign, written straight to the topic, is refused and changes nothing', async () => {
    const fullName = `Forged Officer ${randomUUID().slice(0, 8)}`;
    const secretariat = actorOf('secretariat');
    const forgers = {
      'no assertion': new ForgingSigner(() => ''),
      'another key': new ForgingSigner(
        (sign, actor, binding) => sign(actor, binding),
        fixedKeys(strangerKeys()),
      ),
      'another command': new ForgingSigner((sign, actor, binding) =>
        sign(actor, { ...binding, command: DeploymentCommands.listOfficers.name }),
      ),
      'another service': new ForgingSigner((sign, actor, binding) =>
        sign(actor, { ...binding, service: 'rfi-service' }),
      ),
      expired: new ForgingSigner((sign, actor, binding) =>
        sign(actor, { ...binding, deadline: new Date(Date.now() - 60_000).toISOString() }),
      ),
    };
    const answers: [string, number, string | undefined][] = [];
    for (const [forgery, signer] of Object.entries(forgers)) {
      const forger = directClient(`forger-${forgery.replace(' ', '-')}`, signer);
      await forger.connect();
      try {
        const reply = await forger.request(
          'deployment',
          DeploymentCommands.registerOfficer,
          { ...officerBody(), fullName },
          { actor: secretariat, correlationId: randomUUID() },
        );
        answers.push(
          reply.ok
            ? [forgery, reply.status, undefined]
            : [forgery, reply.problem.status, reply.problem.code],
        );
      } finally {
        await forger.close();
      }
    }
    expect(answers).toEqual(
      Object.keys(forgers).map((forgery) => [forgery, 403, 'COMMAND.UNVERIFIED']),
    );
    const officers = await client.request(
      'deployment',
      DeploymentCommands.listOfficers,
      { limit: 100 },
      { actor: secretariat, correlationId: randomUUID() },
    );
    expect(officers).toMatchObject({ ok: true });
    const names = (officers as { body: { items: { fullName: string }[] } }).body.items.map(
      (officer) => officer.fullName,
    );
    expect(names).not.toContain(fullName);

    const genuine = await client.request(
      'deployment',
      DeploymentCommands.registerOfficer,
      { ...officerBody(), fullName },
      { actor: secretariat, correlationId: randomUUID() },
    );
    expect(genuine).toMatchObject({ ok: true, status: 201, body: { fullName } });
  });
});
