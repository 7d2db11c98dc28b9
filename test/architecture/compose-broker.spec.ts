import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Issue 13: "docker-compose's broker writes to the container's /tmp (no KAFKA_LOG_DIRS), so
 * recreating the container loses the deployment events kept forever". The broker's log dir, as
 * infra/kafka/compose-start.sh writes it into server.properties, must be a named volume's mount.
 */
describe("docker-compose's broker keeps its log on a volume", () => {
  it('writes the log dir compose-start.sh configures to a named volume, so a recreated container keeps the events', () => {
    const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, { volumes?: string[] }>;
      volumes: Record<string, unknown>;
    };
    const start = fs.readFileSync(path.join(ROOT, 'infra/kafka/compose-start.sh'), 'utf8');
    const dataDir = /value\["KAFKA_DATA_DIR"\] = "([^"]+)"/.exec(start)?.[1];
    expect(dataDir).toBeDefined();
    const template = fs.readFileSync(
      path.join(ROOT, 'infra/kafka/server.properties.template'),
      'utf8',
    );
    expect(template).toMatch(/^log\.dirs=\$\{KAFKA_DATA_DIR\}$/m);
    const mounts = (compose.services.kafka?.volumes ?? []).map((volume) => volume.split(':'));
    const onVolume = mounts.find(([, target]) => target === dataDir);
    expect(onVolume).toBeDefined();
    expect(Object.keys(compose.volumes)).toContain(onVolume![0]);
  });
});
