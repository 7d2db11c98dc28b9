import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { parseAllDocuments } from 'yaml';
import { SERVICES } from '@bp/contracts';
import { LivenessController } from '@bp/observability';
import { ServiceEnvironment } from '@bp/messaging';
import { GatewayEnvironment } from '../../apps/gateway/src/config/gateway-environment';
import { HealthController } from '../../apps/gateway/src/interface/health/health.controller';
import { RfiServiceEnvironment } from '../../apps/rfi-service/src/config/rfi-service-environment';
import { DeploymentServiceEnvironment } from '../../apps/deployment-service/src/config/deployment-service-environment';
import { NotificationServiceEnvironment } from '../../apps/notification-service/src/config/notification-service-environment';
import { ReportingServiceEnvironment } from '../../apps/reporting-service/src/config/reporting-service-environment';

/**
 * Issue 16: the Kubernetes manifests of infra/k8s (docs/KUBERNETES.md), checked offline: against
 * the API's schemas, as a Kustomize tree whose files and patch targets exist, and against the
 * code, so that they cannot drift from it: the environment each app reads and needs, its ports and
 * health routes, the Secrets infra/scripts/k8s-secrets.mjs makes, the setup Job's steps.
 */
const ROOT = path.resolve(__dirname, '../..');
const K8S = path.join(ROOT, 'infra/k8s');

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are untyped YAML */
type Doc = Record<string, any>;
interface Loaded {
  file: string;
  doc: Doc;
}

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

function load(file: string): Doc[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((document) => {
      if (document.errors.length) throw new Error(`${file}: ${document.errors[0]!.message}`);
      return document.toJS({ maxAliasCount: -1 }) as Doc | null;
    })
    .filter((doc): doc is Doc => doc !== null);
}

const isKustomization = (file: string) => path.basename(file) === 'kustomization.yaml';
const kustomizationDirs = yamlFiles(K8S)
  .filter(isKustomization)
  .map((file) => path.dirname(file));

/** The objects a kustomization directory builds on (its resources, recursively), not its patches. */
function resourcesOf(dir: string): Loaded[] {
  const kustomization = load(path.join(dir, 'kustomization.yaml'))[0]!;
  return (kustomization.resources ?? []).flatMap((entry: string) => {
    const target = path.resolve(dir, entry);
    // A missing file is reported by "names only files and folders that exist".
    if (!fs.existsSync(target)) return [];
    if (fs.existsSync(path.join(target, 'kustomization.yaml'))) return resourcesOf(target);
    return load(target).map((doc) => ({ file: target, doc }));
  });
}

/** Names the generators of a kustomization tree add (ConfigMaps and Secrets). */
function generatedOf(dir: string): { kind: string; name: string }[] {
  const kustomization = load(path.join(dir, 'kustomization.yaml'))[0]!;
  const own = [
    ...(kustomization.configMapGenerator ?? []).map((g: Doc) => ({
      kind: 'ConfigMap',
      name: g.name as string,
    })),
    ...(kustomization.secretGenerator ?? []).map((g: Doc) => ({
      kind: 'Secret',
      name: g.name as string,
    })),
  ];
  const nested = (kustomization.resources ?? [])
    .map((entry: string) => path.resolve(dir, entry))
    .filter((target: string) => fs.existsSync(path.join(target, 'kustomization.yaml')))
    .flatMap(generatedOf);
  return [...own, ...nested];
}

const BASE = path.join(K8S, 'base');
const base = resourcesOf(BASE).map(({ doc }) => doc);
const byKind = (kind: string) => base.filter((doc) => doc.kind === kind);
const configMaps = new Map<string, Doc>(
  byKind('ConfigMap').map((doc) => [doc.metadata.name as string, doc]),
);
const generatedConfigMaps = new Set(
  generatedOf(BASE)
    .filter((g) => g.kind === 'ConfigMap')
    .map((g) => g.name),
);
const workloads = base.filter((doc) => ['Deployment', 'StatefulSet'].includes(doc.kind));

/** settings.mjs, as npm start runs it: every app, its port, and the environment appEnv gives it. */
interface StackApp {
  name: string;
  port: number;
  metricsPort?: number;
  database?: string;
  env: string[];
}
function stackApps(): StackApp[] {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-k8s-spec-'));
  try {
    const script = `
      import { appEnv, loadSettings } from './infra/scripts/lib/settings.mjs';
      const settings = loadSettings('dev');
      const apps = settings.apps.map((app) => ({
        name: app.name, port: app.port, metricsPort: app.metricsPort, database: app.database,
        env: Object.entries(appEnv(settings, app)).filter(([key, value]) => value !== undefined && process.env[key] !== value).map(([key]) => key),
      }));
      process.stdout.write(JSON.stringify(apps));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', BP_CREDENTIALS_DIR: scratch },
      encoding: 'utf8',
    });
    return JSON.parse(out) as StackApp[];
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
const STACK = stackApps();

/** Every Secret the manifests may name, with its keys (infra/scripts/k8s-secrets.mjs catalog). */
const SECRETS = new Map<string, string[]>(
  (
    JSON.parse(
      execFileSync(process.execPath, ['infra/scripts/k8s-secrets.mjs', 'catalog'], {
        cwd: ROOT,
        encoding: 'utf8',
      }),
    ) as { name: string; keys: string[] }[]
  ).map(({ name, keys }) => [name, keys]),
);

const ENVIRONMENT_CLASSES: Record<string, new () => object> = {
  gateway: GatewayEnvironment,
  'rfi-service': RfiServiceEnvironment,
  'deployment-service': DeploymentServiceEnvironment,
  'knowledge-exchange-service': ServiceEnvironment,
  'notification-service': NotificationServiceEnvironment,
  'reporting-service': ReportingServiceEnvironment,
};

/** The variables an app's environment class reads (each has a class-validator decorator). */
function variablesOf(app: string): Set<string> {
  const type = ENVIRONMENT_CLASSES[app];
  if (!type) throw new Error(`No environment class known for ${app}`);
  return new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(type, '', true, false)
      .map((metadata) => metadata.propertyName),
  );
}

/** The GET routes a Nest controller serves, e.g. /health and /health/ready. */
function routesOf(controller: new (...args: never[]) => object): string[] {
  const base = String(Reflect.getMetadata('path', controller) ?? '');
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype)
    .map((name) => prototype[name])
    .filter((handler) => typeof handler === 'function' && Reflect.hasMetadata('path', handler))
    .map((handler) => {
      const own = String(Reflect.getMetadata('path', handler as object));
      return `/${[base, own].filter((part) => part && part !== '/').join('/')}`;
    })
    .filter((route) => !route.includes(':'));
}
const GATEWAY_ROUTES = routesOf(HealthController);
const SERVICE_ROUTES = routesOf(LivenessController);

const podOf = (workload: Doc): Doc => workload.spec.template.spec;
const allContainers = (pod: Doc): Doc[] => [
  ...(pod.initContainers ?? []),
  ...(pod.containers ?? []),
];
const workloadOf = (app: string) =>
  workloads.find((workload) => workload.metadata.name === app) as Doc;
const mainContainer = (app: string) =>
  (podOf(workloadOf(app)).containers as Doc[]).find((container) => container.name === app)!;

/** The variables a container is given: its env, and every key of the ConfigMaps it takes whole. */
function variablesGiven(container: Doc): Map<string, Doc> {
  const given = new Map<string, Doc>();
  for (const from of container.envFrom ?? []) {
    const map = configMaps.get(from.configMapRef?.name);
    for (const [key, value] of Object.entries(map?.data ?? {})) given.set(key, { value });
  }
  for (const variable of container.env ?? []) given.set(variable.name, variable);
  return given;
}

const valueOf = (container: Doc, name: string): string | undefined =>
  variablesGiven(container).get(name)?.value as string | undefined;

describe('Kubernetes manifests (infra/k8s)', () => {
  it('are there: a base and a local overlay', () => {
    expect(kustomizationDirs.map((dir) => path.relative(K8S, dir)).sort()).toEqual([
      'base',
      'overlays/local',
    ]);
  });

  it('are valid against the Kubernetes API schemas (kubernetes-models), every object of every file', () => {
    const objects = yamlFiles(K8S)
      .filter((file) => !isKustomization(file))
      .flatMap(load)
      // An overlay's patches are partial objects: checked against their targets below.
      .filter((doc) => !doc.$patch);
    const patchFiles = new Set(
      kustomizationDirs.flatMap((dir) =>
        (load(path.join(dir, 'kustomization.yaml'))[0]!.patches ?? [])
          .filter((patch: Doc) => patch.path)
          .map((patch: Doc) => path.resolve(dir, patch.path as string)),
      ),
    );
    const full = yamlFiles(K8S)
      .filter((file) => !isKustomization(file) && !patchFiles.has(file))
      .flatMap(load);
    expect(objects.length).toBeGreaterThan(full.length - 1);
    const problems = JSON.parse(
      execFileSync(process.execPath, [path.join(ROOT, 'test/support/kubernetes-schemas.mjs')], {
        cwd: ROOT,
        input: JSON.stringify(full),
        encoding: 'utf8',
      }),
    ) as string[];
    expect(problems).toEqual([]);
    expect(full.length).toBeGreaterThan(20);
  });

  describe.each(kustomizationDirs.map((dir) => [path.relative(K8S, dir), dir]))(
    'kustomization %s',
    (_name, dir) => {
      const kustomization = load(path.join(dir, 'kustomization.yaml'))[0]!;

      it('names only files and folders that exist', () => {
        const named = [
          ...(kustomization.resources ?? []),
          ...(kustomization.patches ?? [])
            .filter((patch: Doc) => patch.path)
            .map((patch: Doc) => patch.path),
          ...(kustomization.configMapGenerator ?? []).flatMap(
            (generator: Doc) => generator.files ?? [],
          ),
        ] as string[];
        expect(named.filter((entry) => !fs.existsSync(path.resolve(dir, entry)))).toEqual([]);
      });

      it('patches only objects its resources have', () => {
        const targets = resourcesOf(dir).map(({ doc }) => doc);
        const missing = (kustomization.patches ?? []).flatMap((patch: Doc) => {
          const docs: Doc[] = patch.path
            ? load(path.resolve(dir, patch.path as string))
            : load2(patch.patch as string);
          if (patch.target) {
            const name = new RegExp(`^(?:${patch.target.name as string})$`);
            const hits = targets.filter(
              (doc) => doc.kind === patch.target.kind && name.test(doc.metadata.name as string),
            );
            return hits.length ? [] : [`${patch.target.kind}/${patch.target.name}`];
          }
          return docs.flatMap((doc) => {
            const target = targets.find(
              (candidate) =>
                candidate.kind === doc.kind && candidate.metadata.name === doc.metadata.name,
            );
            if (!target) return [`${doc.kind}/${doc.metadata.name}`];
            // A container patched by name must be one the target has.
            const names = (doc.spec?.template?.spec?.containers ?? []).map((c: Doc) => c.name);
            const have = (target.spec?.template?.spec?.containers ?? []).map((c: Doc) => c.name);
            return names
              .filter((name: string) => !have.includes(name))
              .map((name: string) => `${doc.kind}/${doc.metadata.name} container ${name}`);
          });
        });
        expect(missing).toEqual([]);
      });

      it('patches a ConfigMap only with keys it has (a typo would add a setting nobody reads)', () => {
        const patched = (kustomization.patches ?? [])
          .filter((patch: Doc) => patch.path)
          .flatMap((patch: Doc) => load(path.resolve(dir, patch.path as string)))
          .filter((doc: Doc) => doc.kind === 'ConfigMap');
        const extra = patched.flatMap((doc: Doc) =>
          Object.keys(doc.data ?? {})
            .filter((key) => !(key in (configMaps.get(doc.metadata.name)?.data ?? {})))
            .map((key) => `${doc.metadata.name}: ${key}`),
        );
        expect(extra).toEqual([]);
      });
    },
  );

  it('has a workload, a Service and a PodDisruptionBudget for every app of settings.mjs, with several replicas', () => {
    for (const app of STACK) {
      const workload = workloadOf(app.name);
      expect({ app: app.name, workload: Boolean(workload) }).toEqual({
        app: app.name,
        workload: true,
      });
      expect(workload.spec.replicas).toBeGreaterThanOrEqual(2);
      const service = byKind('Service').find((doc) => doc.metadata.name === app.name);
      expect(service?.spec.selector).toEqual(workload.spec.selector.matchLabels);
      const budget = byKind('PodDisruptionBudget').find((doc) => doc.metadata.name === app.name);
      expect(budget?.spec).toEqual({
        minAvailable: 1,
        selector: { matchLabels: workload.spec.selector.matchLabels },
      });
    }
    expect(workloads.map((workload) => workload.metadata.name).sort()).toEqual(
      STACK.map((app) => app.name).sort(),
    );
  });

  it('gives each app a stable instance id where it needs one: the gateway is a StatefulSet named by its pods', () => {
    const gateway = workloadOf('gateway');
    expect(gateway.kind).toBe('StatefulSet');
    for (const container of allContainers(podOf(gateway)))
      expect(variablesGiven(container).get('GATEWAY_INSTANCE_ID')?.valueFrom).toEqual({
        fieldRef: { fieldPath: 'metadata.name' },
      });
  });

  it.each(Object.keys(ENVIRONMENT_CLASSES))(
    '%s is given only variables it reads, and every one npm start (settings.mjs) gives it',
    (app) => {
      const reads = variablesOf(app);
      const stack = STACK.find((candidate) => candidate.name === app)!;
      // What npm start sets and the app reads; in a cluster it listens on every interface.
      const needed = [
        ...stack.env.filter((name) => reads.has(name)),
        ...(app === 'gateway' ? ['HOST', 'METRICS_HOST', 'GATEWAY_INSTANCE_ID'] : ['HTTP_HOST']),
      ];
      for (const container of allContainers(podOf(workloadOf(app)))) {
        const given = [...variablesGiven(container).keys()];
        expect({
          container: container.name,
          unread: given.filter((name) => !reads.has(name)),
        }).toEqual({ container: container.name, unread: [] });
        expect({
          container: container.name,
          missing: needed.filter((name) => !given.includes(name)),
        }).toEqual({ container: container.name, missing: [] });
      }
      const main = mainContainer(app);
      if (app !== 'gateway') expect(valueOf(main, 'HTTP_HOST')).toBe('0.0.0.0');
      else for (const name of ['HOST', 'METRICS_HOST']) expect(valueOf(main, name)).toBe('0.0.0.0');
      expect(valueOf(main, 'KAFKA_SASL_USERNAME')).toBe(app);
      expect(valueOf(main, 'DATABASE_NAME')).toBe(stack.database);
    },
  );

  it.each(Object.keys(ENVIRONMENT_CLASSES))(
    '%s listens on its own ports, probed on its real health routes',
    (app) => {
      const stack = STACK.find((candidate) => candidate.name === app)!;
      const main = mainContainer(app);
      const ports = new Map<string, number>(
        (main.ports as Doc[]).map((port) => [port.name as string, port.containerPort as number]),
      );
      if (app === 'gateway') {
        expect(ports.get('http')).toBe(Number(valueOf(main, 'PORT')));
        expect(ports.get('metrics')).toBe(Number(valueOf(main, 'METRICS_PORT')));
        expect(Number(valueOf(main, 'PORT'))).toBe(stack.port);
        expect(Number(valueOf(main, 'METRICS_PORT'))).toBe(stack.metricsPort);
      } else {
        const descriptor = Object.values(SERVICES).find((service) => service.name === app)!;
        expect(ports.get('http')).toBe(descriptor.httpPort);
        expect(Number(valueOf(main, 'HTTP_PORT'))).toBe(descriptor.httpPort);
      }
      const routes = app === 'gateway' ? GATEWAY_ROUTES : SERVICE_ROUTES;
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        const get = main[probe]?.httpGet as Doc | undefined;
        expect({ probe, path: get?.path, known: routes.includes(get?.path) }).toEqual({
          probe,
          path: get?.path,
          known: true,
        });
        expect(ports.has(get!.port as string)).toBe(true);
        expect(ports.get(get!.port as string)).toBe(ports.get('http'));
      }
      expect(main.livenessProbe.httpGet.path).toBe('/health');
      if (app === 'gateway') expect(main.readinessProbe.httpGet.path).toBe('/health/ready');
      const service = byKind('Service').find((doc) => doc.metadata.name === app)!;
      for (const port of service.spec.ports as Doc[])
        expect(ports.get(port.targetPort as string)).toBe(port.port);
    },
  );

  it.each(Object.keys(ENVIRONMENT_CLASSES))(
    "%s waits for its schema in an init container that runs its image's migrate --wait",
    (app) => {
      const pod = podOf(workloadOf(app));
      expect(pod.initContainers).toHaveLength(1);
      const [wait] = pod.initContainers as Doc[];
      expect(wait!.command).toEqual(['node', `dist/apps/${app}/src/migrate.js`, '--wait']);
      expect(wait!.image).toBe(mainContainer(app).image);
      expect(fs.existsSync(path.join(ROOT, `apps/${app}/src/migrate.ts`))).toBe(true);
      expect(fs.readFileSync(path.join(ROOT, `apps/${app}/src/migrate.ts`), 'utf8')).toMatch(
        /runMigrateEntry\(/,
      );
    },
  );

  it('mounts its own passwords where its *_FILE settings point, from Secrets that exist, with keys that exist', () => {
    for (const app of STACK) {
      const pod = podOf(workloadOf(app.name));
      const main = mainContainer(app.name);
      const mountOf = (file: string) => {
        const mount = (main.volumeMounts as Doc[]).find((m) =>
          file.startsWith(`${m.mountPath as string}/`),
        );
        if (!mount) return undefined;
        const volume = (pod.volumes as Doc[]).find((v) => v.name === mount.name)!;
        const relative = file.slice((mount.mountPath as string).length + 1);
        const sources = (volume.projected?.sources ?? [{ secret: volume.secret }]) as Doc[];
        return sources
          .map((source) => source.secret)
          .flatMap((secret: Doc) =>
            (secret.items ?? []).filter((item: Doc) => item.path === relative),
          )[0] as Doc | undefined;
      };
      const roles = `${app.database}_app`;
      expect(mountOf(valueOf(main, 'KAFKA_SASL_PASSWORD_FILE')!)?.key).toBe(app.name);
      expect(mountOf(valueOf(main, 'DATABASE_PASSWORD_FILE')!)?.key).toBe(roles);
      const keyDir = valueOf(main, 'JWT_KEY_DIR')!;
      expect((main.volumeMounts as Doc[]).some((m) => m.mountPath === keyDir)).toBe(true);
    }
    // The private keys: the gateway's pods alone.
    const withPrivateKeys = workloads.filter((workload) =>
      JSON.stringify(podOf(workload).volumes).includes('bp-signing-keys-private'),
    );
    expect(withPrivateKeys.map((workload) => workload.metadata.name)).toEqual(['gateway']);
  });

  it('names only Secrets and ConfigMaps that exist, and only keys they have', () => {
    const problems: string[] = [];
    const secret = (name: string, key?: string) => {
      const keys = SECRETS.get(name);
      if (!keys) problems.push(`Secret ${name}`);
      else if (key !== undefined && !keys.includes(key)) problems.push(`Secret ${name} key ${key}`);
    };
    const configMap = (name: string, key?: string) => {
      if (generatedConfigMaps.has(name)) return;
      const map = configMaps.get(name);
      if (!map) problems.push(`ConfigMap ${name}`);
      else if (key !== undefined && !(key in (map.data ?? {})))
        problems.push(`ConfigMap ${name} key ${key}`);
    };
    const pods = [...workloads, ...byKind('Job')].map(podOf);
    for (const pod of pods) {
      for (const container of allContainers(pod)) {
        for (const from of container.envFrom ?? []) configMap(from.configMapRef.name as string);
        for (const variable of container.env ?? []) {
          const ref = variable.valueFrom;
          if (ref?.secretKeyRef) secret(ref.secretKeyRef.name, ref.secretKeyRef.key);
          if (ref?.configMapKeyRef) configMap(ref.configMapKeyRef.name, ref.configMapKeyRef.key);
        }
      }
      for (const volume of pod.volumes ?? []) {
        const sources = volume.projected?.sources ?? [volume];
        for (const source of sources) {
          const name = source.secret?.secretName ?? source.secret?.name;
          if (name) {
            secret(name as string);
            for (const item of source.secret.items ?? []) secret(name as string, item.key);
          }
          if (source.configMap) configMap(source.configMap.name as string);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('runs every setup step in a Job before the apps: principals, topics and ACLs, roles, migrations, accounts', () => {
    const [job] = byKind('Job');
    const pod = podOf(job!);
    const [principals] = pod.initContainers as Doc[];
    expect(principals!.command.join(' ')).toContain('scram-users.sh');
    const [setup] = pod.containers as Doc[];
    const script = (setup!.command as string[]).join(' ');
    const steps = [
      'node infra/scripts/kafka.mjs topics dev',
      'node infra/scripts/database.mjs migrate --profile dev',
      'node infra/scripts/database.mjs "$BP_ACCOUNTS" --profile dev',
    ];
    expect(steps.map((step) => script.indexOf(step))).toEqual(
      [...steps.map((step) => script.indexOf(step))].sort((a, b) => a - b),
    );
    expect(steps.every((step) => script.includes(step))).toBe(true);
    // Its variables are ones the infra scripts read (settings.mjs), or the seed's password.
    const read = new Set(
      [
        ...fs
          .readFileSync(path.join(ROOT, 'infra/scripts/lib/settings.mjs'), 'utf8')
          .matchAll(/env\.([A-Z_]+)/g),
      ].map((match) => match[1]),
    );
    const unread = (setup!.env as Doc[])
      .map((variable) => variable.name as string)
      .filter(
        (name) =>
          !read.has(name) &&
          !variablesOf('gateway').has(name) &&
          !['HOME', 'BP_ACCOUNTS'].includes(name),
      );
    expect(unread).toEqual([]);
    // The setup reads the credentials where settings.mjs and secrets.mjs look for them.
    const mounts = (setup!.volumeMounts as Doc[]).map((mount) => mount.mountPath as string);
    expect(mounts).toContain(`${valueOf(setup!, 'BP_CREDENTIALS_DIR')}/kafka`);
    expect(mounts).toContain(path.dirname(valueOf(setup!, 'DATABASE_ADMIN_PASSWORD_FILE')!));
  });

  it('makes only a first admin in the base (password changed at first use); demo accounts only in the local overlay', () => {
    expect(configMaps.get('bp-site')?.data?.accounts).toBe('first-admin');
    const local = load(path.join(K8S, 'overlays/local/site.yaml')).find(
      (doc) => doc.metadata?.name === 'bp-site',
    );
    expect(local?.data?.accounts).toBe('seed');
  });

  it('runs every container as non-root, read-only, without capabilities, with requests and a memory limit', () => {
    for (const pod of [...workloads, ...byKind('Job')].map(podOf)) {
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      for (const container of allContainers(pod)) {
        expect({
          name: container.name,
          readOnly: container.securityContext?.readOnlyRootFilesystem,
          escalation: container.securityContext?.allowPrivilegeEscalation,
          drop: container.securityContext?.capabilities?.drop,
          requests: Boolean(
            container.resources?.requests?.cpu && container.resources.requests.memory,
          ),
          limit: Boolean(container.resources?.limits?.memory),
        }).toEqual({
          name: container.name,
          readOnly: true,
          escalation: false,
          drop: ['ALL'],
          requests: true,
          limit: true,
        });
      }
    }
  });

  it('scales on CPU only workloads that exist and ask for CPU, the gateway among them', () => {
    const autoscalers = byKind('HorizontalPodAutoscaler');
    for (const autoscaler of autoscalers) {
      const target = workloads.find(
        (workload) =>
          workload.kind === autoscaler.spec.scaleTargetRef.kind &&
          workload.metadata.name === autoscaler.spec.scaleTargetRef.name,
      );
      expect(target).toBeDefined();
      expect(autoscaler.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(mainContainer(target!.metadata.name as string).resources.requests.cpu).toBeDefined();
    }
    expect(autoscalers.map((autoscaler) => autoscaler.spec.scaleTargetRef.name)).toContain(
      'gateway',
    );
  });

  it("lets only the gateway (and Prometheus) reach the services' HTTP ports", () => {
    const policies = byKind('NetworkPolicy');
    expect(policies.some((policy) => Object.keys(policy.spec.podSelector).length === 0)).toBe(true);
    const services = workloads.filter((workload) => workload.metadata.name !== 'gateway');
    for (const workload of services) {
      const labels = workload.spec.template.metadata.labels as Record<string, string>;
      const selecting = policies.filter((policy) =>
        Object.entries(policy.spec.podSelector.matchLabels ?? {}).every(
          ([key, value]) => labels[key] === value,
        ),
      );
      const sources = selecting
        .filter((policy) => Object.keys(policy.spec.podSelector).length)
        .flatMap((policy) => policy.spec.ingress as Doc[])
        .flatMap((rule) => (rule.from ?? [{ anywhere: true }]) as Doc[]);
      expect(sources).toEqual([
        { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } },
        // Prometheus's pods in their namespace, not every pod there (one entry: both must match).
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
        },
      ]);
    }
  });
});

/** An inline patch of a kustomization. */
function load2(text: string): Doc[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as Doc | null)
    .filter((doc): doc is Doc => doc !== null);
}
