import { Inject, Injectable } from '@nestjs/common';
import { SystemCommands, ServiceHealth } from '@bp/contracts';
import { HandlesCommand } from '../commands/handles-command.decorator';
import { CommandContext } from '../commands/command-context';
import { SERVICE_MESSAGING_OPTIONS, ServiceMessagingOptions } from './service-messaging.options';

@Injectable()
export class SystemCommandHandlers {
  constructor(
    @Inject(SERVICE_MESSAGING_OPTIONS) private readonly options: ServiceMessagingOptions,
  ) {}

  /** Answers only after asking its own database, so "up" means the service can do work. */
  @HandlesCommand(SystemCommands.health)
  async health(_payload: object, { em }: CommandContext): Promise<ServiceHealth> {
    const base = { service: this.options.service.name, databaseName: this.options.database.name };
    try {
      const rows = await em.execute<{ backlog: string }[]>(
        'select count(*) as backlog from outbox_message where published_at is null and parked_at is null',
      );
      return { ...base, database: 'up', outboxBacklog: Number(rows[0]?.backlog ?? 0) };
    } catch {
      return { ...base, database: 'down', outboxBacklog: null };
    }
  }
}
