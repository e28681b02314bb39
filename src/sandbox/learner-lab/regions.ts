// The regions an AWS Academy Learner Lab account may use. Pure data, so the page
// (cloud/target.ts, the Target panel) and the sandbox (learner-lab/policy.ts) share one list.

/** The regions a Learner Lab account may use; others work with an account of one's own. */
export const LEARNER_LAB_REGIONS = ['us-east-1', 'us-west-2'];
