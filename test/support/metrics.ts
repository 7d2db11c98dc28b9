import { http } from './http';

/** The Prometheus text an app serves on `port` (the gateway's, or a service's HTTP_PORT). */
export async function scrape(port: number): Promise<string> {
  const metrics = await http<string>(`http://127.0.0.1:${port}/metrics`);
  if (metrics.status !== 200) throw new Error(`metrics on :${port} answered ${metrics.status}`);
  return metrics.body;
}

/** The labels of one sample line, `name{a="1",b="2"} 3`. */
function labelsOf(line: string): Map<string, string> {
  const text = line.slice(line.indexOf('{') + 1, line.lastIndexOf('}'));
  return new Map([...text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k!, v!]));
}

/** The value of the first sample of `name` carrying every label given; undefined if there is none. */
export function sample(
  metrics: string,
  name: string,
  labels: Record<string, string>,
): number | undefined {
  const line = metrics.split('\n').find((candidate) => {
    if (!candidate.startsWith(`${name}{`)) return false;
    const found = labelsOf(candidate);
    return Object.entries(labels).every(([label, value]) => found.get(label) === value);
  });
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}
