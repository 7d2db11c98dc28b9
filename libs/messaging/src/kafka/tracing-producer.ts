import { Producer, ProducerRecord } from 'kafkajs';
import { TRACEPARENT, injectTraceContext } from '@bp/observability';

/**
 * The same producer, each record sent with `send` carrying the trace context active when it was
 * sent (a record that has its own traceparent keeps it). Outside the producer it wraps: a
 * coalescing producer sends records later, outside their senders' contexts.
 */
export function tracing(producer: Producer): Producer {
  return {
    ...producer,
    send: (record: ProducerRecord) =>
      producer.send({
        ...record,
        messages: record.messages.map((message) =>
          message.headers?.[TRACEPARENT] !== undefined
            ? message
            : {
                ...message,
                headers: injectTraceContext({ ...message.headers } as Record<string, string>),
              },
        ),
      }),
  };
}
