// The floors a run measures beside bare (paths with `floor`, paths.mjs): each is started before
// round 1 and stopped after the last, in processes of its own.
import { kafkaClient } from '../../../infra/scripts/lib/kafka.mjs';
import { startHttpFloor } from './http-floor.mjs';
import { startKafkaFloor } from './kafka-floor.mjs';

/** Ports by floor (kafka: --floor-port, http: the one above). */
export const floorPorts = (options) => ({ kafka: options.floorPort, http: options.floorPort + 1 });

const STARTERS = {
  kafka: ({ settings, bareDatabase, options }) =>
    startKafkaFloor({
      client: kafkaClient(settings, 'bench-floor'),
      replicationFactor: settings.kafka.replicationFactor,
      databaseUrl: bareDatabase,
      port: floorPorts(options).kafka,
      poolSize: options.barePool,
    }),
  http: ({ options }) =>
    startHttpFloor({ port: floorPorts(options).http, barePort: options.barePort }),
};

/**
 * Starts the floors `kinds` names; resolves with their processes (name → pid) and a stop. A floor
 * that fails to start stops those started before it.
 */
export async function startFloors(kinds, context, log) {
  const started = [];
  const stop = () => Promise.all(started.map((floor) => floor.stop()));
  try {
    for (const kind of kinds) {
      log(`Starting the ${kind} floor on port ${floorPorts(context.options)[kind]}`);
      started.push(await STARTERS[kind](context));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { pids: Object.assign({}, ...started.map((floor) => floor.pids)), stop };
}
