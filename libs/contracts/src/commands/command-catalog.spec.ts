import { ALL_COMMANDS, COMMAND_SETS, commandsOf } from './command-catalog';
import { EmptyPayload } from './system-commands';
import { validateCommandInput } from './command-input';
import { RfiCommands } from '../rfi/rfi-commands';
import { SERVICE_KEYS } from '../kafka/services';

const routed = ALL_COMMANDS.filter((command) => command.http);
const pathParameters = (path: string) => [...path.matchAll(/:([a-z]+)/gi)].map((m) => m[1]);

describe('the command catalog', () => {
  it('names every command once', () => {
    const names = ALL_COMMANDS.map((command) => command.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every route one command', () => {
    const routes = routed.map((c) => `${c.http!.method} ${c.http!.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it.each(routed.map((c) => [c.name, c] as const))(
    '%s: its path parameters are exactly its ids, and its key is one of them',
    (_, command) => {
      expect(pathParameters(command.http!.path).sort()).toEqual(Object.values(command.ids).sort());
      if (Object.keys(command.ids).length) expect(Object.keys(command.ids)).toContain(command.key);
    },
  );

  it.each(routed.filter((c) => c.http!.method === 'GET').map((c) => [c.name, c] as const))(
    '%s: a read answers 200',
    (_, command) => expect(command.status).toBe(200),
  );

  it('keeps each set to its own service, and every service has commands', () => {
    for (const [set, commands] of Object.entries(COMMAND_SETS)) {
      const services = new Set(Object.values(commands).map((command) => command.service));
      expect({ set, services: [...services] }).toEqual({
        set,
        services: [set === 'system' ? 'every' : set],
      });
    }
    for (const service of SERVICE_KEYS)
      expect(commandsOf(service).filter((c) => c.service === service).length).toBeGreaterThan(0);
  });
});

describe('validateCommandInput', () => {
  const rfiId = '3f1c7b58-3c5e-4d8e-9a3f-0e5d0d7f6a21';
  const assignmentId = '7a9d2e4c-1b3f-4c5d-8e6f-9a0b1c2d3e4f';

  it('merges the path ids into the validated payload', () => {
    const result = validateCommandInput(RfiCommands.decline, {
      rfiId,
      assignmentId,
      reason: 'No information held on these persons',
    });
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        rfiId,
        assignmentId,
        reason: 'No information held on these persons',
      }),
    });
  });

  it('refuses a missing or malformed id and names it, with the payload errors', () => {
    const result = validateCommandInput(RfiCommands.decline, { rfiId: 'RFI-1', reason: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.field)).toEqual(
      expect.arrayContaining(['rfiId', 'assignmentId', 'reason']),
    );
  });

  it('refuses fields the payload does not have', () => {
    const result = validateCommandInput(RfiCommands.submit, { rfiId, status: 'CLOSED' });
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ field: 'status' })],
    });
    expect(RfiCommands.submit.payload).toBe(EmptyPayload);
  });
});
