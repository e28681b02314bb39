// The runtimes Lambda offers for new functions, newest first, from botocore's lambda
// 2015-03-31 model (Runtime) less those AWS has deprecated. Plain values, no SDK: a chapter's
// resource declarations (steps/declared/schema.ts) are checked against them when content loads.
export const PYTHON_RUNTIMES = ['python3.14', 'python3.13', 'python3.12', 'python3.11', 'python3.10'] as const;
export const NODE_RUNTIMES = ['nodejs24.x', 'nodejs22.x', 'nodejs20.x'] as const;
