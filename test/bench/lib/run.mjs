// One autocannon run and the figures the bench reports from it.
import autocannon from 'autocannon';

export function runLoad(target, { duration, connections }) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { ...target, duration, connections, timeout: 10 },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    // Without a listener autocannon prints nothing; errors still land in the result.
    instance.on('error', () => undefined);
  });
}

/**
 * requests/s over the run (all answers), p50/p99 latency, and what went wrong: answers that were
 * not 2xx (429s counted apart), and socket errors and timeouts, which get no answer at all.
 */
export function summarise(result) {
  const codes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]),
  );
  const answered = Object.values(codes).reduce((sum, count) => sum + count, 0);
  return {
    rps: round(result.requests.average),
    okPerSecond: round((answered - result.non2xx) / result.duration),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: answered,
    non2xx: result.non2xx,
    tooMany: codes['429'] ?? 0,
    socketErrors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    statusCodes: codes,
    seconds: result.duration,
  };
}

const round = (value) => Math.round(value * 10) / 10;

/** The bare server's requests/s beside a run: the mean of the bare runs just before and after. */
export function neighbourBare(bareRuns, index) {
  const around = [bareRuns[index], bareRuns[index + 1]].filter(Boolean).map((run) => run.rps);
  return around.length ? around.reduce((a, b) => a + b, 0) / around.length : null;
}
