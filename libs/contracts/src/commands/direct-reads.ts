import { CommandDefinition } from './command-definition';

// Reads need no durable log: nothing is applied that a redelivery would have to find again. So
// the gateway sends them straight to the service's HTTP port (issue 10: the broker was half of a
// read's cost), with the same signed assertion of who asks that a command carries in Kafka.

/** A service's path for reads from the gateway: the command message in, its reply out, as JSON. */
export const DIRECT_READ_PATH = 'internal/reads';

/**
 * Which commands take that road: reads on behalf of a user. Changes travel through Kafka, where
 * they are kept before they apply; the anonymous system probes too, since they test that road.
 */
export function readsDirect(definition: CommandDefinition): boolean {
  return !definition.mutating && !definition.anonymous;
}
