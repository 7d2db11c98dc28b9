import { defineCommand } from './command-definition';

export class EmptyPayload {}

export interface ServiceHealth {
  service: string;
  database: 'up' | 'down';
  databaseName: string;
  outboxBacklog: number | null;
}

/** Commands every service answers, whatever its domain. */
export const SystemCommands = {
  health: defineCommand<EmptyPayload, never, ServiceHealth>({
    service: 'every',
    name: 'system.health',
    payload: EmptyPayload,
    mutating: false,
    anonymous: true,
  }),
} as const;
