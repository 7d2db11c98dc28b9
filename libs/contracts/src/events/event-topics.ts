import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, Matches } from 'class-validator';
import { TOPIC_CODE } from '../input-patterns';

/**
 * An event's optional list of topic codes, as a consumer takes it: an array of at most 8 distinct
 * codes (what a request or an exchange may hold), or the event is parked as poison.
 */
export function EventTopics(): PropertyDecorator {
  return (target, property) => {
    for (const decorate of [
      IsOptional(),
      IsArray(),
      ArrayMaxSize(8),
      ArrayUnique(),
      Matches(TOPIC_CODE, { each: true }),
    ])
      decorate(target, property);
  };
}
