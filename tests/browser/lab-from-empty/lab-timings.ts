// How long AWS's delays last for the lab-from-empty server: a twentieth in the test suite, so
// CI stays within its budget; `npm run bench -- --only aws-timings` runs the same walk-through
// at full length (LABBOOK_LAB_TIMINGS_SCALE=1). The specs' waits grow with the scale, so a
// slower sandbox is waited for, never failed.
const CI_SCALE = 0.05;

/** The lab-from-empty server's LABBOOK_TIMINGS_SCALE. */
export const LAB_TIMINGS_SCALE = Number(process.env.LABBOOK_LAB_TIMINGS_SCALE ?? CI_SCALE);

/** A wait chosen for the CI scale, stretched by as much as AWS's delays are. */
export const labTimeout = (ms: number): number => Math.round(ms * Math.max(1, LAB_TIMINGS_SCALE / CI_SCALE));
