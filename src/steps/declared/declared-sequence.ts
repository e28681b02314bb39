// A chapter's declared API as one guided run (<LabSequence sequence="<chapter slug>/<name>" />),
// as the lab's own APIs are: its steps in order, the names they share changed once for all,
// and the invoke URL at the end. Built in the page from the data the build hands the widget.
import { findInvokeUrl } from '../actions/api-address.ts';
import type { Sequence } from '../sequences.ts';
import { declaredSteps, type DeclaredResource } from './declared-step.ts';

const API_NAME = { name: 'apiName', label: 'API name' };
const STAGE_NAME = { name: 'stageName', label: 'Stage name' };

/** The declared resource's run of steps, if it makes several (an API); undefined for one of a single step. */
export function declaredSequence(resource: DeclaredResource): Sequence | undefined {
  const { declaration, stepId } = resource;
  if (declaration.kind !== 'http-api' && declaration.kind !== 'websocket-api') return undefined;
  const http = declaration.kind === 'http-api';
  return {
    id: stepId,
    title: `Build the ${http ? 'HTTP' : 'WebSocket'} API ${declaration.name}`,
    steps: declaredSteps(resource),
    // A WebSocket API's routes each invoke a function of their own, so only an HTTP API shares one.
    sharedNames: http ? [API_NAME, { name: 'functionName', label: 'Function name' }, STAGE_NAME] : [API_NAME, STAGE_NAME],
    addressOf: (ctx, inputs) => findInvokeUrl(ctx, String(inputs.apiName), String(inputs.stageName)),
  };
}
