// Integration files first, end-to-end files after: the end-to-end files share one running stack of
// apps (test/support/apps-for-file.ts releases, not stops, them), and an integration file must not
// find those apps in its consumer groups. Within each group, Jest's own order (failed and slow first).
const Sequencer = require('@jest/test-sequencer').default;

const endToEnd = (test) => test.path.endsWith('.e2e-spec.ts');

class IntegrationOrder extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    return [...ordered.filter((test) => !endToEnd(test)), ...ordered.filter(endToEnd)];
  }
}

module.exports = IntegrationOrder;
