// Reads a V8 .cpuprofile (the JSON of the inspector's Profiler.stop) and sums its samples: self
// time by function and by package, and time of every sample whose stack holds a given frame. A
// sample lasts until the next one (timeDeltas), so times are wall time in which the thread ran or
// waited for a core: on a busy machine read them as shares, and scale by the measured CPU time.
import fs from 'node:fs';

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** The package a frame's code belongs to: an npm package, an app or lib of this repo, Node, V8. */
export function packageOf(frame) {
  const { url, functionName } = frame;
  if (SPECIAL.has(functionName) && !url) return functionName;
  if (!url) return '(V8 builtin)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = url.slice(modules + 14).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const repo = /\/dist\/(apps|libs)\/([^/]+)\//.exec(url);
  if (repo) return repo[1] === 'apps' ? `app:${repo[2]}` : `@bp/${repo[2]}`;
  if (url.startsWith('node:')) {
    const parts = url.slice(5).split('/');
    return `node:${parts[0] === 'internal' ? (parts[1] ?? 'internal') : parts[0]}`;
  }
  return url;
}

/** Whether a frame is runtime plumbing (Node internals, V8 builtins) rather than code that chose the work. */
const plumbing = (pkg) => pkg.startsWith('node:') || pkg === '(V8 builtin)';

export function frameLabel(frame) {
  const file = frame.url ? frame.url.replace(/^.*\/(node_modules|dist)\//, '') : '';
  const where = file ? ` ${file}:${frame.lineNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'}${where}`;
}

/** The profile with, per sample, its leaf node and duration in µs; nodes know their parents. */
export function loadProfile(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map();
  for (const node of profile.nodes) {
    node.pkg = packageOf(node.callFrame);
    byId.set(node.id, node);
  }
  for (const node of profile.nodes)
    for (const child of node.children ?? []) byId.get(child).parent = node;
  const deltas = profile.timeDeltas;
  const samples = profile.samples.map((id, i) => ({
    node: byId.get(id),
    us: deltas[i + 1] ?? profile.endTime - profile.startTime - deltas.reduce((a, b) => a + b, 0),
  }));
  return { profile, byId, samples: samples.filter((sample) => sample.us > 0) };
}

/** Frames from the leaf up to (not including) the root. */
export function stackOf(node) {
  const stack = [];
  for (let at = node; at && at.callFrame.functionName !== '(root)'; at = at.parent) stack.push(at);
  return stack;
}

const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);

export function summarise({ samples }) {
  const totals = { totalUs: 0, idleUs: 0, gcUs: 0, programUs: 0 };
  for (const { node, us } of samples) {
    totals.totalUs += us;
    const name = node.callFrame.functionName;
    if (name === '(idle)') totals.idleUs += us;
    else if (name === '(garbage collector)') totals.gcUs += us;
    else if (name === '(program)') totals.programUs += us;
  }
  totals.busyUs = totals.totalUs - totals.idleUs;
  return totals;
}

/** Self time by function (file and line), idle left out. */
export function selfByFunction({ samples }) {
  const map = new Map();
  const frames = new Map();
  for (const { node, us } of samples) {
    if (node.callFrame.functionName === '(idle)') continue;
    const label = frameLabel(node.callFrame);
    frames.set(label, node.pkg);
    add(map, label, us);
  }
  return sorted(map).map(([label, us]) => ({ label, pkg: frames.get(label), us }));
}

/**
 * Self time by package. `folded`: time in Node internals and V8 builtins (JSON.stringify, Buffer,
 * streams, crypto) goes to the nearest caller outside them, the package that asked for the work.
 */
export function selfByPackage({ samples }, { folded = false } = {}) {
  const map = new Map();
  for (const { node, us } of samples) {
    if (node.callFrame.functionName === '(idle)') continue;
    let owner = node.pkg;
    if (folded && plumbing(owner)) {
      const caller = stackOf(node).find((frame) => !plumbing(frame.pkg));
      owner = caller ? caller.pkg : `${owner} (no caller)`;
    }
    add(map, owner, us);
  }
  return sorted(map);
}

/** Time of the samples with a frame of this function anywhere in their stack (each sample once). */
export function inclusiveByFunction({ samples }) {
  const map = new Map();
  for (const { node, us } of samples) {
    if (SPECIAL.has(node.callFrame.functionName)) continue;
    const seen = new Set(stackOf(node).map((frame) => frameLabel(frame.callFrame)));
    for (const label of seen) add(map, label, us);
  }
  return sorted(map);
}

/**
 * Time per cost, for a list of `{ label, match(frame, pkg), self? }` (self: the leaf frame only): a sample counts for every cost whose
 * frame is in its stack (`inclusive`), and once, for the cost nearest the leaf (`exclusive`), so
 * the exclusive column adds up and the inclusive one says what a cost pulls in below it.
 */
export function byCost({ samples }, costs) {
  const inclusive = new Map(costs.map((cost) => [cost.label, 0]));
  const exclusive = new Map(costs.map((cost) => [cost.label, 0]));
  let unassigned = 0;
  for (const { node, us } of samples) {
    const name = node.callFrame.functionName;
    if (name === '(idle)') continue;
    const stack = name === '(garbage collector)' || name === '(program)' ? [node] : stackOf(node);
    let first = null;
    const hit = new Set();
    for (const frame of stack)
      for (const cost of costs)
        if (
          !hit.has(cost.label) &&
          (!cost.self || frame === stack[0]) &&
          cost.match(frame.callFrame, frame.pkg)
        ) {
          hit.add(cost.label);
          first ??= cost.label;
        }
    for (const label of hit) add(inclusive, label, us);
    if (first) add(exclusive, first, us);
    else unassigned += us;
  }
  return {
    rows: costs.map((cost) => ({
      label: cost.label,
      inclusiveUs: inclusive.get(cost.label),
      exclusiveUs: exclusive.get(cost.label),
    })),
    unassignedUs: unassigned,
  };
}

/** Top-down tree of busy time, children above `minShare` of it, as indented lines. */
export function topDown(loaded, { minShare = 0.01, maxDepth = 40 } = {}) {
  const inclusive = new Map();
  for (const { node, us } of loaded.samples) {
    if (node.callFrame.functionName === '(idle)') continue;
    for (let at = node; at; at = at.parent) add(inclusive, at.id, us);
  }
  const root = loaded.profile.nodes.find((node) => node.callFrame.functionName === '(root)');
  const busy = inclusive.get(root.id) ?? 1;
  const lines = [];
  const walk = (node, depth) => {
    const children = (node.children ?? [])
      .map((id) => loaded.byId.get(id))
      .filter((child) => (inclusive.get(child.id) ?? 0) >= minShare * busy)
      .sort((a, b) => inclusive.get(b.id) - inclusive.get(a.id));
    for (const child of children) {
      const share = ((100 * inclusive.get(child.id)) / busy).toFixed(1).padStart(5);
      lines.push(`${share}% ${'  '.repeat(depth)}${frameLabel(child.callFrame)} [${child.pkg}]`);
      if (depth < maxDepth) walk(child, depth + 1);
    }
  };
  walk(root, 0);
  return lines;
}

/** Self time of the frames `match` accepts, by the nearest caller outside Node and V8 (who asked). */
export function callersOf({ samples }, match) {
  const map = new Map();
  for (const { node, us } of samples) {
    if (!match(node)) continue;
    const caller = stackOf(node).find((frame) => !plumbing(frame.pkg));
    add(map, caller ? `${frameLabel(caller.callFrame)} [${caller.pkg}]` : '(none)', us);
  }
  return sorted(map);
}
