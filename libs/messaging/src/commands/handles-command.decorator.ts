import { SetMetadata } from '@nestjs/common';
import { CommandDefinition, CommandInput } from '@bp/contracts';
import { CommandContext } from './command-context';

export const HANDLES_COMMAND_METADATA = 'bp:handles-command';

/**
 * Marks a provider method as the handler of one command of the service's command topic. The
 * method's input type is checked against the definition (payload and path ids).
 */
export function HandlesCommand<C extends CommandDefinition>(definition: C) {
  return <M extends (input: CommandInput<C>, context: CommandContext) => Promise<unknown>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    SetMetadata(HANDLES_COMMAND_METADATA, definition)(target, key, descriptor);
  };
}
