import { Injectable } from '@nestjs/common';
import {
  AssignmentRef,
  CloseRfiCommand,
  CreateRfiCommand,
  DeclineAssignmentCommand,
  ListRfisCommand,
  OptionalReasonCommand,
  PostMessageCommand,
  ReasonCommand,
  RfiCommands,
  RfiPageCommand,
  RfiRef,
  RouteRfiCommand,
} from '@bp/contracts';
import { CommandContext, HandlesCommand } from '@bp/messaging';
import { RequestsForInformation } from '../application/rfi-use-cases';

/** The rfi-service's commands, each handed to its use case. */
@Injectable()
export class RfiCommandHandlers {
  constructor(private readonly rfis: RequestsForInformation) {}

  @HandlesCommand(RfiCommands.create)
  create(payload: CreateRfiCommand, context: CommandContext) {
    return this.rfis.create(payload, context);
  }

  @HandlesCommand(RfiCommands.get)
  get({ rfiId }: RfiRef, context: CommandContext) {
    return this.rfis.get(rfiId, context);
  }

  @HandlesCommand(RfiCommands.list)
  list(payload: ListRfisCommand, context: CommandContext) {
    return this.rfis.list(payload, context);
  }

  @HandlesCommand(RfiCommands.messages)
  messages(payload: RfiPageCommand, context: CommandContext) {
    return this.rfis.messages(payload, context);
  }

  @HandlesCommand(RfiCommands.history)
  history(payload: RfiPageCommand, context: CommandContext) {
    return this.rfis.history(payload, context);
  }

  @HandlesCommand(RfiCommands.compilation)
  compilation(payload: RfiPageCommand, context: CommandContext) {
    return this.rfis.compilation(payload, context);
  }

  @HandlesCommand(RfiCommands.similar)
  similar({ rfiId }: RfiRef, context: CommandContext) {
    return this.rfis.similar(rfiId, context);
  }

  @HandlesCommand(RfiCommands.submit)
  submit({ rfiId }: RfiRef, context: CommandContext) {
    return this.rfis.submit(rfiId, context);
  }

  @HandlesCommand(RfiCommands.route)
  route(payload: RouteRfiCommand, context: CommandContext) {
    return this.rfis.route(payload, context);
  }

  @HandlesCommand(RfiCommands.reject)
  reject(payload: ReasonCommand, context: CommandContext) {
    return this.rfis.reject(payload, context);
  }

  @HandlesCommand(RfiCommands.withdraw)
  withdraw(payload: OptionalReasonCommand, context: CommandContext) {
    return this.rfis.withdraw(payload, context);
  }

  @HandlesCommand(RfiCommands.close)
  close(payload: CloseRfiCommand, context: CommandContext) {
    return this.rfis.close(payload, context);
  }

  @HandlesCommand(RfiCommands.acknowledge)
  acknowledge(payload: AssignmentRef, context: CommandContext) {
    return this.rfis.acknowledge(payload, context);
  }

  @HandlesCommand(RfiCommands.decline)
  decline(payload: DeclineAssignmentCommand, context: CommandContext) {
    return this.rfis.decline(payload, context);
  }

  @HandlesCommand(RfiCommands.postMessage)
  postMessage(payload: PostMessageCommand, context: CommandContext) {
    return this.rfis.postMessage(payload, context);
  }
}
