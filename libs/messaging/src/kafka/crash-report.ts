import { Logger } from '@nestjs/common';
import { Consumer } from 'kafkajs';
import { BrokenParts } from '@bp/observability';

/**
 * KafkaJS restarts a crashed consumer only after a retriable error; after any other (an ACL taken
 * away, a protocol error) the consumer is stopped for good while the process looks healthy. Such a
 * crash marks the component broken, so liveness fails and the process is restarted; joining the
 * group again (a restart that did happen) clears it.
 */
export function reportCrashes(consumer: Consumer, component: string): void {
  const logger = new Logger(`Consumer:${component}`);
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    const reason = `${payload.error.name}: ${payload.error.message}`;
    if (payload.restart) {
      logger.warn(`Crashed and restarting: ${reason}`);
      return;
    }
    logger.error(`Crashed and stopped for good; liveness now fails until a restart: ${reason}`);
    BrokenParts.mark(component, reason);
  });
  consumer.on(consumer.events.GROUP_JOIN, () => BrokenParts.recovered(component));
}
