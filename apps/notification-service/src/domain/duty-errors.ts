/** Why the duty roster rules refuse: stable codes clients branch on (messages may change). */
export const DutyErrors = {
  /** Slots that do not make one person accountable at a time, or too many. */
  ROSTER_INVALID: 'DUTY.ROSTER_INVALID',
  /** Only a party's own focal points keep its roster; the secretariat may read it. */
  NOT_YOUR_PARTY: 'DUTY.NOT_YOUR_PARTY',
} as const;

/** Why a duty page refuses. */
export const PageErrors = {
  /** No page by that id that reached the caller: the same answer as none at all. */
  NOT_FOUND: 'PAGE.NOT_FOUND',
} as const;
