/**
 * Refusals of the record itself: sending it again can never succeed, whatever the broker's state.
 * Not authorisation or broker errors: a missing ACL during a deployment must hold the events
 * back, not park them.
 */
const REFUSED_RECORD = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD']);

/** The broker refused the records themselves: somewhere in the error's causes is such a refusal. */
export function isRefusedRecord(error: unknown): boolean {
  for (
    let cause = error as { name?: unknown; type?: unknown; cause?: unknown } | undefined;
    cause;
    cause = cause.cause as typeof cause
  )
    if (cause.name === 'KafkaJSProtocolError' && REFUSED_RECORD.has(String(cause.type)))
      return true;
  return false;
}
