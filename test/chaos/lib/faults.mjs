// The faults, each injected once the load has reached its share of the commands, one after the
// other: every fault waits until what it broke is back (process restarted and ready) before the
// next one is due. Each returns when it began and when its repair was done.
import { step } from '../../../infra/scripts/lib/log.mjs';
import { sleep } from '../../../infra/scripts/lib/processes.mjs';
import { nodePid, startNode } from '../../../infra/scripts/lib/kafka.mjs';
import {
  activeController,
  busiestLeader,
  fullyInSync,
  ledWithout,
  newController,
  timeUntil,
} from './broker-cluster.mjs';
import {
  instancePid,
  instances,
  kafkaPid,
  killHard,
  SERVICE_TIMEOUT_MS,
  startBroker,
  startInstance,
  startPostgres,
  stopPostgres,
  waitForInstance,
} from './cluster.mjs';

const SERVICES = [
  'rfi-service',
  'deployment-service',
  'knowledge-exchange-service',
  'notification-service',
  'reporting-service',
];

function killInstance(name) {
  return {
    name: `SIGKILL ${name}, restart`,
    async inject(settings) {
      const instance = instances(settings).find((candidate) => candidate.name === name);
      await killHard(instancePid(settings, instance));
      // Down for a moment, as a crashed process under a supervisor would be.
      await sleep(2_000);
      await startInstance(settings, instance);
      await waitForInstance(settings, instance);
    },
  };
}

const FAULTS = {
  ...Object.fromEntries(SERVICES.map((s) => [`kill-${s}`, killInstance(`${s}-1`)])),
  'kill-gateway': killInstance('gateway-2'),
  'kill-broker': {
    name: 'kill -9 the broker, restart',
    async inject(settings) {
      await killHard(kafkaPid(settings));
      await sleep(1_000);
      await startBroker(settings);
    },
  },
  'restart-postgres': {
    name: 'PostgreSQL immediate shutdown (SIGQUIT), restart',
    async inject(settings) {
      await stopPostgres(settings, 'SIGQUIT');
      await sleep(1_000);
      await startPostgres(settings);
    },
  },
  'pause-broker': {
    name: `SIGSTOP the broker ${(SERVICE_TIMEOUT_MS * 2.5) / 1000} s (> SERVICE_TIMEOUT_MS), SIGCONT`,
    async inject(settings) {
      const pid = kafkaPid(settings);
      process.kill(pid, 'SIGSTOP');
      try {
        await sleep(SERVICE_TIMEOUT_MS * 2.5);
      } finally {
        process.kill(pid, 'SIGCONT');
      }
    },
  },
};

/**
 * A node of the cluster killed (-9): how long until every partition it led has another leader,
 * then, once it is started again, until every replica is in sync. `elected` first waits for what
 * losing that node elects (a new quorum leader, for the active controller).
 */
async function killNode(settings, node, elected = async () => ({})) {
  if (settings.kafka.nodes < 3) throw new Error('a cluster fault needs --cluster');
  await killHard(nodePid(node));
  const measures = { node: node.id, ...(await elected()) };
  measures.leadersMovedMs = await timeUntil('partitions led elsewhere', () =>
    ledWithout(settings, node.id),
  );
  // Down a while under load, as a crashed broker waiting for its supervisor would be.
  await sleep(5_000);
  const restarted = Date.now();
  await startNode(settings, node);
  measures.rejoinedMs = Date.now() - restarted;
  measures.inSyncAfterRestartMs =
    measures.rejoinedMs + (await timeUntil('every replica in sync', () => fullyInSync(settings)));
  return measures;
}

const CLUSTER_FAULTS = {
  'kill-leader': {
    name: 'kill -9 the node leading the most partitions, restart',
    async inject(settings) {
      const { node, led, of } = await busiestLeader(settings);
      if (!node) throw new Error('no partition leader found');
      return { led: `${led} of ${of}`, ...(await killNode(settings, node)) };
    },
  },
  'kill-controller': {
    name: 'kill -9 the active controller (quorum leader), restart',
    async inject(settings) {
      const leader = activeController(settings);
      if (!leader) throw new Error("no quorum leader found in the nodes' logs");
      return killNode(settings, leader.node, async () => ({
        electedMs: await timeUntil('a new quorum leader', () =>
          newController(settings, leader.node.id, leader.epoch),
        ),
      }));
    },
  },
};
Object.assign(FAULTS, CLUSTER_FAULTS);

/** `--cluster`: the broker leading the most partitions, then the active controller (issue 18). */
export const CLUSTER_PLAN = ['kill-leader', 'kill-controller'];

export const FULL_PLAN = [
  'kill-rfi-service',
  'kill-broker',
  'kill-deployment-service',
  'restart-postgres',
  'kill-knowledge-exchange-service',
  'pause-broker',
  'kill-notification-service',
  'kill-reporting-service',
  'kill-gateway',
];
export const SHORT_PLAN = ['kill-rfi-service', 'kill-broker'];
export const FAULT_NAMES = Object.keys(FAULTS);

/**
 * Injects the plan's faults at even shares of `target` accepted commands (the first at 1/(n+1)),
 * one at a time. Returns what was done and when, for the report.
 */
export async function runFaults(settings, client, plan, { target, isDone }) {
  const done = [];
  for (const [index, id] of plan.entries()) {
    const due = Math.round((target * (index + 1)) / (plan.length + 1));
    while (client.accepted.length < due && !isDone()) await sleep(100);
    if (isDone()) break;
    const fault = FAULTS[id];
    const at = Date.now();
    step(`FAULT ${fault.name} (after ${client.accepted.length} accepted commands)`);
    let error;
    let measures;
    try {
      measures = (await fault.inject(settings)) ?? undefined;
      if (measures) step(`FAULT ${id} measured: ${JSON.stringify(measures)}`);
    } catch (caught) {
      error = caught.message;
      step(`FAULT ${id} could not be carried out: ${error}`);
    }
    done.push({ id, name: fault.name, at, repairedAt: Date.now(), error, measures });
  }
  return done;
}
