import { Injectable } from '@nestjs/common';
import { CommandDefinition, NotificationCommands } from '@bp/contracts';
import { NotificationTitles } from '../../application/notification-titles';
import { AnswerFinisher } from '../http/command-routes';
import { correlationIdOf } from '../http/correlation-id.decorator';
import { HttpExchange } from '../http/service-call';

type Notification = { subject: object };

/**
 * The inbox's answers (a page of it, a notification read, a duty page acknowledged), with the titles
 * of the requests they point at (notification-titles.ts).
 */
@Injectable()
export class NotificationAnswers implements AnswerFinisher {
  constructor(private readonly titles: NotificationTitles) {}

  async finish(command: CommandDefinition, answer: unknown, { request }: HttpExchange) {
    if (!request.actor) return answer;
    const asker = { actor: request.actor, correlationId: correlationIdOf(request) };
    if (command === NotificationCommands.list)
      await this.titles.fill((answer as { items: Notification[] }).items, asker);
    if (command === NotificationCommands.read || command === NotificationCommands.acknowledgePage)
      await this.titles.fill([answer as Notification], asker);
    return answer;
  }
}
