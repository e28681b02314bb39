// Every step and check by id: what widgets name in a chapter (<LabStep step="…" />,
// <CheckMyWork check="…" />) and what teardown walks back.
import type { Check } from './checks.ts';
import type { AnyStep } from './model.ts';
import { task81ApiCheck } from './task-8-1/api-check.ts';
import { task81FirstHalfCheck } from './task-8-1/check.ts';
import { functionStep } from './task-8-1/function.ts';
import { HTTP_API_STEPS } from './task-8-1/http-api.ts';
import { tableStep } from './task-8-1/table.ts';
import { task82ApiCheck, task82BackendCheck, task82StreamCheck } from './task-8-2/checks.ts';
import { BACKEND_STEPS } from './task-8-2/functions.ts';
import { STREAM_STEPS } from './task-8-2/stream.ts';
import { WEBSOCKET_API_STEPS } from './task-8-2/websocket-api.ts';

/** In the order the lab makes them; teardown removes them in reverse. */
export const STEPS: readonly AnyStep[] = [tableStep, functionStep, ...HTTP_API_STEPS, ...BACKEND_STEPS, ...WEBSOCKET_API_STEPS, ...STREAM_STEPS];

/** The checks' code, in check-list.ts's order; the check widgets import() it only when a check runs. */
export const CHECKS: readonly Check[] = [task81FirstHalfCheck, task81ApiCheck, task82BackendCheck, task82ApiCheck, task82StreamCheck];

export const stepById = (id: string): AnyStep | undefined => STEPS.find((step) => step.id === id);
export const checkById = (id: string): Check | undefined => CHECKS.find((check) => check.id === id);
