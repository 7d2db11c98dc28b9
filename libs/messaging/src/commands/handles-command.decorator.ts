import { SetMetadata } from '@nestjs/common';
import { CommandDefinition } from '@bp/contracts';

export const HANDLES_COMMAND_METADATA = 'bp:handles-command';

/** Marks a provider method as the handler of one command of the service's command topic. */
export function HandlesCommand(definition: CommandDefinition): MethodDecorator {
  return SetMetadata(HANDLES_COMMAND_METADATA, definition);
}
