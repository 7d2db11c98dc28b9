import { SetMetadata } from '@nestjs/common';
import { EventDefinition } from '@bp/contracts';

export const ON_EVENT_METADATA = 'bp:on-event';

/**
 * Marks a provider method as the handler of an event type. It is called with the validated
 * envelope and the EntityManager of the transaction in which its inbox entry is recorded.
 */
export function OnEvent(...definitions: EventDefinition[]): MethodDecorator {
  return SetMetadata(ON_EVENT_METADATA, definitions);
}
