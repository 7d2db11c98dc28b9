import { ProblemDetails } from '@bp/contracts';

/** A service answered with a problem: passed through to the client as it is. */
export class ServiceProblem extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
  }
}
